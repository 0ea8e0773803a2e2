/**
 * @module clients/keys
 * Keyed hashes of a client's identifiers, phones and e-mails (table `client_keys`): the only form
 * in which they are indexed. Duplicates and identifier searches are equality lookups on the hash.
 */
import { createHmac } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { clientScope } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { identifierValidators, parsePhone } from '../ids/index.ts';
import { keyedHash } from '../auth/index.ts';
import type { KeyKind, KindFields } from './fields.ts';

/** The hash of one value of a kind, or null when the value is not valid for that kind. */
export function hashOf(secret: string, kind: KeyKind, value: string): string | null {
  if (kind === 'email') {
    const v = value.trim().toLowerCase();
    return /^[^@\s]+@[^@\s]+$/.test(v) ? createHmac('sha256', secret).update(`email:${v}`).digest('hex') : null;
  }
  const ok = (kind === 'phone' ? parsePhone(value) : identifierValidators[kind](value)).ok;
  return ok ? keyedHash(secret, kind, value) : null;
}

/** The client_keys rows for a client's (normalised) data. */
export function keysOf(
  secret: string,
  kf: KindFields,
  data: Record<string, unknown>,
): Array<{ field: string; kind: KeyKind; hash: string }> {
  const out: Array<{ field: string; kind: KeyKind; hash: string }> = [];
  for (const f of kf.fields.values()) {
    const v = data[f.name];
    if (!f.key || typeof v !== 'string') continue;
    const hash = hashOf(secret, f.key, v);
    if (hash) out.push({ field: f.name, kind: f.key, hash });
  }
  return out;
}

/** Rewrite a client's keys (inside the caller's transaction). */
export async function storeKeys(ctx: Ctx, clientId: string, keys: ReturnType<typeof keysOf>): Promise<void> {
  await ctx.db.delete(ctx.t.clientKeys).where(eq(ctx.t.clientKeys.clientId, clientId));
  if (keys.length) await ctx.db.insert(ctx.t.clientKeys).values(keys.map((k) => ({ clientId, ...k })));
}

export type DuplicateProbe = Partial<Record<KeyKind, string | null | undefined>>;
export interface Duplicate {
  id: string;
  ownerId: string | null;
  unitId: string | null;
  matched: KeyKind[];
}

/**
 * Clients the actor may see that share an identifier, phone or e-mail with the probe, by the
 * config's `clients.dedupe` kinds. Values are compared by keyed hash; invalid values are ignored.
 * A lead importer that must see the whole firm calls it with the system context.
 * @example
 * await findDuplicates(ctx, { pesel: '44051401359', phone: '600 100 200', email: 'jan@x.pl' })
 * // [{ id: '0193…', ownerId: '…', unitId: '…', matched: ['pesel', 'phone'] }]
 */
export async function findDuplicates(
  ctx: Ctx,
  probe: DuplicateProbe,
  options: { excludeId?: string } = {},
): Promise<Duplicate[]> {
  const allowed = new Set<string>(ctx.config.clients.dedupe);
  const byHash = new Map<string, KeyKind>();
  for (const [kind, value] of Object.entries(probe) as [KeyKind, string | null | undefined][]) {
    if (!value || !allowed.has(kind)) continue;
    const h = hashOf(ctx.secret, kind, value);
    if (h) byHash.set(h, kind);
  }
  if (!byHash.size) return [];
  const { t } = ctx;
  const rows = await ctx.db
    .select({ id: t.clients.id, ownerId: t.clients.ownerId, unitId: t.clients.unitId, hash: t.clientKeys.hash })
    .from(t.clientKeys)
    .innerJoin(t.clients, eq(t.clients.id, t.clientKeys.clientId))
    .where(and(inArray(t.clientKeys.hash, [...byHash.keys()]), clientScope(ctx, 'clients:read')));
  const out = new Map<string, Duplicate>();
  for (const r of rows) {
    if (r.id === options.excludeId) continue;
    const d = out.get(r.id) ?? { id: r.id, ownerId: r.ownerId, unitId: r.unitId, matched: [] };
    const kind = byHash.get(r.hash)!;
    if (!d.matched.includes(kind)) d.matched.push(kind);
    out.set(r.id, d);
  }
  return [...out.values()];
}
