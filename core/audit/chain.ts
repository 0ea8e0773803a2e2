/**
 * @module audit/chain
 * Appending entries to the one chain. The writer claims its sequence numbers with one
 * `UPDATE audit_chain_head SET seq = seq + n … RETURNING seq, hash`: on PostgreSQL that row lock is
 * held until the writer's transaction ends, so a second writer's UPDATE waits and then reads the
 * head the first one left (READ COMMITTED re-reads the row), and concurrent writers form ONE chain;
 * on SQLite the single writer serialises them anyway. The writer then inserts its entries (multi-row)
 * and stores the new head hash. `log.ts` calls this right before its transaction commits, so the
 * head's lock is the last lock a transaction takes and is held only for these three statements and
 * the commit.
 *
 * Entries written before the chain existed (the column `seq` empty) are adopted by the first writer
 * that finds the chain empty: chained in (at, id) order ahead of its own entries.
 */
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { insertRows } from '../storage/index.ts';
import { entryHash, GENESIS } from './canonical.ts';

/** An entry before it takes its place in the chain. */
export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  clientId: string | null;
  data: Record<string, unknown>;
}

/** The id of the chain head's one row. */
export const HEAD_ID = 1;
/** Rows per multi-row insert: 11 columns × 500 stays far below SQLite's 32,766 bound parameters. */
const CHUNK = 500;

/**
 * Chain `rows` (in their order) after the current head and insert them. Must run inside a
 * transaction (`inTransaction`); the caller's commit publishes the entries and the new head together.
 * @example
 * await inTransaction(ctx, (tx) => appendChained(tx, rows));
 */
export async function appendChained(tx: Ctx, rows: readonly AuditRow[]): Promise<void> {
  if (!rows.length) return;
  const { db, t } = tx;
  const h = t.auditChainHead;
  const claim = () =>
    db
      .update(h)
      .set({ seq: sql`${h.seq} + ${rows.length}` })
      .where(eq(h.id, HEAD_ID))
      .returning({ seq: h.seq, hash: h.hash });
  let [head] = await claim();
  if (!head) {
    // The migration writes the head row; a database restored without it gets it back here.
    await db.insert(h).values({ id: HEAD_ID, seq: 0, hash: GENESIS }).onConflictDoNothing();
    [head] = await claim();
  }
  let seq = Number(head!.seq) - rows.length;
  let prev = head!.hash;
  if (seq === 0) ({ seq, prev } = await adoptLegacy(tx, prev));
  const chained = rows.map((r) => {
    seq += 1;
    const hash = entryHash({ ...r, seq, prevHash: prev });
    const row = { ...r, seq, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  // A statement text kept per row count (insertRows): drizzle rebuilt a batch's 64-row insert on every commit.
  await insertRows(tx.database.dialect, db, t.auditLog, chained, CHUNK);
  await db.update(h).set({ seq, hash: prev }).where(eq(h.id, HEAD_ID));
}

/** Chain the entries written before the chain existed, in (at, id) order. Once per database. */
async function adoptLegacy(tx: Ctx, genesis: string): Promise<{ seq: number; prev: string }> {
  const { db, t } = tx;
  const legacy = await db
    .select()
    .from(t.auditLog)
    .where(isNull(t.auditLog.seq))
    .orderBy(asc(t.auditLog.at), asc(t.auditLog.id));
  let seq = 0;
  let prev = genesis;
  for (const r of legacy) {
    seq += 1;
    const hash = entryHash({ ...r, seq, prevHash: prev });
    await db.update(t.auditLog).set({ seq, prevHash: prev, hash }).where(eq(t.auditLog.id, r.id));
    prev = hash;
  }
  return { seq, prev };
}
