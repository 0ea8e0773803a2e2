/**
 * Rule-set drafts over HTTP on both engines: a draft with an overlap shows the problem at its line;
 * one open draft (409 for a second); a stale save is 409; the diff names the changed rate in Polish
 * and English; the simulation of last month equals what the engine computes with the draft (through
 * the domain API); publishing is refused in a closed period and then publishes from the first of next
 * month: a sale dated then gets the new rate, one dated this month keeps the old; all audited.
 */
import { beforeAll, expect, it } from 'vitest';
import {
  composeRuleSet,
  latestRuleSet,
  proposeCommissions,
  ruleTypesOf,
  storedSaleInput,
  type CommissionRuleSet,
} from '../core/commissions/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/id.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('commission rule-set drafts', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const admin = 'admin@kredyt-dom.pl';
  async function sale(saleDate: string, amountMinor: number) {
    const id = newId();
    const now = f.clock.now();
    await database().db.insert(database().t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Klient',
      ownerId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      partnerId: null,
      status: 'agreement-signed',
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const r = await call(admin, 'POST', `/api/clients/${id}/transitions`, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor, saleDate },
    });
    expect(r.status).toBe(201);
    const s = (await call(admin, 'GET', `/api/sales?clientId=${id}`)).body.items[0].id as string;
    const lines = (await call(admin, 'GET', `/api/commission-lines?saleId=${s}`)).body.items as {
      ledger: string;
      amountMinor: number;
      ruleId: string;
    }[];
    return lines.find((l) => l.ledger === 'firm')!;
  }

  beforeAll(async () => {
    f = await smallFirm(database());
    await seedCommissions(f.crm.system('seed'));
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('drafts, diff, simulation of last month, publish from the first of next month', async () => {
    // Two February sales (the fixture's clock is 2 March 2026: last month is February).
    expect((await sale('2026-02-10', 2_000_000)).amountMinor).toBe(90_000); // 4.5 %
    await sale('2026-02-20', 3_333_333);
    const current = (await latestRuleSet(f.crm.system('t')))!;
    const raised: CommissionRuleSet = {
      ...current,
      version: current.version + 1,
      rules: current.rules.map((r) => (r.id === 'aurora-cash-loan' ? { ...r, rate: { decimal: '0.05' } } : r)),
    };
    const good = JSON.stringify(raised, null, 2);
    // A draft with an overlap: a second rule for the same product, same dates.
    const dup = { ...raised.rules.find((r) => r.id === 'aurora-cash-loan')!, id: 'aurora-cash-loan-copy' };
    const bad = JSON.stringify({ ...raised, rules: [...raised.rules, dup] }, null, 2);
    const opened = await call(admin, 'POST', '/api/commission-rule-draft', { text: bad });
    expect(opened.status).toBe(201);
    const overlap = opened.body.problems.find((p: { message: string }) =>
      /overlaps rule "aurora-cash-loan"/.test(p.message),
    );
    const line = bad.split('\n').findIndex((l) => l.includes('"id": "aurora-cash-loan-copy"'));
    expect(overlap.path).toBe(`/rules/${raised.rules.length}`);
    // The problem's line is the rule's opening brace, just above its id.
    expect(overlap.line).toBe(line);
    expect((await call(admin, 'GET', '/api/commission-rule-draft/diff')).status).toBe(422);
    expect((await call(admin, 'POST', '/api/commission-rule-draft', { copyCurrent: true })).status).toBe(409);
    const saved = await call(admin, 'PUT', '/api/commission-rule-draft', { text: good, baseRevision: 1 });
    expect([saved.status, saved.body.revision, saved.body.problems]).toEqual([200, 2, []]);
    const stale = await call(admin, 'PUT', '/api/commission-rule-draft', { text: bad, baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect((await call('anna.nowak@kredyt-dom.pl', 'GET', '/api/commission-rule-draft')).status).toBe(403);

    const diff = (await call(admin, 'GET', '/api/commission-rule-draft/diff')).body;
    expect(diff.changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        ruleId: 'aurora-cash-loan',
        fields: [
          expect.objectContaining({
            field: 'rate',
            oldText: { pl: '4,50%', en: '4.50%' },
            newText: { pl: '5,00%', en: '5.00%' },
          }),
        ],
      }),
    ]);

    const sim = await call(admin, 'GET', '/api/commission-rule-draft/simulation');
    expect(sim.status).toBe(200);
    expect([sim.body.from, sim.body.to, sim.body.salesTotal, sim.body.salesSimulated]).toEqual([
      '2026-02-01',
      '2026-02-28',
      2,
      2,
    ]);
    // The same figures from the engine itself, with the draft composed from the period's first day.
    const candidate = composeRuleSet(current, raised, '2026-02-01', current.version + 1);
    const want = new Map<string, { oldMinor: number; newMinor: number }>();
    const stored = await database().db.select().from(database().t.sales);
    for (const s of stored.filter((x) => x.saleDate.startsWith('2026-02'))) {
      const { sale: input, context } = storedSaleInput(s.facts, s.saleDate);
      const types = ruleTypesOf(f.crm.system('t').plugins);
      for (const [side, set] of [
        ['oldMinor', current],
        ['newMinor', candidate],
      ] as const)
        for (const l of proposeCommissions(input, context, set, types)) {
          const k = `${l.beneficiary.kind}:${l.beneficiary.id}`;
          const w = want.get(k) ?? { oldMinor: 0, newMinor: 0 };
          w[side] += l.amountMinor;
          want.set(k, w);
        }
    }
    type R = { kind: string; id: string; oldMinor: number; newMinor: number; diffMinor: number };
    const got = new Map(
      (sim.body.recipients as R[]).map((r) => [`${r.kind}:${r.id}`, { oldMinor: r.oldMinor, newMinor: r.newMinor }]),
    );
    expect(got).toEqual(want);
    const aurora = (sim.body.recipients as R[]).find((r) => r.kind === 'provider')!;
    // 4.5 % → 5 % of 20 000,00 zł and 33 333,33 zł: 900,00 + 1 500,00 → 1 000,00 + 1 666,67 (rounded half up).
    expect([aurora.oldMinor, aurora.newMinor, aurora.diffMinor]).toEqual([240_000, 266_667, 26_667]);
    expect(sim.body.lines.find((l: { ledger: string }) => l.ledger === 'firm')).toMatchObject({
      oldMinor: 90_000,
      newMinor: 100_000,
      oldRuleId: 'aurora-cash-loan',
      newRuleId: 'aurora-cash-loan-from-2026-02-01',
    });
    // Nothing was written: the stored lines of February still say 4.5 %.
    expect(await sale('2026-02-21', 2_000_000)).toMatchObject({ amountMinor: 90_000 });

    // Publishing: January is closed for the firm ledger, so a date in January is refused.
    await database().db.insert(database().t.commissionPeriods).values({
      id: newId(),
      ledger: 'firm',
      period: '2026-01',
      closedBy: null,
      closedAt: f.clock.now(),
    });
    const early = await call(admin, 'POST', '/api/commission-rule-draft/publish', {
      from: '2026-01-15',
      reason: 'Aurora podnosi prowizję',
      revision: 2,
    });
    expect([early.status, early.body.error.details.problems[0].path]).toEqual([422, '/from']);
    expect((await call(admin, 'POST', '/api/commission-rule-draft/publish', { reason: 'x', revision: 1 })).status).toBe(
      409,
    );
    const state = (await call(admin, 'GET', '/api/commission-rule-draft')).body;
    expect([state.publishFrom, state.earliestFrom]).toEqual(['2026-04-01', '2026-02-01']);
    const pub = await call(admin, 'POST', '/api/commission-rule-draft/publish', {
      reason: 'Aurora podnosi prowizję',
      revision: 2,
    });
    expect(pub.body).toEqual({
      version: current.version + 1,
      from: '2026-04-01',
      rules: expect.any(Number),
      reason: 'Aurora podnosi prowizję',
    });
    expect((await call(admin, 'GET', '/api/commission-rule-draft')).body.draft).toBeNull();
    // A sale dated next month gets the new rate, one dated this month keeps the old.
    expect(await sale('2026-04-01', 2_000_000)).toMatchObject({
      amountMinor: 100_000,
      ruleId: 'aurora-cash-loan-from-2026-04-01',
    });
    expect(await sale('2026-03-31', 2_000_000)).toMatchObject({ amountMinor: 90_000, ruleId: 'aurora-cash-loan' });
    const audit = await database()
      .db.select({ action: database().t.auditLog.action, data: database().t.auditLog.data })
      .from(database().t.auditLog);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'commissions.rule-draft.create',
        'commissions.rule-draft.save',
        'commissions.rule-draft.publish',
        'commissions.rule-set.upload',
      ]),
    );
    expect(audit.find((a) => a.action === 'commissions.rule-draft.publish')!.data).toMatchObject({
      from: '2026-04-01',
      reason: 'Aurora podnosi prowizję',
    });
  });
});
