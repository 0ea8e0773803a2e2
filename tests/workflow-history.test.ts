import { beforeAll, expect, it } from 'vitest';
import { CrmError } from '../core/errors.ts';
import { advisorActivity, recordActivity, timeline, transition, type TimelineItem } from '../core/workflow/index.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('workflow history: activities, timeline, advisor activity', (database) => {
  let f: SmallFirm;
  const as = (who: keyof SmallFirm['users']) => f.crm.asUser(f.users[who].id);
  const clientOf = (who: keyof SmallFirm['users'], i = 0) =>
    f.clients.filter((c) => c.owner === f.users[who].id)[i]!.id;
  beforeAll(async () => {
    f = await smallFirm(database());
  });

  it('records a contact with outcome and next step, and rejects unknown types and outcomes with 422', async () => {
    const anna = await as('anna');
    const a = await recordActivity(anna, clientOf('anna'), {
      type: 'call',
      outcome: 'reached',
      note: 'Chce 450 000 zł na 25 lat',
      nextStep: { at: '2026-03-05T09:00:00Z', note: 'Wysłać porównanie ofert' },
    });
    expect(a).toMatchObject({
      type: 'call',
      outcome: 'reached',
      actorId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      nextStepNote: 'Wysłać porównanie ofert',
    });
    const e = await recordActivity(anna, clientOf('anna'), { type: 'fax', outcome: 'maybe' }).catch((x: CrmError) => x);
    expect((e as CrmError).status).toBe(422);
    expect(((e as CrmError).details!.problems as Array<{ path: string }>).map((p) => p.path)).toEqual([
      '/type',
      '/outcome',
    ]);
    const outside = await recordActivity(anna, clientOf('ewa'), { type: 'note' }).catch((x: CrmError) => x);
    expect((outside as CrmError).status).toBe(404);
  });

  it('merges status changes and contacts newest first and pages them by cursor without gaps or repeats', async () => {
    const id = clientOf('anna', 1);
    const anna = await as('anna');
    const sameMoment = '2026-03-01T10:00:00Z';
    await recordActivity(anna, id, { type: 'sms', at: '2026-02-27T08:00:00Z' });
    await recordActivity(anna, id, { type: 'call', at: sameMoment });
    await recordActivity(anna, id, { type: 'meeting', at: sameMoment });
    f.clock.advance(60_000);
    await transition(anna, id, { to: 'contact' });
    await recordActivity(anna, id, { type: 'email', at: '2026-02-28T12:00:00Z' });
    f.clock.advance(60_000);
    await transition(anna, id, { to: 'analysis' });
    const all = (await timeline(anna, id, { limit: 200 })).items;
    expect(all.map((i) => (i.kind === 'status' ? i.to : i.type))).toEqual([
      'analysis',
      'contact',
      'meeting',
      'call',
      'email',
      'sms',
    ]);
    const paged: TimelineItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await timeline(anna, id, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(all[0]).toMatchObject({
      kind: 'status',
      from: 'contact',
      to: 'analysis',
      actor: { id: f.users.anna.id, name: 'Anna Nowak' },
    });
  });

  it('hides financial fields of the history from people without financial:read on the client', async () => {
    const referred = f.clients.find((c) => c.owner === f.users.anna.id && c.partnerId)!.id;
    const sys = f.crm.system();
    for (const [to, fields] of [
      ['contact'],
      ['analysis'],
      ['offers'],
      ['documents'],
      ['application-filed', { provider: 'ing' }],
      ['decision-positive', { provider: 'ing' }],
      ['agreement-signed', { provider: 'ing', product: 'mortgage' }],
      ['disbursed', { provider: 'ing', product: 'mortgage', amountMinor: 38_000_000, saleDate: '2026-03-02' }],
    ] as const) {
      await transition(sys, referred, { to, fields: fields as Record<string, unknown> | undefined });
    }
    const top = (items: TimelineItem[]) => items[0] as Extract<TimelineItem, { kind: 'status' }>;
    expect(top((await timeline(await as('anna'), referred)).items).fields).toEqual({
      provider: 'ing',
      product: 'mortgage',
      amountMinor: 38_000_000,
      saleDate: '2026-03-02',
    });
    expect(top((await timeline(await as('partner'), referred)).items).fields).toEqual({
      provider: 'ing',
      product: 'mortgage',
      saleDate: '2026-03-02',
    });
    expect(((await timeline(await as('partner'), clientOf('anna')).catch((e: CrmError) => e)) as CrmError).status).toBe(
      404,
    );
  });

  it("counts each advisor's status changes, sales, contacts in a window, in the viewer's reports scope", async () => {
    await transition(await as('ewa'), clientOf('ewa'), { to: 'contact' });
    await recordActivity(await as('piotr'), clientOf('piotr'), { type: 'call', outcome: 'not-reached' });
    // outside the window
    await recordActivity(await as('piotr'), clientOf('piotr'), { type: 'call', at: '2026-02-20T10:00:00Z' });
    const day = { from: '2026-03-02', to: '2026-03-02' };
    const names = async (who: keyof SmallFirm['users'], extra = {}) =>
      (await advisorActivity(await as(who), { ...day, ...extra })).advisors.map((a) => a.name ?? 'system');
    expect(await names('anna')).toEqual(['Anna Nowak']);
    expect(await names('manager')).toEqual(['Anna Nowak', 'system']);
    expect(await names('director')).toEqual(['Anna Nowak', 'Piotr Kowalski', 'system']);
    expect(await names('admin')).toEqual(['Anna Nowak', 'Ewa Dąbrowska', 'Piotr Kowalski', 'system']);
    expect(await names('admin', { unitId: f.units.south.id })).toEqual(['Ewa Dąbrowska']);
    const { advisors } = await advisorActivity(await as('director'), day);
    expect(advisors.find((a) => a.name === 'Piotr Kowalski')).toMatchObject({
      activities: 1,
      statusChanges: 0,
      byActivityType: { call: 1 },
    });
    expect(advisors.find((a) => a.name === 'Anna Nowak')).toMatchObject({
      statusChanges: 2,
      activities: 1,
      byStatus: { contact: 1, analysis: 1 },
      byActivityType: { call: 1 },
    });
    expect(advisors.find((a) => a.userId === null)).toMatchObject({ sales: 1, byStatus: { disbursed: 1 } });
    // Anna's earlier contacts (27 Feb – 1 Mar) fall in a wider window
    const week = await advisorActivity(await as('anna'), { from: '2026-02-23', to: '2026-03-01' });
    expect(week.advisors[0]).toMatchObject({ activities: 4, statusChanges: 0 });
  });

  it("shows free-text notes only to people who may read the client's personal data", async () => {
    const referred = f.clients.find((c) => c.owner === f.users.anna.id && c.partnerId)!.id;
    await recordActivity(await as('anna'), referred, {
      type: 'call',
      outcome: 'reached',
      note: 'Klient Jan Tajny, tel. 600 700 800',
      nextStep: { at: '2026-03-03T09:00:00Z', note: 'Oddzwonić do pana Tajnego' },
    });
    const annaView = JSON.stringify((await timeline(await as('anna'), referred)).items);
    expect(annaView).toContain('Jan Tajny');
    const partnerView = JSON.stringify((await timeline(await as('partner'), referred)).items);
    expect(partnerView).not.toContain('Tajny');
    expect(partnerView).toContain('"type":"call"');
  });
});
