/**
 * Commission review at the scale a director meets, on both engines: 2 400 waiting lines of one
 * branch (1 200 sales) read in pages of 200 by amount — every line exactly once, in order — with the
 * whole filter's totals, then "approve all matching" for the branch manager: the approval goes
 * through in chunks (well under each engine's limit on bound parameters), records each line once,
 * and produces the advisor's statement with all 1 200 of her lines.
 */
import { beforeAll, expect, it } from 'vitest';
import { approveMatching } from '../core/commissions/ledger/approve-matching.ts';
import { listLines } from '../core/commissions/ledger/lines.ts';
import { summarizeLines } from '../core/commissions/ledger/summary.ts';
import { newId } from '../core/ids/id.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const SALES = 1200;

describeEngines('commission review: 2 400 lines', (database) => {
  let f: SmallFirm;

  beforeAll(async () => {
    f = await smallFirm(database());
    await seedCommissions(f.crm.system('seed'));
    const { db, t } = database();
    const now = f.clock.now();
    const anna = f.users.anna.id;
    const gdansk = f.units.gdansk.id;
    const clients = [];
    const sales = [];
    const lines = [];
    for (let i = 0; i < SALES; i++) {
      const clientId = newId();
      const saleId = newId();
      clients.push({
        id: clientId,
        kind: 'person' as const,
        type: 'private',
        source: null,
        displayName: `Klient ${i}`,
        ownerId: anna,
        unitId: gdansk,
        partnerId: null,
        status: 'disbursed',
        data: {},
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      sales.push({
        id: saleId,
        clientId,
        historyId: null,
        advisorId: anna,
        unitId: gdansk,
        partnerId: null,
        provider: 'bank-aurora',
        product: 'aurora-cash-loan',
        productCategory: 'cash-loan',
        amountMinor: 1_000_000 + i * 100,
        saleDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
        ruleSetVersion: 1,
        facts: {},
        status: 'active' as const,
        cancellation: null,
        createdBy: anna,
        createdAt: now,
      });
      for (const [ledger, kind, id, amount] of [
        ['firm', 'provider', 'bank-aurora', 30_000 + i],
        ['advisor', 'advisor', anna, 12_000 + i],
      ] as const)
        lines.push({
          id: newId(),
          saleId,
          ledger,
          component: 'commission',
          kind: 'proposal' as const,
          status: 'proposed' as const,
          beneficiaryKind: kind,
          beneficiaryId: id,
          amountMinor: amount,
          originalMinor: amount,
          correctionReason: null,
          correctedBy: null,
          correctedAt: null,
          missing: false,
          ruleId: 'r',
          ruleVersion: 1,
          explanation: { pl: 'x', en: 'x' },
          period: '2026-03',
          relatesTo: null,
          ownerId: kind === 'advisor' ? anna : null,
          unitId: gdansk,
          partnerId: null,
          approvedBy: null,
          approvedAt: null,
          createdAt: now,
        });
    }
    for (let i = 0; i < SALES; i += 200) {
      await db.insert(t.clients).values(clients.slice(i, i + 200));
      await db.insert(t.sales).values(sales.slice(i, i + 200));
    }
    for (let i = 0; i < lines.length; i += 200) await db.insert(t.commissionLines).values(lines.slice(i, i + 200));
  });

  it('pages of 200 by amount hold every line once, in order; totals cover the whole filter', async () => {
    const manager = await f.crm.asUser(f.users.manager.id);
    const filter = { advisorId: f.users.anna.id, status: 'pending', sort: 'amount' as const };
    const seen: { id: string; amountMinor: number }[] = [];
    for (let offset = 0; offset < 2 * SALES; offset += 200)
      seen.push(...(await listLines(manager, { ...filter, limit: 200, offset })));
    expect(seen.length).toBe(2 * SALES);
    expect(new Set(seen.map((l) => l.id)).size).toBe(2 * SALES);
    const amounts = seen.map((l) => l.amountMinor);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const s = await summarizeLines(manager, filter);
    expect([s.total, s.approvable, s.needAmount]).toEqual([2 * SALES, 2 * SALES, 0]);
    expect(s.totalMinor).toBe(amounts.reduce((a, b) => a + b, 0));
    expect(s.groups.map((g) => [g.recipientName, g.lines])).toEqual([
      ['Anna Nowak', SALES],
      ['Bank Aurora S.A. (fikcyjny)', SALES],
    ]);
  });

  it('approve all matching: 2 400 lines in one request, each recorded once, a statement with every line', async () => {
    const manager = await f.crm.asUser(f.users.manager.id);
    const r = await approveMatching(manager, { advisorId: f.users.anna.id }, 2 * SALES);
    expect(r.approved.length).toBe(2 * SALES);
    // The bank's firm-wide statement is made too, but it is not the branch manager's to read.
    expect(r.statements.map((s) => [s.recipientName, s.lineCount])).toEqual([['Anna Nowak', SALES]]);
    const { db, t } = database();
    expect((await db.select().from(t.commissionApprovals)).length).toBe(2 * SALES);
    const again = await approveMatching(manager, { advisorId: f.users.anna.id }, 2 * SALES);
    expect([again.approved.length, again.statements.length]).toEqual([0, 0]);
  });
});
