/**
 * Commission review at scale over HTTP, on both engines: a branch manager filters the lines to one
 * advisor and gets names, not codes (the client's name only where the role may see it), pages that
 * neither overlap nor skip, the whole filter's totals per recipient and the choices the filters
 * offer within scope; "approve all matching" refuses when more lines match than were shown, skips
 * lines without a rule, and produces the advisor's statement as soon as HER month is approved while
 * the rest of the firm still waits, saying who waits and why; a double submit approves and records
 * nothing twice; the Statements view's lists (statements, and recipients still waiting) follow scope.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/id.ts';
import { createUser } from '../core/org/users.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type Line = {
  id: string;
  ledger: string;
  status: string;
  missing: boolean;
  beneficiaryKind: string;
  beneficiaryId: string;
  amountMinor: number;
  names: { recipient: string; provider?: string; product?: string; advisor?: string; unit?: string; client?: string };
};
type Group = { recipientKind: string; recipientName: string; lines: number; totalMinor: number; pending: number };

describeEngines('commission review at scale (HTTP)', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const manager = 'kierownik.gdansk@kredyt-dom.pl';
  const office = 'rozliczenia@kredyt-dom.pl';
  const admin = 'admin@kredyt-dom.pl';
  let anna: string;

  async function sale(
    owner: 'anna' | 'senior' | 'ewa' | 'piotr',
    unit: 'gdansk' | 'krakow' | 'gdynia',
    name: [string, string],
    fields: Record<string, unknown>,
  ) {
    const id = newId();
    const now = f.clock.now();
    await database()
      .db.insert(database().t.clients)
      .values({
        id,
        kind: 'person',
        type: 'private',
        source: null,
        displayName: name.join(' '),
        ownerId: f.users[owner].id,
        unitId: f.units[unit].id,
        partnerId: null,
        status: 'agreement-signed',
        data: { firstName: name[0], lastName: name[1] },
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    const email = { anna: 'anna.nowak@kredyt-dom.pl', senior: 'senior.gdansk@kredyt-dom.pl' }[owner as 'anna'] ?? admin;
    const r = await call(email, 'POST', `/api/clients/${id}/transitions`, {
      to: 'disbursed',
      fields: { saleDate: '2026-03-10', ...fields },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }

  beforeAll(async () => {
    f = await smallFirm(database());
    await seedCommissions(f.crm.system('seed'));
    await createUser(f.crm.system('fixture'), {
      email: office,
      name: 'Barbara Rozliczeniowa',
      roles: ['back-office'],
      unitId: f.units.hq.id,
      password: PASSWORD,
    });
    f.clock.set(new Date('2026-03-20T10:00:00Z'));
    app = createHttpApi(f.crm, { log: () => {} });
    anna = f.users.anna.id;
    const cash = { provider: 'bank-aurora', product: 'aurora-cash-loan' };
    await sale('anna', 'gdansk', ['Jan', 'Kowalski'], { ...cash, amountMinor: 2_000_000 });
    await sale('anna', 'gdansk', ['Maria', 'Wiśniewska'], {
      provider: 'bank-wislany',
      product: 'wislany-mortgage',
      amountMinor: 30_000_000,
    });
    // A sale no rule covered (recorded with acknowledgement): its lines are 0,00 zł flagged missing, waiting for a
    // person to enter the amounts. Made so here directly, whatever the firm's policy on recording such sales.
    await sale('anna', 'gdansk', ['Adam', 'Nowicki'], { ...cash, amountMinor: 700_000 });
    const { db, t } = database();
    const [uncovered] = await db.select().from(t.sales).where(eq(t.sales.amountMinor, 700_000));
    await db
      .update(t.commissionLines)
      .set({ missing: true, amountMinor: 0, originalMinor: 0, ruleId: null, ruleVersion: null })
      .where(eq(t.commissionLines.saleId, uncovered!.id));
    await sale('senior', 'gdansk', ['Ewa', 'Lis'], { ...cash, amountMinor: 1_000_000 });
    await sale('ewa', 'krakow', ['Olga', 'Mazur'], { ...cash, amountMinor: 1_500_000 });
  });

  const lines = async (who: string, query: string) => {
    const r = await call(who, 'GET', `/api/commission-lines?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      items: Line[];
      offset: number;
      summary?: { total: number; totalMinor: number; approvable: number; needAmount: number; groups: Group[] };
    };
  };

  it('one advisor: names, masked client names, pages without overlap, totals per recipient', async () => {
    const all = await lines(manager, `advisorId=${anna}&status=pending&sort=recipient&summary=true&limit=500`);
    // Anna's three sales: a firm and an advisor line each; two lines of the amount-less sale wait for an amount.
    expect(all.summary).toMatchObject({ total: 6, approvable: 4, needAmount: 2 });
    expect(all.summary!.totalMinor).toBe(all.items.reduce((s, l) => s + l.amountMinor, 0));
    expect(all.summary!.groups.map((g) => [g.recipientName, g.lines, g.pending])).toEqual([
      ['Anna Nowak', 3, 3],
      ['Bank Aurora S.A. (fikcyjny)', 2, 2],
      ['Bank Wiślany S.A. (fikcyjny)', 1, 1],
    ]);
    // Sorted by recipient: each group's lines are together, in the groups' order.
    expect(all.items.map((l) => l.names.recipient)).toEqual([
      'Anna Nowak',
      'Anna Nowak',
      'Anna Nowak',
      'Bank Aurora S.A. (fikcyjny)',
      'Bank Aurora S.A. (fikcyjny)',
      'Bank Wiślany S.A. (fikcyjny)',
    ]);
    const mortgage = all.items.find((l) => l.ledger === 'firm' && l.names.provider?.startsWith('Bank Wiślany'))!;
    expect(mortgage.names).toEqual({
      recipient: 'Bank Wiślany S.A. (fikcyjny)',
      provider: 'Bank Wiślany S.A. (fikcyjny)',
      product: 'Kredyt mieszkaniowy',
      advisor: 'Anna Nowak',
      unit: 'Gdańsk Wrzeszcz',
      client: 'Maria Wiśniewska',
    });
    // Pages of 4 then 2: every line once.
    const p1 = await lines(manager, `advisorId=${anna}&status=pending&sort=recipient&limit=4`);
    const p2 = await lines(manager, `advisorId=${anna}&status=pending&sort=recipient&limit=4&offset=4`);
    expect([p1.items.length, p2.items.length, p2.offset]).toEqual([4, 2, 4]);
    expect([...p1.items, ...p2.items].map((l) => l.id)).toEqual(all.items.map((l) => l.id));
    // The back office has no pii:read: the same line without the client's name (and nothing else hidden).
    const seen = await lines(office, `advisorId=${anna}&provider=bank-wislany&summary=true`);
    expect(seen.items.map((l) => [l.names.client, l.names.product])).toEqual([
      [undefined, 'Kredyt mieszkaniowy'],
      [undefined, 'Kredyt mieszkaniowy'],
    ]);
    // Other filters: missing rule, product, unit.
    expect((await lines(manager, `advisorId=${anna}&missing=true`)).items.length).toBe(2);
    expect((await lines(manager, 'product=wislany-mortgage')).items.length).toBe(2);
    expect((await lines(admin, `unitId=${f.units.krakow.id}&summary=true`)).summary!.total).toBe(2);
    // The Gdańsk manager sees nothing of Kraków, whatever the filter says.
    expect((await lines(manager, `unitId=${f.units.krakow.id}&summary=true`)).summary).toMatchObject({
      total: 0,
      groups: [],
    });
  });

  it("offers the filters' choices from the lines in scope, with names", async () => {
    const r = await call(manager, 'GET', '/api/commission-lines/facets?period=2026-03');
    expect(r.status).toBe(200);
    expect(r.body.periods).toEqual(['2026-03']);
    expect(r.body.advisors.map((a: { name: string }) => a.name)).toEqual(['Anna Nowak', 'Tomasz Zieliński']);
    expect(r.body.units.map((u: { name: string }) => u.name)).toEqual(['Gdańsk Wrzeszcz']);
    expect(r.body.products.map((p: { name: string }) => p.name)).toEqual(['Kredyt gotówkowy', 'Kredyt mieszkaniowy']);
  });

  it('bad input gets a 422 naming the field', async () => {
    for (const q of ['status=everything', 'sort=random', 'offset=-1', 'missing=maybe', 'limit=0']) {
      const r = await call(manager, 'GET', `/api/commission-lines?${q}`);
      expect([q, r.status]).toEqual([q, 422]);
    }
    const noCount = await call(manager, 'POST', '/api/commission-lines/approve', { filter: { advisorId: anna } });
    expect(noCount.status).toBe(422);
    const zero = await call(manager, 'POST', '/api/commission-lines/approve', { filter: {}, expected: 0 });
    expect(zero.status).toBe(422);
  });

  it("approve all matching: 409 if more match than shown; a statement once the advisor's month is done", async () => {
    const filter = { advisorId: anna, period: '2026-03', status: 'pending' };
    const before = await lines(manager, `advisorId=${anna}&period=2026-03&status=pending&summary=true`);
    const tooFew = await call(manager, 'POST', '/api/commission-lines/approve', { filter, expected: 3 });
    expect([tooFew.status, tooFew.body.error.details.matching]).toEqual([409, 4]);
    expect((await lines(manager, `advisorId=${anna}&status=approved`)).items).toEqual([]);

    const first = await call(manager, 'POST', '/api/commission-lines/approve', { filter, expected: 4 });
    expect(first.status).toBe(200);
    expect([first.body.approved.length, first.body.skippedNeedAmount, first.body.statements]).toEqual([4, 2, []]);
    // Why no statement: Anna's own month still holds the amount-less line. The banks' firm-wide statements
    // (Bank Wiślany's is complete now, Bank Aurora's waits on other branches) are not the manager's to see.
    expect(
      first.body.waiting.map((w: { recipientName: string; ledger: string; pending: number }) => [
        w.ledger,
        w.recipientName,
        w.pending,
      ]),
    ).toEqual([['advisor', 'Anna Nowak', 1]]);
    expect(before.summary!.approvable).toBe(4);
    const made = await database()
      .db.select()
      .from(database().t.commissionStatements)
      .where(eq(database().t.commissionStatements.recipientId, 'bank-wislany'));
    expect(made.length).toBe(1);

    // The manager enters the two missing amounts (with a reason); then everything of Anna's is approvable.
    for (const l of (await lines(manager, `advisorId=${anna}&missing=true&status=pending`)).items) {
      const r = await call(manager, 'POST', `/api/commission-lines/${l.id}/correct`, {
        amountMinor: l.ledger === 'firm' ? 50_000 : 20_000,
        reason: 'Kwota z umowy z bankiem',
      });
      expect(r.status).toBe(200);
    }
    const second = await call(manager, 'POST', '/api/commission-lines/approve', { filter, expected: 2 });
    expect(second.body.approved.length).toBe(2);
    // Anna's advisor statement is produced although Tomasz's and Kraków's lines still wait.
    expect(
      second.body.statements.map((s: { recipientName: string; ledger: string }) => [s.ledger, s.recipientName]),
    ).toEqual([['advisor', 'Anna Nowak']]);
    const annaLines = (await lines(manager, `ledger=advisor&beneficiaryId=${anna}&status=approved`)).items;
    expect(second.body.statements[0].totalMinor).toBe(annaLines.reduce((s, l) => s + l.amountMinor, 0));
    expect(second.body.waiting).toEqual([]);

    // Submitted again (a double click that got through): nothing approved, no statement, no approval record.
    const again = await call(manager, 'POST', '/api/commission-lines/approve', { filter, expected: 2 });
    expect([again.status, again.body.approved, again.body.statements]).toEqual([200, [], []]);
    const { db, t } = database();
    const ids = annaLines.map((l) => l.id);
    const records = await db.select().from(t.commissionApprovals).where(inArray(t.commissionApprovals.lineId, ids));
    expect(records.length).toBe(ids.length);
    const statements = await db
      .select()
      .from(t.commissionStatements)
      .where(eq(t.commissionStatements.recipientId, anna));
    expect(statements.length).toBe(1);
  });

  it('two approvals of the same lines at once record each line once', async () => {
    const pending = (await lines(admin, `advisorId=${f.users.senior.id}&status=pending`)).items.map((l) => l.id);
    expect(pending.length).toBe(2);
    const [a, b] = await Promise.all([
      call(admin, 'POST', '/api/commission-lines/approve', { ids: pending }),
      call(admin, 'POST', '/api/commission-lines/approve', { ids: pending }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.approved.length + b.body.approved.length).toBe(2);
    // The back office's and admin's answer names the bank still waiting (Kraków's line) and why.
    const answer = a.body.approved.length ? a.body : b.body;
    expect(answer.waiting).toEqual([
      expect.objectContaining({ ledger: 'firm', recipientName: 'Bank Aurora S.A. (fikcyjny)', pending: 1 }),
    ]);
    const { db, t } = database();
    const records = await db.select().from(t.commissionApprovals).where(inArray(t.commissionApprovals.lineId, pending));
    expect(records.length).toBe(2);
    const senior = await db
      .select()
      .from(t.commissionStatements)
      .where(eq(t.commissionStatements.recipientId, f.users.senior.id));
    expect(senior.length).toBe(1);
  });

  it('the Statements view: statements in scope, and who is still waiting with the reason', async () => {
    const mine = await call(manager, 'GET', '/api/statements?period=2026-03');
    expect(mine.body.items.map((s: { recipientName: string; final: boolean }) => [s.recipientName, s.final])).toEqual(
      expect.arrayContaining([['Anna Nowak', false]]),
    );
    const waitingForManager = (await call(manager, 'GET', '/api/pending-statements?period=2026-03')).body.items as {
      recipientKind: string;
    }[];
    // A manager sees her unit's recipients, never the firm's provider statements.
    expect(waitingForManager.every((w) => w.recipientKind !== 'provider')).toBe(true);
    const waitingForOffice = (await call(office, 'GET', '/api/pending-statements?period=2026-03')).body.items as {
      recipientName: string;
      pending: number;
      statementId: string | null;
    }[];
    expect(waitingForOffice).toContainEqual(
      expect.objectContaining({ recipientName: 'Ewa Dąbrowska', pending: 1, statementId: null }),
    );
    expect(waitingForOffice.map((w) => w.recipientName)).toContain('Bank Aurora S.A. (fikcyjny)');
    expect((await call('anna.nowak@kredyt-dom.pl', 'GET', '/api/pending-statements')).body.items).toEqual([]);
  });
});
