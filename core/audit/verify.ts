/**
 * @module audit/verify
 * Walks the chain in sequence order, a page at a time (keyset on `seq`, so memory stays flat at any
 * size), recomputes every entry's hash and checks its link to the one before, then compares the
 * last entry with the chain head. The first broken entry is named with its seq and id:
 * - edited: its contents no longer give its hash;
 * - deleted: a seq is missing (the next entry is named), or the chain ends before the head says;
 * - reordered or inserted: an entry's previous hash is not the hash of the entry before it, or its
 *   seq does not follow; an entry outside the chain (no seq) is named too.
 * Someone able to rewrite the whole table and the head could recompute every hash: the head's seq and
 * hash printed by `broker-crm audit verify` are the anchor to keep elsewhere (see docs/security.md).
 */
import { and, asc, count, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Db, Tables } from '../storage/index.ts';
import { entryHash, GENESIS } from './canonical.ts';
import { HEAD_ID } from './chain.ts';

export interface VerifyOptions {
  /** Entries read per query (default 5000). */
  pageSize?: number;
  /** Called after each page with the entries checked so far. */
  onProgress?: (checked: number) => void;
}

export interface VerifyResult {
  ok: boolean;
  /** Entries checked in the chain. */
  entries: number;
  /** The chain head as stored: its seq and hash (the anchor to keep elsewhere). */
  head: { seq: number; hash: string };
  /** The first broken entry: its seq and id (null when the break is at the end or outside the chain), and why. */
  broken?: { seq: number | null; id: string | null; reason: string };
}

/**
 * @example
 * const r = await verifyAuditChain(crm.database);
 * if (!r.ok) console.log(`broken at seq ${r.broken!.seq} (${r.broken!.id}): ${r.broken!.reason}`);
 */
export async function verifyAuditChain(
  database: { db: Db; t: Tables },
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const { db, t } = database;
  const a = t.auditLog;
  const pageSize = options.pageSize ?? 5000;
  const readHead = async () => {
    const [row] = await db.select().from(t.auditChainHead).where(eq(t.auditChainHead.id, HEAD_ID));
    return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? GENESIS };
  };
  // The chain as of now: entries committed while the walk runs lie past this head and are left for next time.
  const head = await readHead();
  let expected = 1;
  let prev = GENESIS;
  let checked = 0;
  const fail = (seq: number | null, id: string | null, reason: string): VerifyResult => ({
    ok: false,
    entries: checked,
    head,
    broken: { seq, id, reason },
  });
  for (;;) {
    const page = await db
      .select()
      .from(a)
      .where(and(gt(a.seq, expected - 1), lte(a.seq, head.seq)))
      .orderBy(asc(a.seq))
      .limit(pageSize);
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expected)
        return fail(seq, r.id, `entry ${expected} is missing (deleted or renumbered): the chain jumps to ${seq}`);
      if (r.prevHash !== prev)
        return fail(
          seq,
          r.id,
          `its previous hash is not the hash of entry ${seq - 1} (an entry was inserted, reordered or rewritten here)`,
        );
      if (entryHash({ ...r, seq, prevHash: prev }) !== r.hash)
        return fail(seq, r.id, 'its contents do not match its hash (edited)');
      prev = r.hash;
      expected += 1;
      checked += 1;
    }
    options.onProgress?.(checked);
    if (page.length < pageSize) break;
  }
  if (head.seq > checked)
    return fail(null, null, `the chain ends at entry ${checked} but its head says ${head.seq} (entries deleted)`);
  if (head.hash !== prev) return fail(checked, null, 'the last entry is not the one the chain head records');
  // Past the head: the last entry beyond the head read AFTER it (a writer commits its entries and the head together).
  const past = await db
    .select({ id: a.id, seq: a.seq })
    .from(a)
    .where(gt(a.seq, head.seq))
    .orderBy(desc(a.seq))
    .limit(1);
  const now = await readHead();
  if (past[0] && Number(past[0].seq) > now.seq)
    return fail(Number(past[0].seq), past[0].id, `it lies past the chain head (${now.seq}): added outside the CRM`);
  const [loose] = await db.select({ id: a.id }).from(a).where(isNull(a.seq)).orderBy(asc(a.at), asc(a.id)).limit(1);
  if (loose) {
    const [{ n }] = (await db.select({ n: count() }).from(a).where(isNull(a.seq))) as [{ n: number }];
    return fail(
      null,
      loose.id,
      head.seq === 0
        ? `${n} entries were written before the chain existed; the next audited change chains them`
        : `${n} entries stand outside the chain (no seq): written around the CRM`,
    );
  }
  return { ok: true, entries: checked, head };
}
