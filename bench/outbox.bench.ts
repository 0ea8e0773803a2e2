/**
 * @module bench/outbox
 * 10,000 due SMS through the outbox worker (claim, re-check-free send through the SMSAPI plugin,
 * group-committed results) to the local SMSAPI server, against a plain loop posting the same
 * requests through the same plugin with nothing recorded anywhere. libsql file database, WAL,
 * synchronous FULL (the shipped defaults). Run alone: `node --import tsx bench/outbox.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemActor } from '../core/access/actor.ts';
import { contextFor, inTransaction, type Runtime } from '../core/context.ts';
import { enqueue } from '../core/notifications/enqueue.ts';
import { createOutboxWorker } from '../core/notifications/worker.ts';
import { createPluginRegistry } from '../core/plugin/registry.ts';
import { openDatabase } from '../core/storage/database.ts';
import { systemClock } from '../core/time/clock.ts';
import { createSmsapiProvider } from '../plugins/sms-smsapi/index.ts';
import { startSmsapiFake } from '../tests/fakes/smsapi-server.ts';
import { demoConfig } from '../tests/fixtures/small-firm.ts';
import { generateKeys, keyringOf } from '../core/keys/index.ts';

const N = 10_000;

export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-outbox-'));
  const database = await openDatabase(`file:${join(dir, 'crm.db')}`);
  const runtime: Runtime = {
    database,
    config: demoConfig(),
    clock: systemClock,
    plugins: createPluginRegistry([]),
    secret: 'bench',
    keyring: keyringOf(generateKeys()),
  };
  const ctx = contextFor(runtime, systemActor('bench'));
  const to = (i: number) => `+4860${String(i).padStart(7, '0')}`;
  const text = (i: number) => `Przypominamy o spotkaniu jutro o 10:00 (${i})`;
  try {
    // Baseline: a plain loop, one request after another, against its own fresh gateway.
    const plainGateway = await startSmsapiFake();
    const plain = createSmsapiProvider({ token: plainGateway.token, baseUrl: plainGateway.url });
    let started = performance.now();
    for (let i = 0; i < N; i++) await plain.send({ to: to(i), text: text(i), reference: `plain-${i}` });
    const baselineMs = performance.now() - started;
    await plainGateway.close();

    await inTransaction(ctx, async (tx) => {
      for (let i = 0; i < N; i++)
        await enqueue(tx, { channel: 'sms', purpose: 'meeting-reminder', to: to(i), text: text(i) });
    });
    const gateway = await startSmsapiFake();
    const worker = createOutboxWorker(runtime, {
      sms: createSmsapiProvider({ token: gateway.token, baseUrl: gateway.url }),
    });
    started = performance.now();
    while ((await worker.runOnce()).claimed) {
      /* drain */
    }
    const oursMs = performance.now() - started;
    const delivered = gateway.messages.length;
    await gateway.close();
    if (delivered !== N) throw new Error(`the worker delivered ${delivered} of ${N}`);

    const rate = (ms: number) => Math.round(N / (ms / 1000));
    return [
      `bench outbox-sms ${N} due SMS to the local SMSAPI server (msg/s): ours=${rate(oursMs)} ` +
        `baseline=${rate(baselineMs)} ratio=${(baselineMs / oursMs).toFixed(2)} goal=≥0.5`,
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await run()).join('\n'));
