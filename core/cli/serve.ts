/**
 * @module cli/serve
 * What `broker-crm serve` and `start` run: the HTTP server, the outbox worker and the scheduled
 * sweeps, and their orderly end on SIGTERM or SIGINT — stop accepting, answer every request in
 * flight, close keep-alive connections (`drainable` in core/http), stop the sweeps and the worker
 * (each finishes what it has begun), stop listening for changes, and only then close the database.
 * A second signal exits at once.
 */
import { busFor, closeBus } from '../bus/index.ts';
import type { Crm } from '../crm.ts';
import type { ServerAppOptions } from '../http/index.ts';
import { failureLine } from '../storage/index.ts';
import { startSweeps } from './sweeps.ts';

/** The outbox worker: sends due reminders and e-mails through the dev outboxes. */
async function startWorker(crm: Crm): Promise<{ stop(): Promise<void> }> {
  const { createNotifier } = await import('../notifications/index.ts');
  const { recheckMeetingReminder, REMINDER_PURPOSE } = await import('../calendar/index.ts');
  const { recheckPartnerReport, PARTNER_REPORT_PURPOSE } = await import('../partners/index.ts');
  const worker = createNotifier(crm.runtime, {
    sms: { provider: 'dev-outbox' },
    email: { provider: 'dev-outbox' },
    recheck: { [REMINDER_PURPOSE]: recheckMeetingReminder, [PARTNER_REPORT_PURPOSE]: recheckPartnerReport },
  });
  worker.start();
  return worker;
}

/**
 * Serve the API, widgets and examples, run the outbox worker and the sweeps, until a signal.
 *
 * @example
 * await serveCrm(await createCrm({ config: 'crm.config.json' }), 3000);
 */
export async function serveCrm(crm: Crm, port: number, options: ServerAppOptions = {}): Promise<void> {
  const { serve, createServerApp, drainable, trustedProxiesFromEnv, linkToServedPages } =
    await import('../http/index.ts');
  trustedProxiesFromEnv(); // a bad CRM_TRUSTED_PROXIES stops the start, not the first request
  // Hear other instances' changes before answering anyone (a bounded wait: a cache's lifetime is the fallback).
  const listening = await Promise.race([
    busFor(crm.database)
      .ready()
      .then(() => true),
    new Promise<false>((r) => setTimeout(r, 10_000, false).unref()),
  ]);
  if (!listening) console.error('change bus: not listening yet; serving anyway, caches expire within seconds');
  const app = createServerApp(crm, options);
  const worker = await startWorker(crm);
  const sweeping = startSweeps(crm.runtime);
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
    const host = info.address === '::1' || info.address === '127.0.0.1' ? 'localhost' : info.address;
    const url = `http://${host}:${info.port}`;
    linkToServedPages(crm, url); // e-mailed links (a lead's card, a password reset) point here unless configured
    console.log(`broker-crm serving ${crm.config.firm.name} on ${url}`);
    console.log(`  intranet   ${url}/`);
    console.log(`  partners   ${url}/examples/partner-portal/`);
    console.log(`  landing    ${url}/examples/landing-page/`);
    console.log(`  API docs   ${url}/api/docs`);
    console.log(`  database   ${crm.database.label} (${crm.database.dialect})`);
    const cv = crm.configVersion;
    console.log(
      cv.version === 0
        ? '  config     version 0: the file (no version saved from the browser yet)'
        : `  config     version ${cv.version} saved ${cv.createdAt?.toISOString()} (the file is version 0: ` +
            '`broker-crm config rollback 0` runs it again)',
    );
    if (cv.warning) console.error(`  config     ${cv.warning}; the file runs instead`);
  });
  const drain = drainable(server);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: no new connections; answering ${drain.inFlight} requests in flight, then stopping`);
    void (async () => {
      const { forced } = await drain.shutdown();
      if (forced) console.error(`${forced} requests were still running after 30 s; their connections were closed`);
      await sweeping.stop();
      await worker.stop();
      await closeBus(crm.database);
      await crm.close();
      console.log('broker-crm stopped');
      process.exit(forced ? 1 : 0);
    })().catch((e: unknown) => {
      console.error(failureLine('shutdown', e));
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
