/**
 * @module notifications/worker
 * The outbox worker: claim due rows (record-before-send, see `claim.ts`), re-check each at send
 * time, send through the provider with the row id as the reference, and record what happened.
 * Results are written by a small group-commit writer: whatever finished while the previous write
 * was committing goes in the next transaction, so the gap between "the provider has it" and "our
 * row says so" is one commit, not one batch. See docs/notifications.md for the crash story.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { systemActor } from '../access/index.ts';
import { contextFor, inTransaction, type Ctx, type Runtime } from '../context.ts';
import { failureLine } from '../storage/index.ts';
import type { EmailTransport, SmsProvider } from '../plugin/index.ts';
import { defaultBackoff, retryDelayMs, type BackoffOptions } from './backoff.ts';
import { claimDue, LEASE_LOST, type OutboxRow } from './claim.ts';
import { deliver, type Outcome } from './deliver.ts';

export type RecheckResult = { ok: true } | { ok: false; reason: string };
/** Asked just before sending: is this message still wanted? (meeting exists, consent holds…) */
export type Recheck = (ctx: Ctx, row: OutboxRow) => Promise<RecheckResult>;

export interface OutboxWorkerOptions {
  sms?: SmsProvider;
  email?: EmailTransport;
  /** One re-check for all rows, or one per purpose (rows of other purposes are not re-checked). */
  recheck?: Recheck | Record<string, Recheck>;
  /** Rows per claim (default 50). */
  batchSize?: number;
  /** How long a claim holds a row (default 60 s); after it a crashed worker's rows are claimed again. */
  leaseMs?: number;
  /** Sends in flight at once (default 8). */
  concurrency?: number;
  /** Give up on one provider call after this long, as a temporary failure (default leaseMs / 3). */
  sendTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /**
   * A row whose previous claim ran out (the worker died mid-send) may or may not have reached the
   * provider. `resend` (default) sends it again: right for providers that drop duplicates by our
   * reference (SMSAPI `idx`). `dead-letter` puts it in front of a person instead: at most once, for
   * providers without idempotency (Twilio) when a doubled message is worse than a missing one.
   */
  onInterrupted?: 'resend' | 'dead-letter';
  /** Pause between polls when nothing was due (default 1 s). */
  pollMs?: number;
  /** Where worker-level problems go (default console.error). Per-message errors go to the row. */
  log?: (message: string, error?: unknown) => void;
}

export interface RunSummary {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
  skipped: number;
}

export interface OutboxWorker {
  readonly id: string;
  /** Claim one batch, send it, record it. Never rejects because of a provider. */
  runOnce(): Promise<RunSummary>;
  /** Keep running batches until `stop()`; polls every `pollMs` while nothing is due. */
  start(): void;
  /** Finish the batch in hand, then stop. */
  stop(): Promise<void>;
}

type Result = { row: OutboxRow; set: Partial<OutboxRow>; counted: keyof Omit<RunSummary, 'claimed'> };

/**
 * @example
 * const worker = createOutboxWorker(crm.runtime, { sms: createSmsapiProvider({ token }),
 *   recheck: { 'meeting-reminder': meetingStillOn } });
 * worker.start();
 * process.on('SIGTERM', () => worker.stop());
 */
