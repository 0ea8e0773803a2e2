/**
 * @module leads/source-keys
 * Public source keys (`bpk_…`) for landing pages. A public key is not a secret — it sits in the
 * page's HTML — so it grants one thing only: creating leads of its own client type and source
 * (and partner, if bound to one), from the origins on its list. Spam limits guard the rest.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { assertValidClassification } from '../clients/index.ts';
import { writeAudit } from '../audit/index.ts';
import { randomToken } from '../auth/index.ts';
import { busFor } from '../bus/index.ts';
import { inTransaction, type Ctx, type Runtime } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';

export type SourceKey = Tables['leadSourceKeys']['$inferSelect'];
export interface SourceKeyInput {
  name: string;
  clientType: string;
  source: string;
  origins: string[];
  partnerId?: string | null;
}

/** `https://host[:port]` exactly as browsers send it in `Origin`. */
export function normalizeOrigin(o: string): string | null {
  try {
    const u = new URL(o);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin !== 'null' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * @example
 * const { key } = await createSourceKey(ctx, { name: 'Landing: kredyt hipoteczny', clientType: 'company-acquired',
 *   source: 'website-form', origins: ['https://kredyty.kredyt-dom.pl'] });
 */
export async function createSourceKey(ctx: Ctx, input: SourceKeyInput): Promise<SourceKey> {
  requirePermission(ctx.actor, 'apikeys:write');
  const origins = input.origins.map(normalizeOrigin);
  const bad = origins.findIndex((o) => !o);
  if (bad >= 0)
    throw invalid('Every origin must be like https://www.example.pl', [
      { path: `/origins/${bad}`, message: 'not an http(s) origin' },
    ]);
  assertValidClassification(ctx, {
    type: input.clientType,
    source: input.source,
    partnerId: input.partnerId ?? null,
    referrerId: null,
  });
  if (input.partnerId) {
    const [p] = await ctx.db
      .select({ id: ctx.t.partners.id })
      .from(ctx.t.partners)
      .where(eq(ctx.t.partners.id, input.partnerId))
      .limit(1);
    if (!p) throw invalid('Unknown partner', [{ path: '/partnerId', message: 'no partner with this id' }]);
  }
  const row: SourceKey = {
    id: newId(),
    key: `bpk_${randomToken(18).replace(/[-_]/g, 'x')}`,
    name: input.name,
    clientType: input.clientType,
    source: input.source,
    origins: [...new Set(origins as string[])],
    partnerId: input.partnerId ?? null,
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
    revokedAt: null,
  };
  await ctx.db.insert(ctx.t.leadSourceKeys).values(row);
  await writeAudit(ctx, {
    action: 'lead-source-key.create',
    entity: 'lead_source_key',
    entityId: row.id,
    data: { name: row.name, origins: row.origins },
  });
  return row;
}

export async function listSourceKeys(ctx: Ctx): Promise<SourceKey[]> {
  requirePermission(ctx.actor, 'apikeys:write');
  return ctx.db.select().from(ctx.t.leadSourceKeys).orderBy(desc(ctx.t.leadSourceKeys.createdAt));
}

export async function revokeSourceKey(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'apikeys:write');
  const [row] = await ctx.db
    .update(ctx.t.leadSourceKeys)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(ctx.t.leadSourceKeys.id, id), isNull(ctx.t.leadSourceKeys.revokedAt)))
    .returning();
  if (!row) throw notFound('Source key', id);
  await writeAudit(ctx, { action: 'lead-source-key.revoke', entity: 'lead_source_key', entityId: id });
  // Every instance forgets its cached keys: the revoked key is refused everywhere at once.
  await busFor(ctx.database).publish('lead-source-key', id);
}

/**
 * Replace a key with a new one of the same name, client type, source, origins and partner, and
 * revoke the old one in the same transaction: a page still showing the old key stops sending leads
 * at once, so rotate when the new snippet is ready to go live.
 * @example
 * const fresh = await rotateSourceKey(ctx, oldId); // fresh.key is the new `bpk_…`
 */
export async function rotateSourceKey(ctx: Ctx, id: string): Promise<SourceKey> {
  requirePermission(ctx.actor, 'apikeys:write');
  const fresh = await inTransaction(ctx, async (tx) => {
    const [old] = await tx.db
      .select()
      .from(tx.t.leadSourceKeys)
      .where(and(eq(tx.t.leadSourceKeys.id, id), isNull(tx.t.leadSourceKeys.revokedAt)))
      .limit(1);
    if (!old) throw notFound('Source key', id);
    const created = await createSourceKey(tx, {
      name: old.name,
      clientType: old.clientType,
      source: old.source,
      origins: old.origins,
      partnerId: old.partnerId,
    });
    await revokeSourceKey(tx, id);
    await writeAudit(tx, {
      action: 'lead-source-key.rotate',
      entity: 'lead_source_key',
      entityId: id,
      data: { replacedBy: created.id },
    });
    return created;
  });
  forgetSourceKeys(ctx);
  // Again after the commit: an instance that re-read the old key meanwhile forgets it too.
  await busFor(ctx.database).publish('lead-source-key', id);
  return fresh;
}

const cache = new WeakMap<object, Map<string, { row: SourceKey | null; at: number }>>();

/**
 * The live key for a presented `bpk_…`, or null (unknown or revoked). Cached for a few seconds per
 * runtime, since a landing page under load presents the same key thousands of times a minute; a
 * revoke in any instance empties the cache through the change bus (`lead-source-key`).
 */
export async function resolveSourceKey(rt: Runtime, presented: string): Promise<SourceKey | null> {
  if (!/^bpk_[A-Za-z0-9]{16,40}$/.test(presented)) return null;
  let m = cache.get(rt.database);
  if (!m) {
    const keys = (m = new Map());
    cache.set(rt.database, keys);
    busFor(rt.database).subscribe('lead-source-key', () => keys.clear());
  }
  const hit = m.get(presented);
  const now = Date.now();
  if (hit && now - hit.at < 5_000) return hit.row;
  const { db, t } = rt.database;
  const [row] = await db.select().from(t.leadSourceKeys).where(eq(t.leadSourceKeys.key, presented)).limit(1);
  const live = row && !row.revokedAt ? row : null;
  if (m.size > 1000) m.clear();
  m.set(presented, { row: live, at: now });
  return live;
}

/** Forget cached keys (after a revoke in this process, so it takes effect at once). */
export function forgetSourceKeys(rt: Runtime): void {
  cache.get(rt.database)?.clear();
}
