/**
 * @module leads/batch-reads
 * What a group-commit batch of leads looks up, read once for the whole batch: the idempotency
 * records of its keys and the clients matching its identifiers (keyed hashes), two queries instead
 * of two per lead. The answers go to the batch's memo; a client created by a lead of the batch is
 * added there (its rows are held back until the batch writes), so a later lead of the same batch
 * finds it as a duplicate.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { clientScope } from '../access/index.ts';
import { hashOf, type DuplicateProbe, type KeyKind } from '../clients/index.ts';
import type { Ctx } from '../context.ts';
import type { BatchRead, Memo } from './group-commit.ts';
import { storedKeys, type KeyRow } from './idempotency.ts';

export interface LeadHint {
  scope: string;
  key?: string;
  /** The keyed hashes of the lead's identifiers (`probeHashes`). */
  hashes: string[];
}

/** A client a lead may match: read from the database, or created earlier in the same batch. */
export interface Candidate {
  id: string;
  ownerId: string | null;
  unitId: string | null;
}

const keyOf = (scope: string, key: string) => `idem:${scope}\n${key}`;
const dupOf = (hash: string) => `dup:${hash}`;

/**
 * The keyed hashes to look a lead up by, as `findDuplicates` computes them (kinds allowed by the
 * clients' dedupe setting, valid values only).
 * @example
 * probeHashes(ctx, { phone: '600100200', email: 'jan@x.pl' }) // ['9f2c…', '41ab…']
 */
export function probeHashes(ctx: Pick<Ctx, 'config' | 'secret'>, probe: DuplicateProbe): string[] {
  const allowed = new Set<string>(ctx.config.clients.dedupe);
  const out: string[] = [];
  for (const [kind, value] of Object.entries(probe) as [KeyKind, string | null | undefined][]) {
    if (!value || !allowed.has(kind)) continue;
    const h = hashOf(ctx.secret, kind, value);
    if (h) out.push(h);
  }
  return out;
}

/** The batch read: every idempotency record and every candidate client of the batch, one query each. */
export const leadReads: BatchRead<LeadHint> = async (tx, memo, hints) => {
  const pairs = hints.flatMap((h) => (h.key ? [{ scope: h.scope, key: h.key }] : []));
  const stored = await storedKeys(tx, pairs);
  for (const p of pairs) memo.set(keyOf(p.scope, p.key), stored.get(`${p.scope}\n${p.key}`) ?? null);
  const hashes = [...new Set(hints.flatMap((h) => h.hashes))];
  if (!hashes.length) return;
  const { t } = tx;
  const byHash = new Map<string, Candidate[]>(hashes.map((h) => [h, []]));
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await tx.db
      .select({ id: t.clients.id, ownerId: t.clients.ownerId, unitId: t.clients.unitId, hash: t.clientKeys.hash })
      .from(t.clientKeys)
      .innerJoin(t.clients, eq(t.clients.id, t.clientKeys.clientId))
      .where(and(inArray(t.clientKeys.hash, hashes.slice(i, i + 500)), clientScope(tx, 'clients:read')));
    for (const r of rows) byHash.get(r.hash)!.push({ id: r.id, ownerId: r.ownerId, unitId: r.unitId });
  }
  for (const [h, list] of byHash) memo.set(dupOf(h), list);
};

/** The stored record of (scope, key) as read for the batch; undefined when the batch did not read it. */
export function batchKey(memo: Memo, scope: string, key: string): KeyRow | null | undefined {
  const k = keyOf(scope, key);
  return memo.has(k) ? (memo.get(k) as KeyRow | null) : undefined;
}

/** The first client matching one of `hashes` (in the order given), from the batch's reads and its new clients. */
export function batchDuplicate(memo: Memo, hashes: readonly string[]): Candidate | null {
  for (const h of hashes) {
    const list = memo.get(dupOf(h)) as Candidate[] | undefined;
    if (list?.length) return list[0]!;
  }
  return null;
}

/** Make a client created in this batch findable by its keys' hashes. */
export function rememberClient(memo: Memo, client: Candidate, hashes: readonly string[]): void {
  for (const h of hashes) memo.set(dupOf(h), [...((memo.get(dupOf(h)) as Candidate[] | undefined) ?? []), client]);
}
