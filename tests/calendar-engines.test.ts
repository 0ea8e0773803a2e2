/**
 * The calendar on both engines: scope and delegation, conflicts, DST series, reminders in the meeting's transaction,
 * recheck, completion, feed.
 */
import { and, eq, like } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import {
  cancelItem,
  completeItem,
  createItem,
  getItem,
  listCalendar,
  moveItem,
  overdueTasks,
  reminderStatus,
  skipOccurrence,
} from '../core/calendar/index.ts';
import { createFeedToken, feedFor, revokeFeedToken } from '../core/calendar/feed.ts';
import { recheckMeetingReminder } from '../core/calendar/recheck.ts';
import { inTransaction, type Ctx } from '../core/context.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';
import { openRecipient } from '../core/notifications/index.ts';

const status = (e: unknown) => (e as { status?: number }).status;
async function rejects(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return status(e);
  }
}

describeEngines('calendar', (database) => {
  let f: SmallFirm;
  let anna: Ctx;
  let senior: Ctx;
  let manager: Ctx;
  let piotr: Ctx;
  let partner: Ctx;
  let annaClient: string;
  let noConsentClient: string;
  // Stored SMS recipients are sealed (the client's phone is encrypted at rest): opened as the worker opens them.
  const outboxOf = async (itemId: string) => {
    const { db, t } = database();
    const rows = await db
      .select()
      .from(t.outbox)
      .where(like(t.outbox.subject, `meeting:${itemId}:%`))
      .orderBy(t.outbox.subject);
    expect(rows.every((r) => !r.recipient.startsWith('+48'))).toBe(true);
    return rows.map((r) => openRecipient(f.crm.system(), r));
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    [anna, senior, manager, piotr, partner] = (await Promise.all(
      [f.users.anna, f.users.senior, f.users.manager, f.users.piotr, f.users.partner].map((u) => f.crm.asUser(u.id)),
    )) as [Ctx, Ctx, Ctx, Ctx, Ctx];
    const mine = f.clients.filter((c) => c.owner === f.users.anna.id && !c.partnerId);
    annaClient = mine[0]!.id;
    noConsentClient = mine[1]!.id;
    const { db, t } = database();
    await db
      .update(t.clients)
      .set({ data: { firstName: 'Jan', lastName: 'Kowalski', phone: '+48600100200', smsConsent: true } })
      .where(eq(t.clients.id, annaClient));
    await db
      .update(t.clients)
      .set({ data: { firstName: 'Ola', lastName: 'Nowak', phone: '+48600100300', smsConsent: false } })
      .where(eq(t.clients.id, noConsentClient));
  });

  it('books a client meeting and enqueues its reminders with the planned send times', async () => {
    const { item, reminders } = await createItem(anna, {
      kind: 'meeting',
      title: 'Oferta kredytu',
      start: '2026-03-10T10:00',
      end: '2026-03-10T11:00',
      clientId: annaClient,
      place: 'ul. Długa 5, Gdańsk',
    });
    expect(reminders.map((r) => [r.ruleId, r.status, r.sendAt.toISOString()])).toEqual([
      ['24h', 'planned', '2026-03-09T09:00:00.000Z'],
      ['2h', 'planned', '2026-03-10T07:00:00.000Z'],
    ]);
    const rows = await outboxOf(item.id);
    expect(rows.map((r) => [r.subject, r.status, r.dueAt.toISOString(), r.recipient])).toEqual([
      [`meeting:${item.id}:24h`, 'pending', '2026-03-09T09:00:00.000Z', '+48600100200'],
      [`meeting:${item.id}:2h`, 'pending', '2026-03-10T07:00:00.000Z', '+48600100200'],
    ]);
    expect(rows[0]!.payload).toMatchObject({
      kind: 'sms',
      text: expect.stringContaining('10.03.2026 o godz. 10:00, ul. Długa 5'),
    });

    // Moving to 08:30: the 2 h reminder (06:30) falls in quiet hours and goes at 20:59 the evening before,
    // so it says "tomorrow" (GSM-7 in the demo's 2 h template).
    await moveItem(anna, item.id, { start: '2026-03-10T08:30' });
    const moved = await outboxOf(item.id);
    expect(moved.map((r) => [r.id, r.status, r.dueAt.toISOString()])).toEqual([
      [rows[0]!.id, 'pending', '2026-03-09T07:30:00.000Z'],
      [rows[1]!.id, 'pending', '2026-03-09T19:59:00.000Z'],
    ]);
    expect(moved[1]!.payload).toMatchObject({ text: expect.stringContaining('Jutro o 08:30 spotkanie z doradca') });
    const shown = await reminderStatus(anna, await getItem(anna, item.id));
    expect(shown[1]).toMatchObject({ movedForQuietHours: true, to: '+48••••••200', outbox: { status: 'pending' } });

    await cancelItem(anna, item.id);
    expect((await outboxOf(item.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('leaves no meeting and no reminder when the booking transaction rolls back', async () => {
    let id = '';
    await expect(
      inTransaction(anna, async (tx) => {
        id = (
          await createItem(tx, {
            kind: 'meeting',
            title: 'Nie dojdzie do skutku',
            start: '2026-03-12T10:00',
            end: '2026-03-12T11:00',
            clientId: annaClient,
          })
        ).item.id;
        expect((await outboxOf(id)).length).toBe(0); // outside the transaction nothing is visible yet
        throw new Error('the caller failed after booking');
      }),
    ).rejects.toThrow('the caller failed');
    const { db, t } = database();
    expect(await db.select().from(t.calendarItems).where(eq(t.calendarItems.id, id))).toEqual([]);
    expect(await outboxOf(id)).toEqual([]);
  });

  it('plans no SMS for a client without consent and says why', async () => {
    const { item, reminders } = await createItem(anna, {
      kind: 'meeting',
      title: 'Bez zgody',
      start: '2026-03-11T12:00',
      end: '2026-03-11T13:00',
      clientId: noConsentClient,
      onlineUrl: 'https://meet.example.pl/abc',
    });
    expect(reminders.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'no-consent'],
      ['skipped', 'no-consent'],
    ]);
    expect(reminders[0]!.text).toContain(', online.');
    expect(await outboxOf(item.id)).toEqual([]);
  });

  it('re-checks at send time: consent withdrawn or meeting moved → not sent', async () => {
    const { item } = await createItem(anna, {
      kind: 'meeting',
      title: 'Podpisanie umowy',
      start: '2026-03-20T10:00',
      end: '2026-03-20T11:00',
      clientId: annaClient,
    });
    const [row] = await outboxOf(item.id);
    expect(await recheckMeetingReminder(f.crm.system(), row!)).toEqual({ ok: true });
    const { db, t } = database();
    await db
      .update(t.clients)
      .set({ data: { firstName: 'Jan', lastName: 'Kowalski', phone: '+48600100200', smsConsent: false } })
      .where(eq(t.clients.id, annaClient));
    expect(await recheckMeetingReminder(f.crm.system(), row!)).toEqual({
      ok: false,
      reason: 'the client no longer consents to SMS',
    });
    await db
      .update(t.clients)
      .set({ data: { firstName: 'Jan', lastName: 'Kowalski', phone: '+48600100200', smsConsent: true } })
      .where(eq(t.clients.id, annaClient));
    await db
      .update(t.calendarItems)
      .set({ startAt: new Date('2026-03-20T10:00:00Z'), localStart: '2026-03-20T11:00' })
      .where(eq(t.calendarItems.id, item.id));
    expect(await recheckMeetingReminder(f.crm.system(), row!)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('time changed'),
    });
  });

  it('delegates within scope, shows who delegated, lists overdue tasks; outside scope is 403', async () => {
    const { item } = await createItem(senior, {
      kind: 'task',
      title: 'Zebrać zaświadczenia o dochodach',
      start: '2026-03-03T16:00',
      assigneeId: f.users.anna.id,
    });
    expect(item.delegatedById).toBe(f.users.senior.id);
    const annaSees = await listCalendar(anna, {
      from: new Date('2026-03-03T00:00:00Z'),
      to: new Date('2026-03-04T00:00:00Z'),
    });
    expect(annaSees.find((e) => e.itemId === item.id)?.delegatedBy).toEqual({
      id: f.users.senior.id,
      name: 'Tomasz Zieliński',
    });
    const viaManager = await createItem(manager, {
      kind: 'task',
      title: 'Uzupełnić CRM',
      start: '2026-03-04T12:00',
      assigneeId: f.users.anna.id,
    });
    expect(viaManager.item.delegatedById).toBe(f.users.manager.id);

    expect(
      await rejects(
        createItem(senior, { kind: 'task', title: 'x', start: '2026-03-03T16:00', assigneeId: f.users.piotr.id }),
      ),
    ).toBe(403);
    expect(
      await rejects(
        createItem(manager, { kind: 'task', title: 'x', start: '2026-03-03T16:00', assigneeId: f.users.ewa.id }),
      ),
    ).toBe(403);
    expect(
      await rejects(
        createItem(anna, { kind: 'task', title: 'x', start: '2026-03-03T16:00', assigneeId: f.users.senior.id }),
      ),
    ).toBe(403);

    f.clock.set('2026-03-04T09:00:00Z');
    try {
      const late = await overdueTasks(senior, { delegatedByMe: true });
      expect(late.map((e) => [e.title, e.assignee.name])).toEqual([['Zebrać zaświadczenia o dochodach', 'Anna Nowak']]);
      await completeItem(anna, item.id);
      expect(await overdueTasks(senior, { delegatedByMe: true })).toEqual([]);
    } finally {
      f.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('shows supervisors their team and nobody anything outside their scope; partners never', async () => {
    const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') };
    await createItem(piotr, {
      kind: 'call',
      title: 'Telefon do banku',
      start: '2026-03-05T09:00',
      end: '2026-03-05T09:15',
    });
    expect((await listCalendar(senior, { ...window, userId: f.users.anna.id })).length).toBeGreaterThan(0);
    expect(
      (await listCalendar(manager, { ...window, unitId: f.units.gdansk.id })).some(
        (e) => e.assignee.id === f.users.anna.id,
      ),
    ).toBe(true);
    expect(await rejects(listCalendar(anna, { ...window, userId: f.users.piotr.id }))).toBe(403);
    expect(await rejects(listCalendar(manager, { ...window, userId: f.users.piotr.id }))).toBe(403);
    expect(await rejects(listCalendar(senior, { ...window, unitId: f.units.gdynia.id }))).toBe(403);
    const team = await listCalendar(manager, { ...window, everyone: true });
    expect(team.some((e) => e.assignee.id === f.users.piotr.id)).toBe(false);
    expect(await rejects(listCalendar(partner, window))).toBe(403);
    expect(await rejects(listCalendar(partner, { ...window, everyone: true }))).toBe(403);
  });

  it('flags a double booking on create and move without refusing it', async () => {
    const a = await createItem(anna, {
      kind: 'meeting',
      title: 'Spotkanie A',
      start: '2026-03-16T10:00',
      end: '2026-03-16T11:00',
    });
    expect(a.conflicts).toEqual([]);
    const b = await createItem(anna, {
      kind: 'call',
      title: 'Telefon B',
      start: '2026-03-16T12:00',
      end: '2026-03-16T12:30',
    });
    expect(b.conflicts).toEqual([]);
    const moved = await moveItem(anna, b.item.id, { start: '2026-03-16T10:45' });
    expect(moved.conflicts.map((c) => c.title)).toEqual(['Spotkanie A']);
    const day = await listCalendar(anna, {
      from: new Date('2026-03-16T00:00:00Z'),
      to: new Date('2026-03-17T00:00:00Z'),
    });
    expect(
      day
        .filter((e) => e.conflict)
        .map((e) => e.title)
        .sort(),
    ).toEqual(['Spotkanie A', 'Telefon B']);
  });

  it('keeps a weekly 10:00 block at 10:00 local across both DST changes of 2026, with an exception', async () => {
    const spring = await createItem(anna, {
      kind: 'block',
      title: 'Praca biurowa',
      start: '2026-03-19T10:00',
      end: '2026-03-19T12:00',
      rrule: 'FREQ=WEEKLY;COUNT=4',
    });
    await skipOccurrence(anna, spring.item.id, '2026-04-09');
    const list = await listCalendar(anna, {
      from: new Date('2026-03-18T00:00:00Z'),
      to: new Date('2026-04-20T00:00:00Z'),
    });
    expect(list.filter((e) => e.itemId === spring.item.id).map((e) => [e.localStart, e.start.toISOString()])).toEqual([
      ['2026-03-19T10:00', '2026-03-19T09:00:00.000Z'],
      ['2026-03-26T10:00', '2026-03-26T09:00:00.000Z'],
      ['2026-04-02T10:00', '2026-04-02T08:00:00.000Z'],
    ]);
    const autumn = await createItem(anna, {
      kind: 'meeting',
      title: 'Odprawa',
      start: '2026-10-22T10:00',
      end: '2026-10-22T10:30',
      rrule: 'FREQ=WEEKLY;COUNT=2',
    });
    const oct = await listCalendar(anna, {
      from: new Date('2026-10-20T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
    });
    expect(oct.filter((e) => e.itemId === autumn.item.id).map((e) => e.start.toISOString())).toEqual([
      '2026-10-22T08:00:00.000Z',
      '2026-10-29T09:00:00.000Z',
    ]);
  });

  it('rejects bad times with 422 and reports the DST resolution of a typed time', async () => {
    expect(
      await rejects(
        createItem(anna, { kind: 'meeting', title: 'x', start: '2026-03-10T10:00', end: '2026-03-10T09:00' }),
      ),
    ).toBe(422);
    const gap = await createItem(anna, {
      kind: 'call',
      title: 'W luce',
      start: '2026-03-29T02:30',
      end: '2026-03-29T04:00',
    });
    expect([gap.item.startAt.toISOString(), gap.timeNotes[0]?.resolution]).toEqual(['2026-03-29T01:30:00.000Z', 'gap']);
    const overlap = await createItem(anna, {
      kind: 'call',
      title: 'W nakładce',
      start: '2026-10-25T02:30',
      end: '2026-10-25T03:30',
    });
    expect([overlap.item.startAt.toISOString(), overlap.timeNotes[0]?.resolution]).toEqual([
      '2026-10-25T00:30:00.000Z',
      'overlap',
    ]);
  });

  it("records a held meeting in the client's contact history", async () => {
    const { item } = await createItem(anna, {
      kind: 'meeting',
      title: 'Analiza zdolności',
      start: '2026-03-02T08:00',
      end: '2026-03-02T09:00',
      clientId: annaClient,
    });
    const done = await completeItem(anna, item.id, { outcome: 'held', note: 'Klient wybiera ofertę B' });
    expect(done.item).toMatchObject({ status: 'done', outcome: 'held' });
    const { db, t } = database();
    const [activity] = await db
      .select()
      .from(t.activities)
      .where(and(eq(t.activities.clientId, annaClient), eq(t.activities.id, done.activityId!)));
    expect(activity).toMatchObject({
      type: 'meeting',
      note: expect.stringContaining('Spotkanie odbyte — Klient wybiera ofertę B'),
    });
  });

  it('serves a secret iCal feed with UTC times across the DST change; a revoked token is 404', async () => {
    const { token } = await createFeedToken(anna);
    const ics = await feedFor(f.crm.system('ical'), token);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const office = events.filter((e) => e.summary === 'Praca biurowa').map((e) => e.startDate.toJSDate().toISOString());
    expect(office).toEqual(['2026-03-19T09:00:00.000Z', '2026-03-26T09:00:00.000Z', '2026-04-02T08:00:00.000Z']);
    expect(ics).toContain('DTSTART:20260402T080000Z');
    expect(events.some((e) => e.summary === 'Telefon do banku')).toBe(false); // Piotr's, not Anna's
    await revokeFeedToken(anna);
    expect(await rejects(feedFor(f.crm.system('ical'), token))).toBe(404);
  });
});
