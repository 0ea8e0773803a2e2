/**
 * @module audit/log
 * The append-only audit log: who did what to which record, and when. Entries hold no personal data
 * values (field names, ids and counts, not a PESEL or a phone number).
 *
 * Written in the transaction that makes the change, chained just before that transaction commits:
 * `writeAudit` inside a transaction collects the entries, and a `beforeCommit` hook appends them to
 * the chain (`chain.ts`), so the chain head's lock is the last one the transaction takes (no
 * deadlock with the rows it changed) and a rolled-back transaction or savepoint leaves no entry.
 * Outside a transaction, `writeAudit` opens one of its own. A group-commit context whose inserts are
 * held back (`holdAuditRows`) gets its entries back through `appendAuditRows` when the batch writes.
 */
import { beforeCommit, inOpenTransaction, inTransaction, type Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';
import { plainData } from './canonical.ts';
import { appendChained, type AuditRow } from './chain.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  /** The client the entry is about; defaults to `entityId` for client entries, else `data.clientId`. */
  clientId?: string | null;
  data?: Record<string, unknown>;
}

/** Entries collected per open transaction (or savepoint), chained by one hook before it commits. */
const pending = new WeakMap<object, AuditRow[]>();
/** Query surfaces whose inserts are held back and written later by their owner (group commit). */
const heldBack = new WeakSet<object>();

/** The client an entry is about: given, or the record itself for client entries, or `data.clientId` (sales, leads). */
function clientOf(entry: AuditEntry): string | null {
  if (entry.entity === 'client') return entry.entityId ?? null;
  const named = entry.data?.clientId;
  return typeof named === 'string' ? named : null;
}

/** An entry as a row, for the acting user at the clock's time. */
export function auditRow(ctx: Ctx, entry: AuditEntry, at: Date = ctx.clock.now()): AuditRow {
  const via = ctx.actor.kind !== 'user' ? { via: ctx.actor.kind } : {};
  return {
    id: newId(),
    at,
    actorId: ctx.actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    clientId: entry.clientId ?? clientOf(entry),
    data: plainData({ ...(entry.data ?? {}), ...via }),
  };
}

/**
 * Declare `db` a held-back query surface: audit rows "inserted" through it are unchained rows that
 * its owner hands to `appendAuditRows` when it writes them.
 */
export function holdAuditRows(db: object): void {
  heldBack.add(db);
}

/**
 * Put built rows into the chain: in `ctx`'s transaction just before it commits, or in a transaction
 * of their own when `ctx` is not in one.
 */
export async function appendAuditRows(ctx: Ctx, rows: readonly AuditRow[]): Promise<void> {
  if (!rows.length) return;
  if (heldBack.has(ctx.db)) {
    await ctx.db.insert(ctx.t.auditLog).values([...rows]);
    return;
  }
  if (!inOpenTransaction(ctx)) {
    if (ctx.db !== ctx.database.db) throw new Error('writeAudit needs a transaction opened by inTransaction()');
    await inTransaction(ctx, (tx) => appendChained(tx, rows));
    return;
  }
  let list = pending.get(ctx.db);
  if (!list) {
    const mine: AuditRow[] = (list = []);
    pending.set(ctx.db, mine);
    beforeCommit(ctx, async (tx) => {
      pending.delete(ctx.db);
      await appendChained(tx, mine);
    });
  }
  for (const r of rows) list.push(r);
}

/**
 * @example
 * await writeAudit(ctx, { action: 'unit.move', entity: 'unit', entityId: id, data: { from, to } });
 */
export async function writeAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await appendAuditRows(ctx, [auditRow(ctx, entry)]);
}

/**
 * Many entries at once (a batch import: one `client.create` per client), chained in their order and
 * written in multi-row inserts.
 * @example
 * await writeAudits(tx, ids.map((id) => ({ action: 'client.create', entity: 'client', entityId: id })));
 */
export async function writeAudits(ctx: Ctx, entries: readonly AuditEntry[]): Promise<void> {
  const at = ctx.clock.now();
  await appendAuditRows(
    ctx,
    entries.map((e) => auditRow(ctx, e, at)),
  );
}
