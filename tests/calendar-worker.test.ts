/**
 * Meeting reminders through the real outbox worker to a local SMSAPI-compatible server, with the send-time consent
 * re-check.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createItem } from '../core/calendar/items.ts';
import { recheckMeetingReminder } from '../core/calendar/recheck.ts';
import { createOutboxWorker } from '../core/notifications/worker.ts';
import { createSmsapiProvider } from '../plugins/sms-smsapi/index.ts';
import { describeEngines } from './engines.ts';
import { startSmsapiFake, type SmsapiFake } from './fakes/smsapi-server.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('meeting reminders through the worker', (database) => {
  let f: SmallFirm;
  let gateway: SmsapiFake;
  beforeAll(async () => {
    f = await smallFirm(database());
    gateway = await startSmsapiFake();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('sends due reminders once, in Polish, and skips the one whose client withdrew consent', async () => {
    const { db, t } = database();
    const [a, b] = f.clients.filter((c) => c.owner === f.users.anna.id && !c.partnerId);
    const consenting = { firstName: 'Jan', lastName: 'Kowalski', phone: '600 100 200', smsConsent: true };
    await db.update(t.clients).set({ data: consenting }).where(eq(t.clients.id, a!.id));
    await db
      .update(t.clients)
      .set({ data: { ...consenting, phone: '600 100 300' } })
      .where(eq(t.clients.id, b!.id));
    const anna = await f.crm.asUser(f.users.anna.id);
    const kept = await createItem(anna, {
      kind: 'meeting',
      title: 'Oferta',
      start: '2026-03-03T12:00',
      end: '2026-03-03T13:00',
      clientId: a!.id,
      place: 'ul. Długa 5, Gdańsk',
    });
    const withdrawn = await createItem(anna, {
      kind: 'meeting',
      title: 'Umowa',
      start: '2026-03-03T14:00',
      end: '2026-03-03T15:00',
      clientId: b!.id,
      place: 'ul. Długa 5, Gdańsk',
    });
    // After booking, the second client withdraws consent: the planned reminder must not go out.
    await db
      .update(t.clients)
      .set({ data: { ...consenting, phone: '600 100 300', smsConsent: false } })
      .where(eq(t.clients.id, b!.id));

    f.clock.set('2026-03-02T13:30:00Z'); // both 24 h reminders due (12:00 and 14:00 local → 11:00Z, 13:00Z)
    const worker = createOutboxWorker(f.crm.runtime, {
      sms: createSmsapiProvider({ token: gateway.token, baseUrl: gateway.url }),
      recheck: { 'meeting-reminder': recheckMeetingReminder },
      log: () => {},
    });
    await worker.runOnce();
    await worker.runOnce();

    expect(gateway.messages.map((m) => [m.number, m.message])).toEqual([
      [
        '48600100200',
        expect.stringContaining('Przypominamy o spotkaniu 03.03.2026 o godz. 12:00, ul. Długa 5, Gdańsk'),
      ],
    ]);
    const rowsOf = (id: string) =>
      db
        .select({ subject: t.outbox.subject, status: t.outbox.status, skipReason: t.outbox.skipReason })
        .from(t.outbox)
        .where(like(t.outbox.subject, `meeting:${id}:%`))
        .orderBy(t.outbox.subject);
    expect(await rowsOf(kept.item.id)).toEqual([
      { subject: `meeting:${kept.item.id}:24h`, status: 'sent', skipReason: null },
      { subject: `meeting:${kept.item.id}:2h`, status: 'pending', skipReason: null },
    ]);
    expect((await rowsOf(withdrawn.item.id))[0]).toEqual({
      subject: `meeting:${withdrawn.item.id}:24h`,
      status: 'skipped',
      skipReason: 'the client no longer consents to SMS',
    });
    expect(
      gateway.sentCount(
        (
          await db
            .select({ id: t.outbox.id })
            .from(t.outbox)
            .where(eq(t.outbox.subject, `meeting:${kept.item.id}:24h`))
        )[0]!.id,
      ),
    ).toBe(1);
  });
});
