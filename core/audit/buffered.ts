/**
 * @module audit/buffered
 * Entries that record an observation and change no data — a read of personal data (a client card
 * opened, a list or search, an export), a failed sign-in — are not written on the request's path:
 * they wait in memory per database and are chained in one transaction at most `READ_FLUSH_MS`
 * after the first of them (or at once when `FLUSH_AT` wait), and on shutdown (`flushBuffered`,
 * called by `crm.close()`). So a GET pays no database round trip for its audit entry.
 *
 * The trade-off: an entry is built when the read happens (its time, actor and subject are exact),
 * but reaches the database up to 100 ms later; a process killed outright (SIGKILL, power loss)
 * loses the reads of its last 100 ms. A failed write (the database away) keeps the entries and
 * tries again a second later, keeping up to `MAX_KEPT` of them.
 */
import { inTransaction, type Ctx } from '../context.ts';
import type { Database } from '../storage/index.ts';
import { appendChained, type AuditRow } from './chain.ts';
import { auditRow, type AuditEntry } from './log.ts';

/** Longest wait between a buffered entry and its write. */
export const READ_FLUSH_MS = 100;
/** Entries waiting that trigger a write at once. */
const FLUSH_AT = 1_000;
/** The most entries kept while the database is away (the oldest are dropped beyond it). */
const MAX_KEPT = 20_000;

/** What the request path records: plain references, no id, JSON or hash (those are made at flush). */
interface Noted {
  ctx: Ctx;
  entry: AuditEntry;
  at: Date;
}

interface Waiting {
  rows: Noted[];
  timer: ReturnType<typeof setTimeout> | null;
  /** A context of the runtime (outside any transaction) to write with. */
  base: Ctx;
  /** The write in progress: flushes run one after another, so entries keep their order. */
  last: Promise<void>;
}

const waiting = new WeakMap<Database, Waiting>();

/** A closed client or pool (libsql, pg): retrying cannot help. */
const closed = (e: unknown) =>
  /client is closed|CLIENT_CLOSED|after calling end/i.test(
    `${(e as Error)?.message} ${(e as { code?: string })?.code}`,
  );

/**
 * Note a read of personal data (or a failed sign-in): built now, written within 100 ms.
 * @example
 * bufferAudit(ctx, { action: 'client.read', entity: 'client', entityId: id });
 */
export function bufferAudit(ctx: Ctx, entry: AuditEntry): void {
  let w = waiting.get(ctx.database);
  if (!w) {
    w = { rows: [], timer: null, base: { ...ctx, db: ctx.database.db }, last: Promise.resolve() };
    waiting.set(ctx.database, w);
  }
  w.rows.push({ ctx, entry, at: ctx.clock.now() });
  if (w.rows.length >= FLUSH_AT) void flushBuffered(ctx.database);
  else if (!w.timer) {
    w.timer = setTimeout(() => void flushBuffered(ctx.database), READ_FLUSH_MS);
    w.timer.unref?.();
  }
}

/**
 * Write what waits now (and wait for writes in progress). `crm.close()` calls it before closing the database.
 * @example
 * await flushBuffered(crm.database);
 */
export function flushBuffered(database: Database): Promise<void> {
  const w = waiting.get(database);
  if (!w) return Promise.resolve();
  if (w.timer) clearTimeout(w.timer);
  w.timer = null;
  const noted = w.rows.splice(0);
  if (!noted.length) return w.last;
  const rows: AuditRow[] = noted.map((n) => auditRow(n.ctx, n.entry, n.at));
  w.last = w.last.then(async () => {
    try {
      await inTransaction(w.base, (tx) => appendChained(tx, rows));
    } catch (e) {
      if (closed(e)) {
        // Nowhere to write any more: the database was closed before its last reads were flushed.
        console.error(
          `audit: ${noted.length} buffered entries dropped: the database was closed first (use crm.close())`,
        );
        return;
      }
      // Kept for the next flush (oldest first), within the bound; the reason in one line, no values.
      w.rows.unshift(...noted.slice(Math.max(0, noted.length + w.rows.length - MAX_KEPT)));
      if (!w.timer && w.rows.length) {
        w.timer = setTimeout(() => void flushBuffered(database), READ_FLUSH_MS * 10);
        w.timer.unref?.();
      }
      console.error(`audit: ${noted.length} buffered entries not written yet (${(e as Error).name}); retrying`);
    }
  });
  return w.last;
}
