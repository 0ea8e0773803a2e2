/**
 * @module cli/sweeps
 * The scheduled sweeps `broker-crm serve` runs beside the outbox worker: each on its own timer in
 * every instance, and one run at a time across all instances on the database (`runExclusive`: an
 * advisory lock on PostgreSQL). Each sweep records what it queued, so runs one after another queue
 * each thing once. `stop()` clears the timers and waits for a run under way, so the database can be
 * closed after it.
 */
import { systemActor } from '../access/index.ts';
import { runExclusive } from '../bus/index.ts';
import { notifyOverdueTasks } from '../calendar/index.ts';
import { sendComplianceReminders } from '../compliance/index.ts';
import { contextFor, type Runtime } from '../context.ts';
import { runRetentionIfDue } from '../gdpr/index.ts';
import { sendDuePartnerReports } from '../partners/index.ts';
import { sendDueReportSubscriptions } from '../reports/index.ts';
import { failureLine } from '../storage/index.ts';

export interface Sweep {
  /** Also the name of its lock: one run of a name at a time across instances. */
  name: string;
  everyMs: number;
  run(rt: Runtime): Promise<unknown>;
}

/**
 * What `serve` runs: delegated tasks past due (a notice each), report e-mails, partner reports, and the
 * reminders before an advisor's KNF registration or OC policy lapses, and the retention rules (GDPR Art. 5(1)(e)).
 */
export const sweeps: readonly Sweep[] = [
  { name: 'overdue-tasks', everyMs: 60_000, run: (rt) => notifyOverdueTasks(rt, rt.clock.now()) },
  { name: 'report-subscriptions', everyMs: 3_600_000, run: (rt) => sendDueReportSubscriptions(rt) },
  { name: 'partner-reports', everyMs: 3_600_000, run: (rt) => sendDuePartnerReports(rt) },
  { name: 'compliance-reminders', everyMs: 3_600_000, run: (rt) => sendComplianceReminders(rt) },
  { name: 'retention', everyMs: 3_600_000, run: (rt) => runRetentionIfDue(contextFor(rt, systemActor('retention'))) },
];

/**
 * @example
 * const running = startSweeps(crm.runtime);
 * await running.stop(); // on shutdown, before closing the database
 */
export function startSweeps(
  rt: Runtime,
  list: readonly Sweep[] = sweeps,
  log: (line: string) => void = (l) => console.error(l),
): { stop(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  const timers = list.map((sweep) => {
    const timer = setInterval(() => {
      if (stopped) return;
      const run = runExclusive(rt.database, sweep.name, () => sweep.run(rt)).catch((e: unknown) =>
        log(failureLine(`${sweep.name} sweep`, e)),
      );
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    }, sweep.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all([...inFlight]);
    },
  };
}
