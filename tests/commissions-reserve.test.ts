/**
 * The holdback reserve (stornofond), on both engines, with hand-computed figures: a junior advisor's
 * rule holds back 10% for 6 months; a withdrawn sale's clawback draws on its reserve first; the
 * other sale's reserve is released on the September statement.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approveLines,
  cancelSale,
  listLines,
  listSales,
  listStatements,
  ruleSetProblems,
  uploadRuleSet,
} from '../core/commissions/index.ts';
import type { Ctx } from '../core/context.ts';
import { newId } from '../core/ids/index.ts';
import { transition } from '../core/workflow/transition.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const demoRules = () =>
  JSON.parse(readFileSync(new URL('../examples/demo-firm/commission-rules.json', import.meta.url), 'utf8')) as {
    version: number;
    rules: Array<Record<string, unknown>>;
  };

describe('holdback in the rule set', () => {
  it('is refused on the firm and unit ledgers and out of range, with the path', () => {
    const rule = (id: string, ledger: string, holdback: unknown) => ({
      id,
      ledger,
      validFrom: '2026-01-01',
      when: { provider: [id] },
      rate: { bp: 100 },
      holdback,
    });
    const problems = ruleSetProblems({
      version: 1,
      rules: [
        rule('a', 'firm', { bp: 1000, months: 6 }),
        rule('b', 'advisor', { bp: 20_000, months: 6 }),
        rule('c', 'partner', { bp: 500, months: 3 }),
      ],
    }).map((p) => p.path);
    expect(problems).toEqual(['/rules/1/holdback/bp', '/rules/0/holdback']);
  });
});

describeEngines('commissions: holdback reserve (stornofond)', (database) => {
  let f: SmallFirm;
  let office: Ctx;

  async function sell(amountMinor: number, saleDate: string): Promise<string> {
    const { db, t } = database();
    const id = newId();
    const now = f.clock.now();
    await db.insert(t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Zażółć Gęślą',
      ownerId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      partnerId: null,
      status: 'agreement-signed',
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await transition(await f.crm.asUser(f.users.anna.id), id, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor, saleDate },
    });
    const [sale] = await listSales(office, { clientId: id });
    return sale!.id;
  }
  const anna = (period: string) => listLines(office, { period, ledger: 'advisor', beneficiaryId: f.users.anna.id });
  const figures = (lines: Awaited<ReturnType<typeof anna>>) =>
    lines.map((l) => [l.kind, l.amountMinor]).sort((a, b) => String(a).localeCompare(String(b)));
  const sum = (lines: { amountMinor: number }[]) => lines.reduce((s, l) => s + l.amountMinor, 0);

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-03-20T10:00:00Z');
    office = await f.crm.asUser(f.users.admin.id);
    await seedCommissions(f.crm.system('test'));
    const rules = demoRules();
    const junior = rules.rules.find((r) => r.id === 'advisor-junior-share')!;
    junior.holdback = { bp: 1000, months: 6 };
    await uploadRuleSet(office, { ...rules, version: rules.version + 1 });
  });

  it('10% held for 6 months; a clawback draws on the reserve first; the rest is released in September', async () => {
    // Bank Aurora, March: 1.50% to the firm; Anna (junior) gets 40% of it, 10% of that held back.
    const kept = await sell(40_000_000, '2026-03-05'); // firm 6 000 zł, Anna 2 400 zł, reserve 240 zł
    const withdrawn = await sell(30_000_000, '2026-03-10'); // firm 4 500 zł, Anna 1 800 zł, reserve 180 zł
    await cancelSale(office, withdrawn, { kind: 'withdrawal', date: '2026-03-18' });

    const march = await anna('2026-03');
    expect(figures(march)).toEqual(
      [
        ['proposal', 240_000],
        ['proposal', 180_000],
        ['reserve', -24_000],
        ['reserve', -18_000],
        ['clawback', -180_000],
        ['reserve', 18_000], // the withdrawn sale's reserve covers 180 zł of its 1 800 zł clawback
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
    // 2 400 − 240 + 1 800 − 180 − 1 800 + 180 = 2 160,00 zł in March.
    expect(sum(march)).toBe(216_000);
    const september = await anna('2026-09');
    const bySale = Object.fromEntries(september.map((l) => [l.saleId, [l.kind, l.amountMinor, l.originalMinor]]));
    expect(bySale).toEqual({ [kept]: ['reserve', 24_000, 24_000], [withdrawn]: ['reserve', 0, 18_000] });
    // Over both months the withdrawn sale nets to exactly 0 for Anna.
    const all = [...march, ...september].filter((l) => l.saleId === withdrawn);
    expect(sum(all)).toBe(0);

    await approveLines(
      office,
      march.map((l) => l.id),
    );
    await approveLines(
      office,
      september.map((l) => l.id),
    );
    const statement = async (period: string) =>
      (await listStatements(office, { period, ledger: 'advisor', recipientId: f.users.anna.id }))[0];
    expect((await statement('2026-03'))?.totalMinor).toBe(216_000);
    expect((await statement('2026-09'))?.totalMinor).toBe(24_000);
  });
});
