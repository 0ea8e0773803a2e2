/**
 * @module leads/idempotency
 * Idempotency keys the way Stripe has them: the first response to a key is stored with a hash of
 * the request body; a retry with the same key and body gets that response again (nothing is done
 * twice), the same key with a different body is refused (422). Keys live per caller (a public key
 * or a user), so two landing pages cannot collide. A request refused before work started
 * (invalid body) stores nothing, so the caller may fix the body and retry with the same key.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tables } from '../storage/index.ts';
import { CrmError, invalid } from '../errors.ts';

export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A stable hash of a parsed body: key order does not matter, values do. */
export function bodyHash(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(value)))
    .digest('base64url');
}

export function checkIdempotencyKey(key: string): void {
  if (!/^[\x21-\x7e]{8,255}$/.test(key))
    throw invalid('The Idempotency-Key header must be 8–255 visible ASCII characters', [
      { path: 'Idempotency-Key', message: 'malformed' },
    ]);
}

/** The 422 for a key used again with another body. */
export const reusedKey = () =>
  new CrmError(
    'invalid',
    'This Idempotency-Key was already used with a different request body; use a new key for a new request',
    { problems: [{ path: 'Idempotency-Key', message: 'reused with another body' }] },
  );

/**
 * The stored response for (scope, key), or null. Throws 422 when the key was used with another body.
 * @example
 * const prior = await priorResponse(ctx, 'public-key:0193…', key, bodyHash(body));
 */
export async function priorResponse(
  ctx: Ctx,
  scope: string,
  key: string,
  hash: string,
): Promise<StoredResponse | null> {
  const t = ctx.t.idempotencyKeys;
  const [row] = await ctx.db
    .select()
    .from(t)
    .where(and(eq(t.scope, scope), eq(t.key, key)))
    .limit(1);
  return responseOf(row ?? null, hash);
}

/** What an idempotency record says about its request. */
export type KeyRow = Pick<Tables['idempotencyKeys']['$inferSelect'], 'bodyHash' | 'status' | 'response'>;

/** A stored record's answer to a request with body hash `hash` (see `priorResponse`). */
export function responseOf(row: KeyRow | null, hash: string): StoredResponse | null {
  if (!row) return null;
  if (row.bodyHash !== hash) throw reusedKey();
  if (row.status === 0)
    throw new CrmError('conflict', 'A request with this Idempotency-Key is still being processed; retry in a moment');
  return { status: row.status, body: row.response };
}

/**
 * The stored records of many (scope, key) pairs in one query (a group-commit batch's leads), by
 * `scope + "\n" + key`.
 * @example
 * const rows = await storedKeys(tx, [{ scope: 'public-key:0193…', key: 'f1c2…' }]);
 */
export async function storedKeys(
  ctx: Ctx,
  pairs: ReadonlyArray<{ scope: string; key: string }>,
): Promise<Map<string, KeyRow>> {
  const out = new Map<string, KeyRow>();
  if (!pairs.length) return out;
  const t = ctx.t.idempotencyKeys;
  const rows = await ctx.db
    .select({ scope: t.scope, key: t.key, bodyHash: t.bodyHash, status: t.status, response: t.response })
    .from(t)
    .where(
      and(
        inArray(t.scope, [...new Set(pairs.map((p) => p.scope))]),
        inArray(t.key, [...new Set(pairs.map((p) => p.key))]),
      ),
    );
  for (const r of rows) out.set(`${r.scope}\n${r.key}`, r);
  return out;
}

/**
 * Record the first response to (scope, key) inside the intake transaction that produced it, so the
 * lead and its answer commit together. A concurrent twin on PostgreSQL hits the primary key, rolls
 * back and replays this answer; on SQLite the writers are serialised, so the twin sees it at once.
 * @example
 * await storeFirstResponse(tx, 'public-key:0193…', key, hash, { status: 201, body: { id } });
 */
export async function storeFirstResponse(
  ctx: Ctx,
  scope: string,
  key: string,
  hash: string,
  response: StoredResponse,
): Promise<void> {
  await ctx.db.insert(ctx.t.idempotencyKeys).values({
    scope,
    key,
    bodyHash: hash,
    status: response.status,
    response: response.body,
    createdAt: ctx.clock.now(),
  });
}
