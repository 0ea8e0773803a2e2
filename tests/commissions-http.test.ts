/**
 * The commission HTTP API on both engines: rule-set upload with problems by JSON path (422) and
 * versioning (409), a sale move through the API, a correction without a reason (422), a bulk
 * approval with a line outside the manager's scope (403, nothing changed), a cancellation, and the
 * statements' JSON, PDF and XLSX downloads.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/id.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';
import { readJson } from './fixtures/read-json.ts';

describeEngines('commissions HTTP API', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const admin = 'admin@kredyt-dom.pl';
  const manager = 'kierownik.gdansk@kredyt-dom.pl';
  async function soldClient(owner: 'anna' | 'ewa', unit: 'gdansk' | 'krakow', email: string) {
    const id = newId();
    const now = f.clock.now();
    await database().db.insert(database().t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Klient',
      ownerId: f.users[owner].id,
      unitId: f.units[unit].id,
      partnerId: null,
      status: 'agreement-signed',
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const r = await call(email, 'POST', `/api/clients/${id}/transitions`, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor: 2_000_000, saleDate: '2026-03-02' },
    });
    expect(r.status).toBe(201);
    return (await call(admin, 'GET', `/api/sales?clientId=${id}`)).body.items[0].id as string;
  }

  beforeAll(async () => {
    f = await smallFirm(database());
    await seedCommissions(f.crm.system('seed'));
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('dated commission groups over HTTP: 422 before the advisor joined, 201 from a later date', async () => {
    const url = `/api/users/${f.users.piotr.id}/commission-groups`;
    // Piotr joined on 2026-03-02 (the fixture's day).
    const early = await call(admin, 'POST', url, { group: 'advisor-senior', from: '2026-02-01' });
    expect([early.status, early.body.error.details.problems[0].path]).toEqual([422, '/from']);
    const ok = await call(admin, 'POST', url, { group: 'advisor-senior', from: '2026-05-01', note: 'Awans' });
    expect(ok.status).toBe(201);
    expect(ok.body.items.map((m: { groupId: string; validFrom: string }) => [m.groupId, m.validFrom])).toEqual([
      ['advisor-junior', '2026-03-02'],
      ['advisor-senior', '2026-05-01'],
    ]);
    expect((await call('anna.nowak@kredyt-dom.pl', 'POST', url, { group: null, from: '2026-06-01' })).status).toBe(403);
  });

  it('rule sets: problems with JSON paths (422), not newer (409), a new version is listed', async () => {
    const payload = {
      version: 9,
      rules: [
        {
          id: 'x',
          ledger: 'firm',
          validFrom: '2026-01-01',
          rate: { bp: -5 },
          when: { advisorGroup: ['no-such-group'] },
        },
      ],
    };
    const bad = await call(admin, 'POST', '/api/commission-rule-sets', payload);
    expect(bad.status).toBe(422);
    // Each problem names its line and column in the body as sent (here one line of JSON).
    const sent = JSON.stringify(payload);
    type P = { path: string; line: number; column: number };
    expect(bad.body.error.details.problems.map((p: P) => [p.path, p.line, p.column])).toEqual([
      ['/rules/0/rate/bp', 1, sent.indexOf('"bp"') + 1],
      ['/rules/0/when/advisorGroup/0', 1, sent.indexOf('"no-such-group"') + 1],
    ]);
    expect((await call(admin, 'POST', '/api/commission-rule-sets', { version: 2, rules: [] })).status).toBe(409);
    expect((await call(admin, 'POST', '/api/commission-rule-sets', { version: 4, rules: [] })).status).toBe(201);
    expect(
      (await call(admin, 'GET', '/api/commission-rule-sets')).body.items.map((r: { version: number }) => r.version),
    ).toEqual([4, 3]);
    expect(
      (await call('anna.nowak@kredyt-dom.pl', 'POST', '/api/commission-rule-sets', { version: 5, rules: [] })).status,
    ).toBe(403);
    // The firm's rates with its banks are not an advisor's to read; an unknown version is 404.
    expect((await call('anna.nowak@kredyt-dom.pl', 'GET', '/api/commission-rule-sets/3')).status).toBe(403);
    expect((await call(admin, 'GET', '/api/commission-rule-sets/not-a-version')).status).toBe(404);
  });

  it('lines: correction needs a reason; bulk approval across scopes is 403, changes nothing; statements', async () => {
    // Version 4 above has no rules: go back to the demo rules as version 5.
    const demo = (await call(admin, 'GET', '/api/commission-rule-sets/3')).body;
    expect((await call(admin, 'POST', '/api/commission-rule-sets', { ...demo, version: 5 })).status).toBe(201);
    const gda = await soldClient('anna', 'gdansk', 'anna.nowak@kredyt-dom.pl');
    const krk = await soldClient('ewa', 'krakow', 'ewa.dabrowska@kredyt-dom.pl');
    const gdaLines = (await call(manager, 'GET', `/api/commission-lines?saleId=${gda}`)).body.items as {
      id: string;
      ledger: string;
    }[];
    const krkLines = (await call(admin, 'GET', `/api/commission-lines?saleId=${krk}`)).body.items as { id: string }[];
    expect(gdaLines.map((l) => l.ledger).sort()).toEqual(['advisor', 'firm']);
    expect(
      (await call(manager, 'POST', `/api/commission-lines/${gdaLines[0]!.id}/correct`, { amountMinor: 1, reason: '' }))
        .status,
    ).toBe(422);
    expect(
      (
        await call(manager, 'POST', `/api/commission-lines/${gdaLines[0]!.id}/correct`, {
          amountMinor: 0.1 + 0.2,
          reason: 'x',
        })
      ).status,
    ).toBe(422);
    const refused = await call(manager, 'POST', '/api/commission-lines/approve', {
      ids: [...gdaLines.map((l) => l.id), krkLines[0]!.id],
    });
    expect([refused.status, refused.body.error.details.ids]).toEqual([403, [krkLines[0]!.id]]);
    expect((await call(manager, 'GET', '/api/commission-lines?status=approved')).body.items).toEqual([]);
    expect(
      (await call(manager, 'POST', '/api/commission-lines/approve', { ids: gdaLines.map((l) => l.id) })).status,
    ).toBe(200);
    const ok = await call(admin, 'POST', '/api/commission-lines/approve', { ids: krkLines.map((l) => l.id) });
    expect(ok.body.statements.length).toBeGreaterThan(0);
    const statements = (await call(admin, 'GET', '/api/statements?period=2026-03')).body.items as {
      id: string;
      recipientKind: string;
    }[];
    expect(statements.map((s) => s.recipientKind).sort()).toEqual(['advisor', 'advisor', 'provider']);
    const st = statements.find((s) => s.recipientKind === 'provider')!;
    const pdf = await call(admin, 'GET', `/api/statements/${st.id}.pdf`);
    expect([pdf.status, pdf.type, Buffer.from(pdf.body.subarray(0, 5)).toString()]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
    const xlsx = await call(admin, 'GET', `/api/statements/${st.id}.xlsx`);
    expect([xlsx.status, Buffer.from(xlsx.body.subarray(0, 2)).toString()]).toEqual([200, 'PK']);
    expect((await call(manager, 'GET', `/api/statements/${st.id}.pdf`)).status).toBe(404);
    const cancel = await call(admin, 'POST', `/api/sales/${gda}/cancel`, { kind: 'rejection', date: '2026-03-05' });
    expect(cancel.status).toBe(201);
    const all = (await call(admin, 'GET', `/api/commission-lines?saleId=${gda}`)).body.items as {
      amountMinor: number;
    }[];
    expect(all.reduce((s, l) => s + l.amountMinor, 0)).toBe(0);
    const spec = (await call(admin, 'GET', '/api/openapi.json')).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/commission-lines/approve', '/api/sales/{id}/cancel', '/api/statements/{ref}']),
    );
  });
});
