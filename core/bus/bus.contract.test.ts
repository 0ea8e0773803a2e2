/**
 * @module bus/bus.contract.test
 * One contract for both change buses, the shared counters and the one-run-at-a-time lock, each run
 * on two handles of one database ("two instances"): libsql (in-process bus) and PostgreSQL
 * (`LISTEN/NOTIFY`, when CRM_TEST_POSTGRES_URL is set). On PostgreSQL the listening connection is
 * also ended under the bus, as an administrator's `pg_terminate_backend` or a failover would.
 * Deliveries to the other instance are awaited by polling (ceiling 10 s) and their latency printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, pgAdmin, scratchPg, type ScratchPg } from '../../tests/engines.ts';
import { openDatabase, type Database } from '../storage/index.ts';
import { busFor, closeBus, EVERYTHING, runExclusive, sharedCounter, type ChangeBus, type Topic } from './index.ts';

const POLL = { timeout: 10_000, interval: 5 };

for (const engine of engines) {
  describe(`change bus, shared counters, exclusive runs [${engine}]`, () => {
    let a: Database;
    let b: Database;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      if (engine === 'libsql') {
        const dir = mkdtempSync(join(tmpdir(), 'crm-bus-'));
        a = await openDatabase(`file:${join(dir, 'crm.db')}`);
        b = await openDatabase(`file:${join(dir, 'crm.db')}`, { migrate: false });
        cleanup = async () => {
          await a.close();
          await b.close();
          rmSync(dir, { recursive: true, force: true });
        };
      } else {
        const scratch: ScratchPg = await scratchPg('crm_bus');
        a = await scratch.open();
        b = await openDatabase(`${scratch.url}?application_name=crm_bus_b`, { migrate: false, log: () => {} });
        cleanup = async () => {
          await closeBus(a);
          await closeBus(b);
          await b.close();
          await scratch.drop();
        };
      }
      await busFor(a).ready();
      await busFor(b).ready();
    }, 60_000);
    afterAll(() => cleanup?.());

    /** Everything a bus's subscriber of `topic` heard, in order. */
    const heard = (bus: ChangeBus, topic: Topic) => {
      const got: string[] = [];
      return { got, off: bus.subscribe(topic, (id) => got.push(id)) };
    };
    /** Publish on `from` and wait until `got` holds `id`; returns the milliseconds it took. */
    async function delivered(from: Database, topic: Topic, id: string, to: { got: string[] }): Promise<number> {
      const started = performance.now();
      await busFor(from).publish(topic, id);
      await expect.poll(() => to.got.includes(id), POLL).toBe(true);
      return performance.now() - started;
    }

    it('a publisher hears its own change before publish returns, once', async () => {
      const mine = heard(busFor(a), 'org');
      const sent = busFor(a).publish('org', 'unit-1');
      expect(mine.got).toEqual(['unit-1']);
      await sent;
      mine.off();
    });

    it('the other instance hears a change of the same topic, and only of that topic', async () => {
      const org = heard(busFor(b), 'org');
      const keys = heard(busFor(b), 'lead-source-key');
      const ms = await delivered(a, 'lead-source-key', 'key-7', keys);
      console.log(
        `[${engine}] change bus: a change published on one instance reached the other in ${ms.toFixed(1)} ms`,
      );
      await delivered(a, 'org', 'unit-2', org);
      expect(org.got).not.toContain('key-7');
      expect(keys.got).not.toContain('unit-2');
      expect(keys.got.filter((x) => x === 'key-7')).toHaveLength(1);
      org.off();
      keys.off();
    });

    it('an unsubscribed listener hears nothing more', async () => {
      const gone = heard(busFor(b), 'user');
      gone.off();
      const kept = heard(busFor(b), 'user');
      await delivered(a, 'user', 'u-1', kept);
      expect(gone.got).not.toContain('u-1');
      kept.off();
    });

    it('a throwing subscriber does not stop the others', async () => {
      const errors: string[] = [];
      const off = busFor(b).subscribe('session', () => {
        errors.push('threw');
        throw new Error('boom');
      });
      const kept = heard(busFor(b), 'session');
      await delivered(a, 'session', 's-1', kept);
      expect(errors).toEqual(['threw']);
      off();
      kept.off();
    });

    if (engine === 'postgres')
      it('its listening connection ended, a bus tells its subscribers "*" and hears changes again', async () => {
        const got = heard(busFor(b), 'config');
        const listening = () =>
          pgAdmin(
            async (admin) =>
              (
                await admin.query<{ pid: number }>(
                  "SELECT pid FROM pg_stat_activity WHERE application_name = 'crm_bus_b' AND query LIKE 'LISTEN%'",
                )
              ).rows,
          );
        // A backend of a connection closed by an earlier test may linger a moment (under load): one listener.
        await expect.poll(async () => (await listening()).length, POLL).toBe(1);
        const ended = await pgAdmin(async (admin) => {
          const r = { rows: await listening() };
          for (const { pid } of r.rows) await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
          return r.rows.length;
        });
        expect(ended).toBe(1);
        const everything = () => got.got.filter((x) => x === EVERYTHING).length;
        await expect.poll(everything, POLL).toBeGreaterThanOrEqual(1);
        await busFor(b).ready();
        // Told again once it listens again: what was announced in between is lost.
        await expect.poll(everything, POLL).toBe(2);
        await delivered(a, 'config', 'after-reconnect', got);
        got.off();
      });

    it('a closed bus hears nothing; busFor then makes a new one', async () => {
      const old = busFor(b);
      const got = heard(old, 'org');
      await closeBus(b);
      const fresh = heard(busFor(b), 'org');
      await busFor(b).ready();
      await delivered(a, 'org', 'unit-3', fresh);
      expect(got.got).not.toContain('unit-3');
      fresh.off();
    });

    it('a shared counter counts the hits of both instances in one window, and starts again in the next', async () => {
      const minute = 60_000;
      const t0 = Date.UTC(2026, 2, 2, 9, 0, 0);
      const ca = sharedCounter(a, 'test-rate', minute);
      const cb = sharedCounter(b, 'test-rate', minute);
      expect(await ca.hit('ip:192.0.2.1', t0)).toBe(1);
      expect(await cb.hit('ip:192.0.2.1', t0 + 1_000)).toBe(2);
      expect(await ca.hit('ip:192.0.2.1', t0 + 59_999)).toBe(3);
      expect(await cb.count('ip:192.0.2.1', t0 + 30_000)).toBe(3);
      expect(await ca.hit('ip:192.0.2.2', t0)).toBe(1);
      expect(await ca.hit('ip:192.0.2.1', t0 + minute)).toBe(1);
      expect(await ca.count('ip:192.0.2.1', t0 + minute)).toBe(1);
      expect(ca.windowEnd(t0 + 5_000)).toBe(t0 + minute);
    });

    it('hitWithin counts key after key in one go, and stops at the first over its limit', async () => {
      const t0 = Date.UTC(2026, 2, 2, 10, 0, 0);
      const ca = sharedCounter(a, 'test-within', 60_000);
      const cb = sharedCounter(b, 'test-within', 60_000);
      const both = [
        { key: 'ip:198.51.100.1', limit: 2 },
        { key: 'key:landing', limit: 3 },
      ];
      expect(await ca.hitWithin(both, t0)).toBe(true);
      expect(await cb.hitWithin(both, t0 + 1)).toBe(true);
      // The address is over its limit: refused, and the key is not counted.
      expect(await ca.hitWithin(both, t0 + 2)).toBe(false);
      expect(await cb.count('ip:198.51.100.1', t0)).toBe(3);
      expect(await cb.count('key:landing', t0)).toBe(2);
      // Another address: within; then the key reaches its limit of 3 and the next is refused by the key.
      const other = [{ key: 'ip:198.51.100.2', limit: 2 }, both[1]!];
      expect(await cb.hitWithin(other, t0 + 3)).toBe(true);
      expect(await ca.hitWithin(other, t0 + 4)).toBe(false);
      expect(await ca.count('ip:198.51.100.2', t0)).toBe(2);
      expect(await ca.count('key:landing', t0)).toBe(4);
      expect(await ca.hitWithin(both, t0 + 60_000)).toBe(true); // a new window
    });

    it('a run of a sweep is skipped while another instance runs it, and runs after', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const isRunning = new Promise<void>((r) => (started = r));
      const first = runExclusive(a, 'test-sweep', async () => {
        started();
        await held;
        return 'first';
      });
      await isRunning;
      expect(await runExclusive(b, 'test-sweep', async () => 'second')).toEqual({ ran: false });
      expect(await runExclusive(a, 'test-sweep', async () => 'again')).toEqual({ ran: false });
      expect(await runExclusive(b, 'other-sweep', async () => 'other')).toEqual({ ran: true, value: 'other' });
      release();
      expect(await first).toEqual({ ran: true, value: 'first' });
      expect(await runExclusive(b, 'test-sweep', async () => 'later')).toEqual({ ran: true, value: 'later' });
    });
  });
}
