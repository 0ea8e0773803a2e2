/**
 * The sale entry that cannot silently produce zero (issue 13, item 2), over HTTP on both engines:
 * values earlier moves carried come back as `lastValues`; the dry run of a sale answers the lines the
 * engine would propose — recipients by name, amounts only where the caller could read the line —
 * and writes nothing; a sale no rule covers is a 422 unless acknowledged, and the acknowledgement
 * is in the client's history.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { saveCatalog } from '../core/commissions/products/catalog.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('sale entry: carried-over values, commission preview, acknowledged uncovered sales', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const anna = 'anna.nowak@kredyt-dom.pl';
  const manager = 'kierownik.gdansk@kredyt-dom.pl';
  const sale = (product: string, amountMinor: number) => ({
    provider: product.startsWith('polnocny') ? 'bank-polnocny' : 'bank-aurora',
    product,
    amountMinor,
    saleDate: '2026-04-20',
  });

  /** One of Anna's clients walked to "agreement signed" through the API, as she would in the UI. */
  async function atAgreement(): Promise<string> {
    const id = f.clients.filter((c) => c.owner === f.users.anna.id && !c.partnerId).pop()!.id;
    f.clients = f.clients.filter((c) => c.id !== id);
    const steps: [string, Record<string, unknown>][] = [
      ['contact', {}],
      ['analysis', {}],
      ['offers', {}],
      ['documents', {}],
      ['application-filed', { provider: 'bank-aurora' }],
      ['decision-positive', { provider: 'bank-aurora' }],
      ['agreement-signed', { provider: 'bank-aurora', product: 'aurora-mortgage' }],
    ];
    for (const [to, fields] of steps)
      expect((await call(anna, 'POST', `/api/clients/${id}/transitions`, { to, fields })).status).toBe(201);
    return id;
  }

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-04-20T10:00:00Z');
    const sys = f.crm.system('test');
    await seedCommissions(sys);
    // A product the catalogue offers but no commission rule covers yet.
    await saveCatalog(sys, {
      providers: [
        {
          id: 'bank-polnocny',
          name: 'Bank Północny S.A. (fikcyjny)',
          kind: 'bank',
          products: [{ id: 'polnocny-car-loan', name: 'Kredyt samochodowy', category: 'car-loan' }],
        },
      ],
    });
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('carries over bank and product; previews a covered sale with names, writes nothing', async () => {
    const id = await atAgreement();
    const moves = await call(anna, 'GET', `/api/clients/${id}/transitions`);
    expect(moves.body.lastValues).toEqual({ provider: 'bank-aurora', product: 'aurora-mortgage' });

    const preview = await call(anna, 'POST', `/api/clients/${id}/transitions/preview`, {
      to: 'disbursed',
      fields: sale('aurora-mortgage', 45_000_000),
    });
    expect(preview.status).toBe(200);
    const c = preview.body.commissions;
    expect(c.uncovered).toEqual([]);
    expect(c.provider.name).toBe('Bank Aurora S.A. (fikcyjny)');
    expect(c.product).toMatchObject({ name: 'Kredyt hipoteczny „Mój Dom”', category: 'mortgage', inCatalogue: true });
    // Anna reads her own line (a junior's share of the firm's 1.35 %), not the firm's receivable.
    const rows = c.lines.map((l: any) => [l.ledger, l.beneficiary.name, l.amountMinor, l.ruleId]);
    expect(rows).toEqual([
      ['firm', 'Bank Aurora S.A. (fikcyjny)', null, 'aurora-mortgage-2026q2'],
      ['advisor', 'Anna Nowak', expect.any(Number), 'advisor-junior-share'],
    ]);
    expect(rows[1][2]).toBeGreaterThan(0);
    // Her branch manager sees every amount: 450 000,00 zł × 1.35 % = 6 075,00 zł for the firm.
    const managers = await call(manager, 'POST', `/api/clients/${id}/transitions/preview`, {
      to: 'disbursed',
      fields: sale('aurora-mortgage', 45_000_000),
    });
    expect(managers.body.commissions.lines[0].amountMinor).toBe(607_500);
    expect(managers.body.commissions.lines[1].amountMinor).toBe(rows[1][2]);
    // Nothing was written: the client is where it was, without a sale.
    const after = await call(anna, 'GET', `/api/clients/${id}/transitions`);
    expect([after.body.status, after.body.version]).toEqual([moves.body.status, moves.body.version]);
    expect((await call(manager, 'GET', `/api/sales?clientId=${id}`)).body.items).toEqual([]);

    // The move itself gives the lines the preview showed.
    const moved = await call(anna, 'POST', `/api/clients/${id}/transitions`, {
      to: 'disbursed',
      fields: sale('aurora-mortgage', 45_000_000),
      expectedVersion: moves.body.version,
    });
    expect(moved.status).toBe(201);
    const [stored] = (await call(manager, 'GET', `/api/sales?clientId=${id}`)).body.items;
    const lines = (await call(manager, 'GET', `/api/sales/${stored.id}`)).body.lines;
    expect(lines.map((l: any) => l.amountMinor)).toEqual(
      managers.body.commissions.lines.map((l: any) => l.amountMinor),
    );
  });

  it('refuses in the preview what the move refuses: amount 0, a stale version, a move not allowed', async () => {
    const id = await atAgreement();
    const zero = await call(anna, 'POST', `/api/clients/${id}/transitions/preview`, {
      to: 'disbursed',
      fields: sale('aurora-mortgage', 0),
    });
    expect(zero.status).toBe(422);
    expect(zero.body.error.details.problems.map((p: any) => p.path)).toEqual(['/fields/amountMinor']);
    const stale = await call(anna, 'POST', `/api/clients/${id}/transitions/preview`, {
      to: 'disbursed',
      fields: sale('aurora-mortgage', 45_000_000),
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    const back = await call(anna, 'POST', `/api/clients/${id}/transitions/preview`, { to: 'new' });
    expect(back.status).toBe(409);
    const other = await call('ewa.dabrowska@kredyt-dom.pl', 'POST', `/api/clients/${id}/transitions/preview`, {
      to: 'disbursed',
      fields: sale('aurora-mortgage', 45_000_000),
    });
    expect(other.status).toBe(404);
    // A move that is not a sale is checked, with no commissions.
    const resign = await call(anna, 'POST', `/api/clients/${id}/transitions/preview`, {
      to: 'resigned',
      note: 'Klient kupił mieszkanie za gotówkę',
    });
    expect([resign.status, resign.body.sale, resign.body.commissions]).toEqual([200, false, null]);
  });

  it('a sale no rule covers: shown in the preview, 422 without acknowledgement, recorded with it', async () => {
    const id = await atAgreement();
    const fields = sale('polnocny-car-loan', 8_000_000);
    const preview = await call(anna, 'POST', `/api/clients/${id}/transitions/preview`, { to: 'disbursed', fields });
    expect(preview.body.commissions).toMatchObject({ uncovered: ['firm'], policy: 'acknowledge' });
    expect(preview.body.commissions.lines[0]).toMatchObject({ ledger: 'firm', ruleId: null, missing: true });

    const refused = await call(anna, 'POST', `/api/clients/${id}/transitions`, { to: 'disbursed', fields });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toMatchObject({ uncovered: ['firm'], policy: 'acknowledge' });
    expect(refused.body.error.details.problems.map((p: any) => p.path)).toEqual(['/acknowledgeUncovered']);
    expect((await call(anna, 'GET', `/api/clients/${id}/transitions`)).body.status).toBe('agreement-signed');
    expect((await call(manager, 'GET', `/api/sales?clientId=${id}`)).body.items).toEqual([]);

    const accepted = await call(anna, 'POST', `/api/clients/${id}/transitions`, {
      to: 'disbursed',
      fields,
      acknowledgeUncovered: true,
    });
    expect(accepted.status).toBe(201);
    const [stored] = (await call(manager, 'GET', `/api/sales?clientId=${id}`)).body.items;
    const firm = (await call(manager, 'GET', `/api/sales/${stored.id}`)).body.lines.find(
      (l: any) => l.ledger === 'firm',
    );
    expect([firm.missing, firm.amountMinor]).toEqual([true, 0]);
    const history = await call(anna, 'GET', `/api/clients/${id}/timeline`);
    const entry = history.body.items.find((i: any) => i.kind === 'status' && i.to === 'disbursed');
    expect(entry.acknowledged).toEqual(['uncovered-sale']);
    // Undoing the sale asks for the cancellation kind as a pick list with labels, not raw codes.
    const undo = await call('admin@kredyt-dom.pl', 'GET', `/api/clients/${id}/transitions`);
    const kind = undo.body.transitions.find((m: any) => m.to === 'agreement-signed').fields.properties.cancellationKind;
    expect(kind['x-crm-enum-labels'].withdrawal).toEqual({
      pl: 'Odstąpienie od umowy przez klienta',
      en: 'Withdrawal by the client',
    });
    // Earlier moves acknowledged nothing.
    const earlier = history.body.items.filter((i: any) => i.kind === 'status' && i.to !== 'disbursed');
    expect(earlier.every((i: any) => i.acknowledged.length === 0)).toBe(true);
  });
});
