/**
 * @module auth/api-keys
 * API keys for integrations: `bck_<prefix>_<secret>`. Only the secret's digest is stored; the key is
 * shown once. A key acts for its user with the permissions listed on the key, each capped by what
 * the user has at the moment of the request; revoking, expiry or disabling the user stops it.
 */
import { and, desc, eq } from 'drizzle-orm';
import { loadActor, type Actor, isPermission, requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx, type Runtime } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { digest, randomToken, sameDigest } from './tokens.ts';

export interface ApiKeyInfo {
  id: string;
  prefix: string;
  name: string;
  userId: string;
  permissions: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * Create a key for the acting user. The returned `key` is shown once and never stored.
 * @example
 * const { key } = await createApiKey(ctx, { name: 'Portal Otodom', permissions: ['leads:write'] });
 */
export async function createApiKey(
  ctx: Ctx,
  input: { name: string; permissions: string[]; expiresAt?: Date | null },
): Promise<ApiKeyInfo & { key: string }> {
  requirePermission(ctx.actor, 'apikeys:write');
  if (!ctx.actor.userId) throw invalid('API keys belong to a user; sign in as one');
  const problems = input.permissions
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !isPermission(p) || !ctx.actor.permissions.has(p))
    .map(({ p, i }) => ({
      path: `/permissions/${i}`,
      message: isPermission(p) ? `you do not have "${p}" yourself` : `unknown permission "${p}"`,
    }));
  if (problems.length) throw invalid('Invalid permissions for the key', problems);
  const prefix = randomToken(6).replace(/[-_]/g, 'x');
  const secret = randomToken(32);
  const row = {
    id: newId(),
    prefix,
    secretHash: digest(secret),
    name: input.name,
    userId: ctx.actor.userId,
    permissions: input.permissions,
    createdAt: ctx.clock.now(),
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
    lastUsedAt: null,
  };
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(tx.t.apiKeys).values(row);
    await writeAudit(tx, {
      action: 'apikey.create',
      entity: 'api_key',
      entityId: row.id,
      data: { name: input.name, permissions: input.permissions },
    });
  });
  const { secretHash: _omit, ...info } = row;
  return { ...info, key: `bck_${prefix}_${secret}` };
}

export async function listApiKeys(ctx: Ctx): Promise<ApiKeyInfo[]> {
  requirePermission(ctx.actor, 'apikeys:write');
  const { t } = ctx;
  const rows = await ctx.db
    .select()
    .from(t.apiKeys)
    .where(eq(t.apiKeys.userId, ctx.actor.userId ?? ''))
    .orderBy(desc(t.apiKeys.createdAt));
  return rows.map(({ secretHash: _omit, ...r }) => r);
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'apikeys:write');
  const { t } = ctx;
  const owned = ctx.actor.permissions.get('apikeys:write')?.includes('all')
    ? undefined
    : eq(t.apiKeys.userId, ctx.actor.userId ?? '');
  const [row] = await ctx.db
    .update(t.apiKeys)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(t.apiKeys.id, id), owned))
    .returning();
  if (!row) throw notFound('API key', id);
  await writeAudit(ctx, { action: 'apikey.revoke', entity: 'api_key', entityId: id });
}

/** The actor behind a presented key, or null (unknown, wrong secret, revoked, expired, user disabled). */
export async function resolveApiKey(rt: Runtime, presented: string): Promise<Actor | null> {
  const m = /^bck_([A-Za-z0-9]+)_([A-Za-z0-9_-]{20,})$/.exec(presented);
  if (!m) return null;
  const { db, t } = rt.database;
  const now = rt.clock.now();
  const [row] = await db.select().from(t.apiKeys).where(eq(t.apiKeys.prefix, m[1]!)).limit(1);
  if (!row || !sameDigest(row.secretHash, digest(m[2]!)) || row.revokedAt || (row.expiresAt && row.expiresAt <= now))
    return null;
  const actor = await loadActor(rt.database, rt.config, row.userId, { at: now, kind: 'api-key', cap: row.permissions });
  if (actor && (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000))
    await db.update(t.apiKeys).set({ lastUsedAt: now }).where(eq(t.apiKeys.id, row.id));
  return actor;
}
