/**
 * Idempotency under concurrency: 1,000 lead requests with an API key, sent 50 at a time in a
 * shuffled order; a quarter of them reuse a key already in the run (two thirds of those with the
 * same body, one third with an altered body). Pass, per key: exactly one stored client, exactly one
 * fresh 201, every other same-body answer a replay of that 201 (same lead id, `Idempotent-Replayed`),
 * every altered-body request refused with 422, nothing ≥ 500. On both engines.
 */
import { beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.ts';
import { openClientData } from '../../core/clients/index.ts';
import { createCrm, type Crm } from '../../core/crm.ts';
import { createHttpApi } from '../../core/http/app.ts';
import { seedDemoFirm } from '../../examples/demo-firm/seed.ts';
import { describeEngines } from '../engines.ts';
import { rng } from './support/prng.ts';
import { demoConfigPath, type App } from './support/world.ts';

const TOTAL = 1000;
const REPEATS = TOTAL / 4;

interface Req {
  key: string;
  body: string;
  altered: boolean;
  email: string;
}

const leadBody = (n: number, variant: '' | 'alt') =>
  JSON.stringify({
    kind: 'person',
    source: 'website-form',
    data: {
      firstName: 'Ida',
      lastName: variant ? 'Zmieniona' : 'Powtórka',
      phone: `+4869${variant ? 1 : 0}${String(n).padStart(6, '0')}`,
      email: `idem.${n}${variant ? '.alt' : ''}@example.pl`,
      city: 'Kraków',
    },
    consents: [{ purpose: 'contact', version: '2026-01' }],
  });

describeEngines('security: idempotent lead intake under concurrency', (database) => {
  let crm: Crm;
  let app: App;
  let apiKey: string;
  beforeAll(async () => {
    crm = await createCrm({ config: demoConfigPath, database: database() });
    await seedDemoFirm(crm);
    const users = await crm.database.db.select().from(crm.database.t.users);
    const marketing = users.find((u) => u.roles.includes('marketing'))!;
    apiKey = (await createApiKey(await crm.asUser(marketing.id), { name: 'idem', permissions: ['leads:write'] })).key;
    app = createHttpApi(crm, { log: () => {} });
  }, 120_000);

  it(
    `${TOTAL} concurrent requests, ${REPEATS} with a repeated key: one effect per key`,
    { timeout: 180_000 },
    async () => {
      const r = rng(1000);
      const unique = TOTAL - REPEATS;
      const reqs: Req[] = [];
      for (let n = 0; n < unique; n++)
        reqs.push({
          key: `idem-key-${n}-abcdef`,
          body: leadBody(n, ''),
          altered: false,
          email: `idem.${n}@example.pl`,
        });
      let alteredCount = 0;
      for (let i = 0; i < REPEATS; i++) {
        const n = r.int(unique);
        const altered = r.chance(1 / 3);
        if (altered) alteredCount++;
        reqs.push({
          key: `idem-key-${n}-abcdef`,
          body: leadBody(n, altered ? 'alt' : ''),
          altered,
          email: `idem.${n}${altered ? '.alt' : ''}@example.pl`,
        });
      }
      for (let i = reqs.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [reqs[i], reqs[j]] = [reqs[j]!, reqs[i]!];
      }
      const answers: Array<{ req: Req; status: number; id?: string; replayed: boolean }> = [];
      const started = Date.now();
      for (let k = 0; k < reqs.length; k += 50)
        answers.push(
          ...(await Promise.all(
            reqs.slice(k, k + 50).map(async (req) => {
              const res = await app.request('/api/leads', {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${apiKey}`,
                  'content-type': 'application/json',
                  'idempotency-key': req.key,
                },
                body: req.body,
              });
              const body = (await res.json()) as { id?: string };
              return {
                req,
                status: res.status,
                id: body.id,
                replayed: res.headers.get('idempotent-replayed') === 'true',
              };
            }),
          )),
        );
      const seconds = (Date.now() - started) / 1000;

      const byKey = new Map<string, typeof answers>();
      for (const a of answers) byKey.set(a.req.key, [...(byKey.get(a.req.key) ?? []), a]);
      const clients = await crm.database.db.select().from(crm.database.t.clients);
      const stored = new Map<string, number>();
      for (const c of clients) {
        // Fields may be sealed at rest (x-crm-encrypted): read them as the CRM does.
        const email = (openClientData(crm.runtime, c.id, c.data) as { email?: string }).email;
        if (email?.startsWith('idem.')) stored.set(email, (stored.get(email) ?? 0) + 1);
      }
      const wrong: string[] = [];
      for (const [key, list] of byKey) {
        const fresh = list.filter((a) => a.status === 201 && !a.replayed);
        const ids = new Set(list.filter((a) => a.status === 201).map((a) => a.id));
        const effects = new Set(list.map((a) => a.req.email)).size;
        const storedHere = [...new Set(list.map((a) => a.req.email))].reduce((n, e) => n + (stored.get(e) ?? 0), 0);
        if (fresh.length !== 1) wrong.push(`${key}: ${fresh.length} fresh 201s`);
        if (ids.size !== 1) wrong.push(`${key}: ${ids.size} lead ids`);
        if (storedHere !== 1) wrong.push(`${key}: ${storedHere} stored clients (of ${effects} bodies)`);
        const winner = fresh[0]?.req.body;
        for (const a of list) {
          if (a.status >= 500) wrong.push(`${key}: ${a.status}`);
          else if (a.req.body !== winner && a.status !== 422) wrong.push(`${key}: other body answered ${a.status}`);
          else if (a.req.body === winner && a.status !== 201) wrong.push(`${key}: same body answered ${a.status}`);
        }
      }
      const statuses = answers.reduce<Record<number, number>>(
        (m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }),
        {},
      );
      console.log(
        `idempotency [${crm.database.dialect}]: requests=${answers.length} keys=${byKey.size} repeated=${REPEATS} ` +
          `(altered bodies ${alteredCount}) stored=${[...stored.values()].reduce((a, b) => a + b, 0)} ` +
          `replayed=${answers.filter((a) => a.replayed).length} statuses=${JSON.stringify(statuses)} ` +
          `violations=${wrong.length} time=${seconds.toFixed(1)}s`,
      );
      expect(wrong).toEqual([]);
      expect([...stored.values()].reduce((a, b) => a + b, 0)).toBe(byKey.size);
    },
  );
});
