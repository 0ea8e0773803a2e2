import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm, type Crm } from '../core/crm.ts';
import { CrmError } from '../core/errors.ts';
import { definePlugin } from '../core/plugin/define-plugin.ts';
import { allowedTransitions, transition, type AfterTransitionPayload } from '../core/workflow/index.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const sale = { provider: 'pko-bp', product: 'mortgage', amountMinor: 45_000_000, saleDate: '2026-03-02' };

async function refusal(p: Promise<unknown>): Promise<CrmError> {
  const e = await p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CrmError);
  return e as CrmError;
}

describeEngines('workflow transitions', (database) => {
  let f: SmallFirm;
  const as = async (who: keyof SmallFirm['users']) => f.crm.asUser(f.users[who].id);
  /** Walk a client along a path of [status, fields?] as the system. */
  const walk = async (id: string, steps: Array<[string, Record<string, unknown>?]>) => {
    for (const [to, fields] of steps) await transition(f.crm.system(), id, { to, fields, note: 'test' });
  };
  const toDisbursement: Array<[string, Record<string, unknown>?]> = [
    ['contact'],
    ['analysis'],
    ['offers'],
    ['documents'],
    ['application-filed', { provider: 'pko-bp' }],
    ['decision-positive', { provider: 'pko-bp' }],
    ['agreement-signed', { provider: 'pko-bp', product: 'mortgage' }],
  ];
  const annas = () => f.clients.filter((c) => c.owner === f.users.anna.id).map((c) => c.id);
  beforeAll(async () => {
    f = await smallFirm(database());
  });

  it('moves a client along a defined path and writes a history row and an audit row', async () => {
    const [id] = annas();
    const anna = await as('anna');
    const r = await transition(anna, id!, { to: 'contact', expectedVersion: 1, note: 'Pierwszy telefon' });
    expect(r.client).toMatchObject({ status: 'contact', version: 2 });
    expect(r.history).toMatchObject({
      fromStatus: 'new',
      toStatus: 'contact',
      actorId: f.users.anna.id,
      note: 'Pierwszy telefon',
      unitId: f.units.gdansk.id,
    });
    expect(r.allowedNext.map((m) => m.to).sort()).toEqual(['analysis', 'resigned']);
    const { t, db } = database();
    const rows = await db.select().from(t.statusHistory).where(eq(t.statusHistory.clientId, id!));
    expect(rows).toHaveLength(1);
    const audit = await db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.entityId, id!), eq(t.auditLog.action, 'client.transition')));
    expect(audit).toHaveLength(1);
  });

  it('refuses a move not defined from the current status with 409 listing the moves allowed', async () => {
    const id = annas()[1]!;
    const e = await refusal(transition(await as('anna'), id, { to: 'agreement-signed' }));
    expect(e.status).toBe(409);
    expect((e.details!.allowed as Array<{ to: string }>).map((m) => m.to).sort()).toEqual(['contact', 'resigned']);
    const [row] = await database().db.select().from(database().t.clients).where(eq(database().t.clients.id, id));
    expect(row).toMatchObject({ status: 'new', version: 1 });
  });

  it("treats a client outside the actor's write scope as not found, and a read-only role as forbidden", async () => {
    const ewas = f.clients.find((c) => c.owner === f.users.ewa.id)!.id;
    expect((await refusal(transition(await as('anna'), ewas, { to: 'contact' }))).status).toBe(404);
    expect((await refusal(transition(await as('partner'), annas()[3]!, { to: 'contact' }))).status).toBe(403);
  });

  it('asks for every required field of a sale with 422, typed: amount in whole grosze, date as a date', async () => {
    const id = annas()[2]!;
    await walk(id, toDisbursement);
    const anna = await as('anna');
    const missing = await refusal(transition(anna, id, { to: 'disbursed', fields: { provider: 'pko-bp' } }));
    expect(missing.status).toBe(422);
    expect((missing.details!.problems as Array<{ path: string }>).map((p) => p.path).sort()).toEqual([
      '/fields/amountMinor',
      '/fields/product',
      '/fields/saleDate',
    ]);
    const wrong = await refusal(
      transition(anna, id, {
        to: 'disbursed',
        fields: { ...sale, amountMinor: 450000.5, saleDate: '02.03.2026', colour: 'red' },
      }),
    );
    expect((wrong.details!.problems as Array<{ path: string }>).map((p) => p.path).sort()).toEqual([
      '/fields/amountMinor',
      '/fields/colour',
      '/fields/saleDate',
    ]);
    // No commission rule covers "pko-bp" in this firm: Anna confirms she records the sale anyway.
    const ok = await transition(anna, id, { to: 'disbursed', fields: sale, acknowledgeUncovered: true });
    expect(ok).toMatchObject({ isSale: true, client: { status: 'disbursed' }, history: { fields: sale } });
    expect(ok.allowedNext).toEqual([]);
  });

  it('requires a note where the config says so', async () => {
    const id = annas()[1]!;
    const e = await refusal(transition(await as('anna'), id, { to: 'resigned', note: '   ' }));
    expect(e.details!.problems).toEqual([expect.objectContaining({ path: '/note' })]);
  });

  it('leaves a terminal status only by a reopen rule, and only for the roles it names', async () => {
    const id = annas()[1]!;
    const anna = await as('anna');
    await transition(anna, id, { to: 'resigned', note: 'Klient wybrał inny bank' });
    expect((await allowedTransitions(anna, id)).transitions).toEqual([]);
    const denied = await refusal(transition(anna, id, { to: 'contact', note: 'wraca' }));
    expect(denied.status).toBe(403);
    expect(denied.details!.allowed).toEqual([]);
    const manager = await as('manager');
    expect((await allowedTransitions(manager, id)).transitions.map((m) => [m.to, m.kind])).toEqual([
      ['contact', 'reopen'],
    ]);
    expect((await refusal(transition(manager, id, { to: 'analysis', note: 'x' }))).status).toBe(409);
    const r = await transition(manager, id, { to: 'contact', note: 'Klient wrócił po miesiącu' });
    expect(r.history).toMatchObject({ kind: 'reopen', fromStatus: 'resigned', toStatus: 'contact' });
  });

  it("offers the status picker each move with its required fields' schema", async () => {
    const id = f.clients.find((c) => c.owner === f.users.senior.id)!.id;
    await walk(id, toDisbursement);
    const { transitions: moves, version } = await allowedTransitions(await as('senior'), id);
    expect(version).toBe(8);
    const disburse = moves.find((m) => m.to === 'disbursed')!;
    expect(disburse).toMatchObject({ sale: true, terminal: true });
    expect(disburse.fields.required).toEqual(['provider', 'product', 'amountMinor', 'saleDate']);
    expect(disburse.fields.properties.amountMinor).toMatchObject({ type: 'integer', 'x-crm-financial': true });
    expect(disburse.fields.properties.saleDate).toMatchObject({ type: 'string', format: 'date' });
    // someone who may only read the client sees no moves
    expect(
      (await allowedTransitions(await f.crm.asUser(f.users.partner.id), f.clients.find((c) => c.partnerId)!.id))
        .transitions,
    ).toEqual([]);
  });

  it('lets exactly one of two concurrent moves with the same expected version win; the other gets 409', async () => {
    const id = f.clients.filter((c) => c.owner === f.users.ewa.id)[0]!.id;
    const ewa = await as('ewa');
    const results = await Promise.allSettled([
      transition(ewa, id, { to: 'contact', expectedVersion: 1 }),
      transition(ewa, id, { to: 'resigned', expectedVersion: 1, note: 'rezygnacja' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as CrmError).status).toBe(409);
    const { t, db } = database();
    expect(await db.select().from(t.statusHistory).where(eq(t.statusHistory.clientId, id))).toHaveLength(1);
    const [row] = await db.select().from(t.clients).where(eq(t.clients.id, id));
    expect(row!.version).toBe(2);
  });

  it('refuses a stale expected version even when the move itself is allowed', async () => {
    const id = f.clients.filter((c) => c.owner === f.users.ewa.id)[1]!.id;
    const ewa = await as('ewa');
    await transition(ewa, id, { to: 'contact', expectedVersion: 1 });
    const e = await refusal(transition(ewa, id, { to: 'analysis', expectedVersion: 1 }));
    expect(e.status).toBe(409);
    expect(e.details).toMatchObject({ currentVersion: 2, currentStatus: 'contact' });
  });

  describe('hooks', () => {
    let hooked: Crm;
    const seen: Array<Omit<AfterTransitionPayload, 'ctx' | 'client'> & { clientStatus: string; inTx: boolean }> = [];
    beforeAll(async () => {
      hooked = await createCrm({
        config: demoConfig(),
        database: database(),
        clock: f.clock,
        plugins: [
          definePlugin({
            name: 'test-commissions',
            hooks: {
              'workflow.beforeTransition': (p) => {
                const payload = p as AfterTransitionPayload;
                // fills a default provider, as a firm's plugin might
                return payload.to === 'application-filed' && !payload.fields.provider
                  ? { ...payload, fields: { ...payload.fields, provider: 'mbank' } }
                  : undefined;
              },
              'workflow.afterTransition': async (p) => {
                const { ctx, client, ...rest } = p as AfterTransitionPayload;
                // The hook writes through the transaction it is given: the row must see the new status.
                const [row] = await ctx.db.select().from(ctx.t.clients).where(eq(ctx.t.clients.id, client.id));
                seen.push({ ...rest, clientStatus: row!.status, inTx: ctx.db !== hooked.database.db });
                if (rest.note === 'explode') throw new Error('commission rules missing');
                if (rest.note === 'refuse')
                  throw new CrmError('invalid', 'no rule covers this product', { problems: [] });
              },
            },
          }),
        ],
      });
    });

    it('runs afterTransition inside the transaction with the history id and the sale flag', async () => {
      const id = f.clients.filter((c) => c.owner === f.users.ewa.id)[2]!.id;
      await walk(id, toDisbursement.slice(0, 4));
      const r = await transition(hooked.system(), id, { to: 'application-filed' });
      expect(r.history.fields).toEqual({ provider: 'mbank' });
      const last = seen.at(-1)!;
      expect(last).toMatchObject({
        from: 'documents',
        to: 'application-filed',
        historyId: r.history.id,
        isSale: false,
        clientStatus: 'application-filed',
        inTx: true,
      });
    });

    it('rolls the whole move back when an afterTransition hook throws', async () => {
      const id = f.clients.filter((c) => c.owner === f.users.ewa.id)[3]!.id;
      const { t, db } = database();
      const auditBefore = (await db.select().from(t.auditLog).where(eq(t.auditLog.entityId, id))).length;
      const e = await transition(hooked.system(), id, { to: 'resigned', note: 'explode' }).catch((x: Error) => x);
      expect((e as Error).message).toMatch(/test-commissions.*commission rules missing/);
      expect(seen.at(-1)).toMatchObject({ to: 'resigned', clientStatus: 'resigned' });
      const [row] = await db.select().from(t.clients).where(eq(t.clients.id, id));
      expect(row).toMatchObject({ status: 'new', version: 1 });
      expect(await db.select().from(t.statusHistory).where(eq(t.statusHistory.clientId, id))).toHaveLength(0);
      expect(await db.select().from(t.auditLog).where(eq(t.auditLog.entityId, id))).toHaveLength(auditBefore);
      const refused = await refusal(transition(hooked.system(), id, { to: 'resigned', note: 'refuse' }));
      expect(refused.status).toBe(422);
    });
  });
});