export function createOutboxWorker(runtime: Runtime, options: OutboxWorkerOptions = {}): OutboxWorker {
  const ctx = contextFor(runtime, systemActor('outbox-worker'));
  const o = ctx.t.outbox;
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const sendTimeoutMs = options.sendTimeoutMs ?? Math.floor(leaseMs / 3);
  const backoff = { ...defaultBackoff, ...options.backoff };
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      // A summary (code, statement shape, ids), never the error itself: its message may hold the SQL
      // parameters, i.e. phone numbers, e-mail addresses and message texts.
      console.error(
        error === undefined ? `outbox worker ${id}: ${message}` : failureLine(`outbox worker ${id}: ${message}`, error),
      ));
  const channels = [options.sms && 'sms', options.email && 'email'].filter((c): c is 'sms' | 'email' => Boolean(c));
  let claims = 0;

  function recheckFor(row: OutboxRow): Recheck | undefined {
    const r = options.recheck;
    return typeof r === 'function' ? r : r?.[row.purpose];
  }

  function resultOf(row: OutboxRow, outcome: Outcome): Result {
    const now = ctx.clock.now();
    const base = { updatedAt: now, claimedBy: null, claimedUntil: null };
    if (outcome.kind === 'sent') {
      return {
        row,
        counted: 'sent',
        set: {
          ...base,
          status: 'sent',
          sentAt: now,
          // A resend after an expired lease keeps that note: the message's history shows it went out twice.
          lastError: row.lastError === LEASE_LOST ? LEASE_LOST : null,
          provider: outcome.provider,
          providerMessageId: outcome.providerMessageId,
          providerStatus: outcome.providerStatus,
          costMinor: outcome.costMinor ?? null,
        },
      };
    }
    const delay = outcome.retryable ? retryDelayMs(row.attempts, backoff, outcome.retryAfterMs) : null;
    if (delay === null) {
      const why = outcome.retryable ? `gave up after ${row.attempts} attempts: ${outcome.message}` : outcome.message;
      return { row, counted: 'dead', set: { ...base, status: 'dead', lastError: why } };
    }
    return {
      row,
      counted: 'failed',
      set: { ...base, status: 'failed', lastError: outcome.message, nextAttemptAt: new Date(now.getTime() + delay) },
    };
  }

  async function handle(row: OutboxRow, claimId: string): Promise<Result | null> {
    if (row.lastError === LEASE_LOST && options.onInterrupted === 'dead-letter') {
      return {
        row,
        counted: 'dead',
        set: {
          status: 'dead',
          lastError: 'interrupted mid-send: it may or may not have reached the provider; check there before retrying',
          updatedAt: ctx.clock.now(),
          claimedBy: null,
          claimedUntil: null,
        },
      };
    }
    // Too little lease left (a slow batch): hand the row back rather than risk a second claimer sending it too.
    if (row.claimedUntil && row.claimedUntil.getTime() - ctx.clock.now().getTime() < sendTimeoutMs) {
      await ctx.db
        .update(o)
        .set({
          status: 'pending',
          attempts: sql`${o.attempts} - 1`,
          claimedBy: null,
          claimedUntil: null,
          updatedAt: ctx.clock.now(),
        })
        .where(and(eq(o.id, row.id), eq(o.claimedBy, claimId), eq(o.status, 'sending')));
      return null;
    }
    const recheck = recheckFor(row);
    if (recheck) {
      let verdict: RecheckResult;
      try {
        verdict = await recheck(ctx, row);
      } catch (error) {
        return resultOf(row, {
          kind: 'error',
          retryable: true,
          message: `re-check failed: ${(error as Error)?.message ?? String(error)}`,
        });
      }
      if (!verdict.ok)
        return {
          row,
          counted: 'skipped',
          set: {
            status: 'skipped',
            skipReason: verdict.reason,
            updatedAt: ctx.clock.now(),
            claimedBy: null,
            claimedUntil: null,
          },
        };
    }
    return resultOf(row, await deliver(row, options, sendTimeoutMs));
  }

  async function write(results: Result[], claimId: string): Promise<void> {
    // A lost write means a resend after the lease: worth a few quick tries when SQLite is busy with another writer.
    for (let attempt = 1; ; attempt++) {
      try {
        return await writeOnce(results, claimId);
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  }

  async function writeOnce(results: Result[], claimId: string): Promise<void> {
    await inTransaction(ctx, async (tx) => {
      // The common case, sent messages, is one statement per group commit; the rest row by row.
      const sent = results.filter((r) => r.set.status === 'sent');
      for (const provider of new Set(sent.map((r) => r.set.provider))) {
        const group = sent.filter((r) => r.set.provider === provider);
        const pick = (value: (r: Result) => SQL) =>
          sql`case ${o.id} ${sql.join(
            group.map((r) => sql`when ${r.row.id} then ${value(r)}`),
            sql` `,
          )} end`;
        const now = ctx.clock.now();
        await tx.db
          .update(o)
          .set({
            status: 'sent',
            sentAt: now,
            updatedAt: now,
            lastError: sql`case when ${o.lastError} = ${LEASE_LOST} then ${o.lastError} else null end`,
            claimedBy: null,
            claimedUntil: null,
            provider,
            providerMessageId: pick((r) => sql`${r.set.providerMessageId}`),
            providerStatus: pick((r) => sql`${r.set.providerStatus}`),
            costMinor: pick((r) => sql`cast(${r.set.costMinor ?? null} as bigint)`),
          })
          .where(
            and(
              inArray(
                o.id,
                group.map((r) => r.row.id),
              ),
              eq(o.claimedBy, claimId),
              eq(o.status, 'sending'),
            ),
          );
      }
      for (const r of results.filter((x) => x.set.status !== 'sent')) {
        // Only while this claim still holds the row: a claim that outlived its lease must not overwrite the next one.
        await tx.db
          .update(o)
          .set(r.set)
          .where(and(eq(o.id, r.row.id), eq(o.claimedBy, claimId), eq(o.status, 'sending')));
      }
    });
  }

  async function runOnce(): Promise<RunSummary> {
    const summary: RunSummary = { claimed: 0, sent: 0, failed: 0, dead: 0, skipped: 0 };
    if (!channels.length) return summary;
    const claimId = `${id}#${++claims}`;
    const rows = await claimDue(ctx, { claimId, limit: batchSize, leaseMs, channels });
    summary.claimed = rows.length;

    let pending: Result[] = [];
    let writing: Promise<void> | null = null;
    const flush = async () => {
      while (pending.length) {
        const batch = pending;
        pending = [];
        try {
          await write(batch, claimId);
          for (const r of batch) summary[r.counted] += 1;
        } catch (error) {
          // The rows stay `sending`; their lease runs out and they are claimed again.
          log(`could not record ${batch.length} results`, error);
        }
      }
      writing = null;
    };
    const queue = [...rows];
    const lane = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        let result: Result | null;
        try {
          result = await handle(row, claimId);
        } catch (error) {
          log(`message ${row.id} could not be handled; its lease will run out and it will be claimed again`, error);
          continue;
        }
        if (!result) continue;
        pending.push(result);
        writing ??= flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
    while (writing) await writing;
    return summary;
  }

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  return {
    id,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let claimed = 0;
          try {
            claimed = (await runOnce()).claimed;
          } catch (error) {
            log('a run failed; trying again after a pause', error);
          }
          if (running && claimed < batchSize) {
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, options.pollMs ?? 1000);
              wake = () => {
                clearTimeout(t);
                resolve();
              };
            });
            wake = null;
          }
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
  };
}
