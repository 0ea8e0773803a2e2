/**
 * Regression (issue 11, item 11): dates are bounded around now — a sale disbursed on 9999-12-31
 * (it would open commission period 9999-12), a meeting in 9999, a contact in 0001, a partner
 * report for 0001–9999 are each a 422 naming the field — and a firm can widen a bound.
 */
import { beforeAll, expect, it } from 'vitest';
import { createCrm } from '../core/crm.ts';
import { createClient } from '../core/clients/create-client.ts';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { cookieSession } from './fixtures/admin-session.ts';
import { readJson } from './fixtures/read-json.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('security: plausible dates', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let admin: Record<string, string>;
  let clientId = '';
  const send = (path: string, body: unknown, a = app, h = admin) =>
    Promise.resolve(
      a.request(path, {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const refused = async (res: Response, field: string) => {
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.details.problems.map((x: { path: string }) => x.path)).toContain(field);
  };
  const agreed = async () => {
    const c = await createClient(f.crm.system(), {
      kind: 'person',
      type: 'private',
      source: 'own-network',
      ownerId: f.users.anna.id,
      data: { firstName: 'Jan', lastName: 'Datowy' },
    });
    const { db, t } = f.crm.database;
    const { eq } = await import('drizzle-orm');
    await db.update(t.clients).set({ status: 'agreement-signed' }).where(eq(t.clients.id, c.id));
    return c.id;
  };
  // No commission rule covers these sales (the dates are the point here): the advisor acknowledges it.
  const sale = (saleDate: string) => ({
    to: 'disbursed',
    fields: { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor: 2_000_000, saleDate },
    acknowledgeUncovered: true,
  });

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    admin = await cookieSession(app, 'admin@kredyt-dom.pl');
    clientId = await agreed();
  });

  it('a sale disbursed on 9999-12-31 is 422 /fields/saleDate and opens no period', async () => {
    await refused(await send(`/api/clients/${clientId}/transitions`, sale('9999-12-31')), '/fields/saleDate');
    await refused(await send(`/api/clients/${clientId}/transitions`, sale('0001-01-01')), '/fields/saleDate');
    const periods = await readJson(await app.request('/api/commission-periods', { headers: admin }));
    expect(JSON.stringify(periods)).not.toContain('9999');
    expect((await send(`/api/clients/${clientId}/transitions`, sale('2026-03-02'))).status).toBe(201);
  });

  it('a meeting in 9999 is 422 /start; one next month is fine', async () => {
    const meeting = (start: string, end: string) => ({ kind: 'meeting', title: 'Spotkanie', start, end });
    await refused(await send('/api/calendar/items', meeting('9999-03-10T10:00', '9999-03-10T11:00')), '/start');
    expect((await send('/api/calendar/items', meeting('2026-04-10T10:00', '2026-04-10T11:00'))).status).toBe(201);
  });

  it('a contact in 0001 is 422 /at, and a next step in 9999 is 422 /nextStep/at', async () => {
    await refused(
      await send(`/api/clients/${clientId}/activities`, { type: 'call', at: '0001-01-01T10:00:00Z' }),
      '/at',
    );
    const next = { type: 'call', nextStep: { at: '9999-01-01T10:00:00Z', note: 'oddzwonić' } };
    await refused(await send(`/api/clients/${clientId}/activities`, next), '/nextStep/at');
  });

  it('a partner report for 0001–9999 is 422', async () => {
    const res = await send(`/api/partners/${f.partnerId}/reports/send`, {
      from: '0001-01-01T00:00:00Z',
      to: '9999-12-31T00:00:00Z',
      emails: ['raporty@bursztyn.example'],
    });
    await refused(res, '/from');
  });

  it('a firm importing old history widens the sale bound with createCrm({ dateBounds })', async () => {
    const crm = await createCrm({
      config: f.crm.config,
      database: database(),
      clock: f.clock,
      dateBounds: { sale: { pastDays: 60 * 366, futureDays: 31 } },
    });
    const wide = createHttpApi(crm, { log: () => {} });
    const h = await cookieSession(wide, 'admin@kredyt-dom.pl');
    const id = await agreed();
    expect((await send(`/api/clients/${id}/transitions`, sale('1990-05-15'), wide, h)).status).toBe(201);
    const narrow = await agreed(); // the default bound still refuses it
    await refused(await send(`/api/clients/${narrow}/transitions`, sale('1990-05-15')), '/fields/saleDate');
  });
});
