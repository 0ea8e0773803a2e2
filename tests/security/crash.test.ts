/**
 * Crash: `broker-crm serve` as a child process on a file database, 16 concurrent lead clients
 * (API key, one Idempotency-Key per lead), SIGKILL at a seeded random moment, restart; the requests
 * that were in flight at the kill are sent again with the same key after the restart, as a client
 * would. CRM_CRASH_ROUNDS rounds (3 in `npm test`, 20 in `npm run test:deep`). Pass: every
 * acknowledged lead is stored, no lead is stored twice, every retried lead is stored once, and
 * `PRAGMA integrity_check` answers ok.
 */
import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.ts';
import { openClientData } from '../../core/clients/index.ts';
import { createCrm } from '../../core/crm.ts';
import { openDatabase } from '../../core/storage/database.ts';
import { seedDemoFirm } from '../../examples/demo-firm/seed.ts';
import { rng } from './support/prng.ts';
import { startServer } from './support/server-process.ts';
import { demoConfigPath, tempDatabase } from './support/world.ts';

const ROUNDS = Number(process.env.CRM_CRASH_ROUNDS ?? 3);
const CLIENTS = 16;
const SEED = Number(process.env.CRM_CRASH_SEED ?? 2026);
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Lead {
  key: string;
  email: string;
  body: string;
}
let counter = 0;
function newLead(round: number, client: number): Lead {
  const n = ++counter;
  const email = `awaria.${round}.${client}.${n}@example.pl`;
  const body = JSON.stringify({
    kind: 'person',
    source: 'website-form',
    data: {
      firstName: 'Jan',
      lastName: 'Awaria',
      phone: `+4860${String(n).padStart(7, '0')}`,
      email,
      city: 'Gdańsk',
    },
    consents: [{ purpose: 'contact', version: '2026-01' }],
  });
  return { key: `crash-${SEED}-${n}-${round}-${client}`, email, body };
}

async function send(url: string, apiKey: string, lead: Lead): Promise<{ id: string } | 'lost'> {
  try {
    const res = await fetch(`${url}/api/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': lead.key },
      body: lead.body,
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`lead ${lead.key}: ${res.status} ${text}`);
    return JSON.parse(text) as { id: string };
  } catch (e) {
    if (e instanceof TypeError) return 'lost'; // connection refused or reset: the server died under us
    throw e;
  }
}

describe('security: crash safety of lead intake', () => {
  it(
    `${ROUNDS} rounds of SIGKILL under ${CLIENTS} concurrent lead clients: every acknowledged lead once`,
    { timeout: 60_000 + ROUNDS * 30_000 },
    async () => {
      const { url: dbUrl, database, dir } = await tempDatabase();
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const crm = await createCrm({ config: demoConfigPath, database });
      await seedDemoFirm(crm);
      const marketing = await crm.database.db.select().from(crm.database.t.users);
      const m = marketing.find((u) => u.roles.includes('marketing'))!;
      const { key: apiKey } = await createApiKey(await crm.asUser(m.id), {
        name: 'crash',
        permissions: ['leads:write'],
      });
      await crm.close();

      const r = rng(SEED);
      const acked = new Map<string, { id: string; email: string }>();
      let pending: Lead[] = [];
      let retried = 0;
      const perRound: string[] = [];
      for (let round = 1; round <= ROUNDS + 1; round++) {
        const server = await startServer(dbUrl);
        cleanups.push(() => server.child.kill('SIGKILL'));
        // First the leads that were in flight when the last server died, with their own keys.
        for (const lead of pending) {
          const out = await send(server.url, apiKey, lead);
          if (out === 'lost') throw new Error('the restarted server dropped a retried lead');
          acked.set(lead.key, { id: out.id, email: lead.email });
          retried++;
        }
        pending = [];
        if (round > ROUNDS) {
          server.child.kill('SIGTERM');
          await server.exited;
          break;
        }
        const before = acked.size;
        let dead = false;
        const worker = async (client: number) => {
          while (!dead) {
            const lead = newLead(round, client);
            const out = await send(server.url, apiKey, lead);
            if (out === 'lost') {
              pending.push(lead);
              return;
            }
            acked.set(lead.key, { id: out.id, email: lead.email });
          }
        };
        const workers = Array.from({ length: CLIENTS }, (_, c) => worker(c));
        // The random moment is counted from the first acknowledged lead (a loaded machine may take
        // seconds to answer at all), so every round kills a server in the middle of its work.
        for (const t0 = Date.now(); acked.size === before && Date.now() - t0 < 60_000;)
          await new Promise((res) => setTimeout(res, 20));
        const delay = 300 + r.int(1500);
        await new Promise((res) => setTimeout(res, delay));
        server.child.kill('SIGKILL');
        dead = true;
        await server.exited;
        await Promise.all(workers);
        perRound.push(
          `r${round}: kill ${delay}ms after the first ack, acked=${acked.size - before} in-flight=${pending.length}`,
        );
      }

      const db = await openDatabase(dbUrl);
      cleanups.push(() => db.close());
      const clients = await db.db.select().from(db.t.clients);
      const byEmail = new Map<string, number>();
      for (const c of clients) {
        // Fields may be sealed at rest (x-crm-encrypted): read them as the CRM does.
        const email = (openClientData(crm.runtime, c.id, c.data) as { email?: string }).email;
        if (email?.startsWith('awaria.')) byEmail.set(email, (byEmail.get(email) ?? 0) + 1);
      }
      // The answer's id is the lead's: its audit entry (written in the lead's transaction) names the client.
      const audit = await db.db.select().from(db.t.auditLog).where(eq(db.t.auditLog.action, 'lead.receive'));
      const leadIds = new Set(audit.map((a) => a.entityId));
      const missing = [...acked.values()].filter((a) => !leadIds.has(a.id) || !byEmail.has(a.email));
      const twice = [...byEmail].filter(([, n]) => n > 1);
      const integrity = await db.raw('PRAGMA integrity_check');
      console.log(
        `crash: rounds=${ROUNDS} clients=${CLIENTS} acknowledged=${acked.size} (of which retried after a kill ` +
          `${retried}) found=${acked.size - missing.length} stored=${byEmail.size} twice=${twice.length} ` +
          `integrity=${String(Object.values(integrity[0] ?? {})[0])}\n  ${perRound.join('\n  ')}`,
      );
      expect(acked.size).toBeGreaterThan(ROUNDS * CLIENTS);
      expect(missing).toEqual([]);
      expect(twice).toEqual([]);
      expect(byEmail.size).toBe(acked.size); // every stored lead was acknowledged (retries included)
      expect(integrity).toEqual([{ integrity_check: 'ok' }]);
    },
  );
});
