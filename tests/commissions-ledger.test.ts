/**
 * Commissions wired into the product, on both engines: a status move into the sale status proposes
 * lines with the rules in force on the sale date; corrections, approvals (scoped, all or nothing),
 * adjustments, clawbacks and statements behave as a back office would rely on.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { approveLines } from '../core/commissions/ledger/approve.ts';
import { adjustLine, correctLine } from '../core/commissions/ledger/correct.ts';
import { listLines } from '../core/commissions/ledger/lines.ts';
import { cancelSale } from '../core/commissions/sales/cancel-sale.ts';
import { listSales } from '../core/commissions/sales/queries.ts';
import { listStatements, statementFile, closePeriod, getStatement } from '../core/commissions/statements/queries.ts';
import { documentHash, sha256 } from '../core/commissions/statements/render.ts';
import type { Ctx } from '../core/context.ts';
import { newId } from '../core/ids/id.ts';
import { transition } from '../core/workflow/transition.ts';
import { updateUnit } from '../core/org/units.ts';
import { moveUser } from '../core/org/users.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const sum = (ls: { amountMinor: number }[]) => ls.reduce((s, l) => s + l.amountMinor, 0);

describeEngines('commissions: sales, ledgers, statements', (database) => {
  let f: SmallFirm;
  let sys: Ctx;
  const as = (id: string) => f.crm.asUser(id);

  /** A client of `owner` ready for the sale move, optionally referred by the partner with a source. */
  async function client(
    owner: keyof SmallFirm['users'],
    unit: keyof SmallFirm['units'],
    extra: { partner?: boolean; source?: string } = {},
  ) {
    const { db, t } = database();
    const id = newId();
    const now = f.clock.now();
    await db.insert(t.clients).values({
      id,
      kind: 'person',
      type: extra.partner ? 'partner-referred' : 'private',
      source: extra.source ?? null,
      displayName: 'Zażółć Gęślą',
      ownerId: f.users[owner].id,
      unitId: f.units[unit].id,
      partnerId: extra.partner ? f.partnerId : null,
      status: 'agreement-signed',
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }
  /** `acknowledgeUncovered`: the seller confirmed that no commission rule covers the sale (else a 422). */
  async function sell(
    owner: keyof SmallFirm['users'],
    clientId: string,
    fields: Record<string, unknown>,
    acknowledgeUncovered = false,
  ) {
    await transition(await as(f.users[owner].id), clientId, { to: 'disbursed', fields, acknowledgeUncovered });
    const [sale] = await listSales(sys, { clientId });
    return { sale: sale!, lines: await listLines(sys, { saleId: sale!.id }) };
  }
  const byLedger = <T extends { ledger: string }>(lines: T[], ledger: string) =>
    lines.filter((l) => l.ledger === ledger);

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-04-20T10:00:00Z');
    sys = f.crm.system('test');
    await seedCommissions(sys);
    // The fixture stores the partner firm; here it gets its commission group.
    await database()
      .db.update(database().t.partners)
      .set({ name: 'Biuro Nieruchomości Bursztyn sp. z o.o.', commissionGroup: 'partner-standard' })
      .where(eq(database().t.partners.id, f.partnerId));
  });

  it('a sale dated before the April rate change uses the March rate, via the status move, explained', async () => {
    const march = await sell('anna', await client('anna', 'gdansk'), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 45_000_000,
      saleDate: '2026-03-10',
    });
    const april = await sell('anna', await client('anna', 'gdansk'), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 45_000_000,
      saleDate: '2026-04-10',
    });
    expect(byLedger(march.lines, 'firm').map((l) => [l.amountMinor, l.ruleId, l.period])).toEqual([
      [675_000, 'aurora-mortgage-2026q1', '2026-03'],
    ]);
    expect(byLedger(april.lines, 'firm').map((l) => [l.amountMinor, l.ruleId, l.period])).toEqual([
      [607_500, 'aurora-mortgage-2026q2', '2026-04'],
    ]);
    // Anna is a junior advisor: 40% of the firm's commission.
    const adv = byLedger(march.lines, 'advisor')[0]!;
    expect([adv.amountMinor, adv.beneficiaryId, adv.ruleId]).toEqual([
      270_000,
      f.users.anna.id,
      'advisor-junior-share',
    ]);
    const e = adv.explanation as { pl: string; en: string; arithmetic: string; base: { amountMinor: number } };
    expect(e.base.amountMinor).toBe(675_000);
    expect(e.pl).toContain('advisor-junior-share');
    expect(e.en).toMatch(/40\.00%/);
    expect(march.sale.unitId).toBe(f.units.gdansk.id);
  });

  it('rate groups: a senior advisor gets the senior share of the same firm commission', async () => {
    const { lines } = await sell('ewa', await client('ewa', 'krakow'), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 45_000_000,
      saleDate: '2026-03-12',
    });
    expect(byLedger(lines, 'advisor').map((l) => [l.amountMinor, l.ruleId])).toEqual([
      [337_500, 'advisor-senior-share'],
    ]);
  });

  it('per-source partner rates: a portal lead pays the partner 0.20%, another source 0.30%', async () => {
    const portal = await sell('anna', await client('anna', 'gdansk', { partner: true, source: 'portal-kredytowy' }), {
      provider: 'bank-wislany',
      product: 'wislany-mortgage',
      amountMinor: 40_000_000,
      saleDate: '2026-03-15',
    });
    const agency = await sell('anna', await client('anna', 'gdansk', { partner: true, source: 'real-estate-agency' }), {
      provider: 'bank-wislany',
      product: 'wislany-mortgage',
      amountMinor: 40_000_000,
      saleDate: '2026-03-15',
    });
    expect(byLedger(portal.lines, 'partner').map((l) => [l.amountMinor, l.beneficiaryId])).toEqual([
      [80_000, f.partnerId],
    ]);
    expect(byLedger(agency.lines, 'partner').map((l) => l.amountMinor)).toEqual([120_000]);
  });

  it('a product no rule covers: sale saved, line flagged (not zero); cannot be approved until corrected', async () => {
    const id = await client('anna', 'gdansk');
    const fields = {
      provider: 'bank-aurora',
      product: 'aurora-car-loan',
      amountMinor: 5_000_000,
      saleDate: '2026-03-16',
    };
    // Not without Anna's acknowledgement that no rule covers it (workflow.uncoveredSales: acknowledge).
    await expect(sell('anna', id, fields)).rejects.toMatchObject({ code: 'invalid', details: { uncovered: ['firm'] } });
    const { sale, lines } = await sell('anna', id, fields, true);
    expect(sale.status).toBe('active');
    const firm = byLedger(lines, 'firm')[0]!;
    expect([firm.missing, firm.amountMinor, firm.status]).toEqual([true, 0, 'proposed']);
    await expect(approveLines(sys, [firm.id])).rejects.toMatchObject({ code: 'invalid' });
    await correctLine(sys, firm.id, { amountMinor: 100_000, reason: 'Stawka z umowy agencyjnej, aneks 3' });
    expect((await approveLines(sys, [firm.id])).approved).toEqual([firm.id]);
  });

  it('amounts with a fraction of a grosz, floats or negatives are refused (422); no move happens', async () => {
    const id = await client('anna', 'gdansk');
    const anna = await as(f.users.anna.id);
    for (const amountMinor of [0.1 + 0.2, 1500.5, -100, '45000000']) {
      await expect(
        transition(anna, id, {
          to: 'disbursed',
          fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor, saleDate: '2026-03-10' },
        }),
      ).rejects.toMatchObject({ code: 'invalid' });
    }
    expect(await listSales(sys, { clientId: id })).toEqual([]);
  });

  it('corrections need a reason, keep the original; approval locks; later changes are adjustment lines', async () => {
    const { lines } = await sell('anna', await client('anna', 'gdansk'), {
      provider: 'bank-polnocny',
      product: 'polnocny-cash-loan',
      amountMinor: 3_000_000,
      saleDate: '2026-03-20',
    });
    const firm = byLedger(lines, 'firm')[0]!;
    const manager = await as(f.users.manager.id);
    await expect(correctLine(manager, firm.id, { amountMinor: 150_000, reason: '  ' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(correctLine(manager, firm.id, { amountMinor: 1500.5, reason: 'x' })).rejects.toMatchObject({
      code: 'invalid',
    });
    const c = await correctLine(manager, firm.id, { amountMinor: 150_000, reason: 'Bank wypłacił 1 500 zł' });
    expect([c.amountMinor, c.originalMinor, c.status, c.correctionReason]).toEqual([
      150_000,
      180_000,
      'corrected',
      'Bank wypłacił 1 500 zł',
    ]);
    await approveLines(manager, [firm.id]);
    await expect(correctLine(manager, firm.id, { amountMinor: 1, reason: 'za późno' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const adj = await adjustLine(manager, firm.id, { amountMinor: -10_000, reason: 'Nota korygująca banku' });
    expect([adj.kind, adj.amountMinor, adj.status, adj.relatesTo]).toEqual([
      'adjustment',
      -10_000,
      'proposed',
      firm.id,
    ]);
    const [stored] = await listLines(sys, { saleId: firm.saleId, ledger: 'firm', kind: 'proposal' });
    expect([stored!.amountMinor, stored!.status]).toEqual([150_000, 'approved']);
  });

  it("a bulk approval with one line outside the manager's unit is refused (403) and changes nothing", async () => {
    const gda = await sell('anna', await client('anna', 'gdansk'), {
      provider: 'bank-aurora',
      product: 'aurora-cash-loan',
      amountMinor: 2_000_000,
      saleDate: '2026-03-21',
    });
    const krk = await sell('ewa', await client('ewa', 'krakow'), {
      provider: 'bank-aurora',
      product: 'aurora-cash-loan',
      amountMinor: 2_000_000,
      saleDate: '2026-03-21',
    });
    const ids = [...gda.lines.map((l) => l.id), byLedger(krk.lines, 'firm')[0]!.id];
    await expect(approveLines(await as(f.users.manager.id), ids)).rejects.toMatchObject({ code: 'forbidden' });
    const after = await listLines(sys, { saleId: gda.sale.id });
    expect(after.map((l) => l.status)).toEqual(gda.lines.map(() => 'proposed'));
    // An advisor cannot approve at all, and sees only the lines that pay her.
    await expect(approveLines(await as(f.users.anna.id), [gda.lines[0]!.id])).rejects.toMatchObject({
      code: 'forbidden',
    });
    const mine = await listLines(await as(f.users.anna.id), { saleId: gda.sale.id });
    expect(mine.map((l) => l.ledger)).toEqual(['advisor']);
  });

  it('a withdrawal within 14 days reverses every ledger in the cancellation month; each nets to 0', async () => {
    const { sale, lines } = await sell(
      'anna',
      await client('anna', 'gdansk', { partner: true, source: 'real-estate-agency' }),
      { provider: 'bank-wislany', product: 'wislany-consolidation', amountMinor: 12_345_678, saleDate: '2026-03-28' },
    );
    await correctLine(sys, byLedger(lines, 'advisor')[0]!.id, { amountMinor: 333_333, reason: 'Premia uznaniowa' });
    await expect(cancelSale(sys, sale.id, { kind: 'withdrawal', date: '2026-04-20' })).rejects.toMatchObject({
      code: 'invalid',
    });
    const r = await cancelSale(sys, sale.id, { kind: 'withdrawal', date: '2026-04-05' });
    expect(r.lines.every((l) => l.kind === 'clawback' && l.period === '2026-04')).toBe(true);
    const all = await listLines(sys, { saleId: sale.id });
    for (const ledger of ['firm', 'advisor', 'partner'])
      expect([ledger, sum(byLedger(all, ledger))]).toEqual([ledger, 0]);
    expect(
      all
        .filter((l) => l.kind === 'proposal')
        .map((l) => l.amountMinor)
        .every((a) => a > 0),
    ).toBe(true);
    await expect(cancelSale(sys, sale.id, { kind: 'rejection' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('an early repayment reverses the unexpired share; a reopen out of the sale status claws back fully', async () => {
    const a = await sell('ewa', await client('ewa', 'krakow'), {
      provider: 'bank-aurora',
      product: 'aurora-consolidation',
      amountMinor: 10_000_000,
      saleDate: '2026-01-05',
    });
    const r = await cancelSale(sys, a.sale.id, { kind: 'early-repayment', date: '2026-04-10' });
    const firm = byLedger(a.lines, 'firm')[0]!.amountMinor;
    expect(sum(byLedger(r.lines, 'firm'))).toBe(-Math.round((firm * 9) / 12));
    const id = await client('anna', 'gdansk');
    const b = await sell('anna', id, {
      provider: 'bank-aurora',
      product: 'aurora-cash-loan',
      amountMinor: 1_000_000,
      saleDate: '2026-04-15',
    });
    await transition(await as(f.users.admin.id), id, {
      to: 'agreement-signed',
      note: 'Bank odrzucił uruchomienie',
      fields: { cancellationKind: 'rejection', cancellationDate: '2026-04-20' },
    });
    const all = await listLines(sys, { saleId: b.sale.id });
    expect(all.filter((l) => l.kind === 'clawback').length).toBe(b.lines.length);
    expect(sum(all)).toBe(0);
  });

  it('a franchise branch gets its unit-ledger share; no advisor line where no advisor rule applies', async () => {
    await updateUnit(sys, f.units.gdynia.id, { groups: ['franchise'] });
    const { sale, lines } = await sell('piotr', await client('piotr', 'gdynia'), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 20_000_000,
      saleDate: '2026-03-18',
    });
    // Firm 1.50% = 3 000 zł; the franchise branch 70% of it = 2 100 zł.
    expect(lines.map((l) => [l.ledger, l.beneficiaryKind, l.amountMinor])).toEqual([
      ['firm', 'provider', 300_000],
      ['unit', 'unit', 210_000],
    ]);
    expect(sale.unitId).toBe(f.units.gdynia.id);
  });

  it('a sale stays with the unit the advisor was in on the sale date, after the advisor moves', async () => {
    await moveUser(sys, f.users.senior.id, f.units.krakow.id, { at: new Date('2026-04-01T08:00:00Z') });
    const before = await sell('senior', await client('senior', 'gdansk'), {
      provider: 'bank-aurora',
      product: 'aurora-cash-loan',
      amountMinor: 1_000_000,
      saleDate: '2026-03-25',
    });
    const after = await sell('senior', await client('senior', 'krakow'), {
      provider: 'bank-aurora',
      product: 'aurora-cash-loan',
      amountMinor: 1_000_000,
      saleDate: '2026-04-02',
    });
    expect([before.sale.unitId, after.sale.unitId]).toEqual([f.units.gdansk.id, f.units.krakow.id]);
    // The Gdańsk manager still sees (and approves) the March sale, not the April one.
    const manager = await as(f.users.manager.id);
    expect((await listLines(manager, { saleId: before.sale.id })).length).toBe(before.lines.length);
    expect(await listLines(manager, { saleId: after.sale.id })).toEqual([]);
  });

  it('approving a month makes numbered statements: totals equal their lines, bytes are reproducible', async () => {
    const pending = await listLines(sys, { period: '2026-03', ledger: 'advisor' });
    for (const l of pending.filter((x) => x.missing && x.status === 'proposed'))
      await correctLine(sys, l.id, { amountMinor: 40_000, reason: '40% z prowizji wpisanej ręcznie' });
    const res = await approveLines(
      sys,
      pending.map((l) => l.id),
    );
    expect(res.statements.length).toBeGreaterThan(0);
    const list = await listStatements(sys, { period: '2026-03', ledger: 'advisor' });
    const annaSt = list.find((s) => s.recipientId === f.users.anna.id)!;
    expect(annaSt.number).toMatch(/^PR\/2026\/03\/D\/\d{4}$/);
    const annaLines = await listLines(sys, {
      period: '2026-03',
      ledger: 'advisor',
      beneficiaryId: f.users.anna.id,
      status: 'approved',
    });
    expect(annaSt.totalMinor).toBe(sum(annaLines));
    const doc = (await getStatement(sys, annaSt.id)).document;
    expect(sum((doc.rows as { amount: number }[]).map((r) => ({ amountMinor: r.amount })))).toBe(annaSt.totalMinor);
    const one = await statementFile(sys, annaSt.id, 'pdf');
    const two = await statementFile(sys, annaSt.id, 'pdf');
    expect(Buffer.from(one.bytes).equals(Buffer.from(two.bytes))).toBe(true);
    expect((await getStatement(sys, annaSt.id)).pdfHash).toBe(sha256(one.bytes));
    expect(annaSt.contentHash).toBe(documentHash(doc));
    const x1 = await statementFile(sys, annaSt.id, 'xlsx');
    expect(sha256(x1.bytes)).toBe(sha256((await statementFile(sys, annaSt.id, 'xlsx')).bytes));
    // The XLSX holds money as numbers with a PLN format, not as text.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(x1.bytes) as never);
    const sheet = book.worksheets[0]!;
    const amounts: unknown[] = [];
    sheet.eachRow((row) => {
      const v = row.getCell(7).value;
      if (typeof v === 'number') amounts.push([v, row.getCell(7).numFmt]);
    });
    expect(amounts.length).toBe(annaLines.length);
    expect(amounts[0]).toEqual([expect.any(Number), '#,##0.00 "zł"']);
    // The franchise branch's month, once approved, has a unit statement.
    const unitLines = await listLines(sys, { period: '2026-03', ledger: 'unit' });
    const unitRes = await approveLines(
      sys,
      unitLines.map((l) => l.id),
    );
    expect(unitRes.statements.map((s) => [s.recipientKind, s.recipientId, s.totalMinor])).toEqual([
      ['unit', f.units.gdynia.id, 210_000],
    ]);
    // Scope: Anna sees her own statement only; Ewa gets 404 for Anna's.
    expect((await listStatements(await as(f.users.anna.id), {})).map((s) => s.recipientId)).toEqual([f.users.anna.id]);
    await expect(statementFile(await as(f.users.ewa.id), annaSt.id, 'pdf')).rejects.toMatchObject({
      code: 'not_found',
    });
    // Closing the month keeps the statements (same lines) and refuses a second close.
    const closed = await closePeriod(sys, 'advisor', '2026-03');
    expect(closed.statements.map((s) => s.id)).toContain(annaSt.id);
    await expect(closePeriod(sys, 'advisor', '2026-03')).rejects.toMatchObject({ code: 'conflict' });
  });
});
