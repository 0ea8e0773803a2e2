/**
 * @module calendar/reminder-plan.test
 * Planning a meeting's SMS reminders on the demo firm's rules (24 h before; 2 h before; quiet hours
 * 21:00–08:00): a day before is the same local time across a DST change, a time in quiet hours moves
 * EARLIER to 20:59, the text fills its placeholders, and every reason to skip is named.
 */
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { applyQuietHours, planReminders, type MeetingFacts } from './reminder-plan.ts';

const config = demoConfig();
const zone = 'Europe/Warsaw';
const meeting = (startAt: string, extra: Partial<MeetingFacts> = {}): MeetingFacts => ({
  startAt: new Date(startAt),
  zone,
  place: 'ul. Długa 5, Gdańsk',
  onlineUrl: null,
  status: 'planned',
  rrule: null,
  ...extra,
});
const client = { phone: '600 100 200', smsConsent: true };
const plan = (m: MeetingFacts, clientData: Record<string, unknown> = client, now?: Date) =>
  planReminders({ meeting: m, clientData, advisorName: 'Anna Nowak', config, ...(now ? { now } : {}) });

describe('planReminders', () => {
  it('sends the 24 h reminder at the same local time the day before, across the spring DST change', () => {
    // Sunday 29 March 2026, 10:00 CEST (08:00Z); Saturday 10:00 is still CET (09:00Z), 25 hours earlier.
    const [day, twoHours] = plan(meeting('2026-03-29T08:00:00Z'));
    expect(day).toMatchObject({ ruleId: '24h', status: 'planned', movedForQuietHours: false, to: '+48600100200' });
    expect(day!.sendAt.toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(twoHours!.sendAt.toISOString()).toBe('2026-03-29T06:00:00.000Z'); // 08:00 CEST
  });

  it('moves a reminder that falls in quiet hours to 20:59 the evening before, never later', () => {
    // 09:00 CEST meeting: the 2 h reminder would go at 07:00, inside 21:00–08:00.
    const [, twoHours] = plan(meeting('2026-05-12T07:00:00Z'));
    expect(twoHours).toMatchObject({ ruleId: '2h', movedForQuietHours: true, status: 'planned' });
    expect(twoHours!.sendAt.toISOString()).toBe('2026-05-11T18:59:00.000Z'); // 20:59 CEST
  });

  it('fills the template: date, time, place (or the online word), advisor and firm', () => {
    const [day, twoHours] = plan(meeting('2026-05-12T08:00:00Z'));
    expect(day!.text).toBe(
      'Przypominamy o spotkaniu 12.05.2026 o godz. 10:00, ul. Długa 5, Gdańsk. ' +
        `Doradca: Anna Nowak (${config.firm.name})`,
    );
    expect(day!.segments.encoding).toBe('UCS-2'); // Polish letters
    const online = plan(meeting('2026-05-12T08:00:00Z', { place: null, onlineUrl: 'https://meet.example/x' }));
    expect(online[1]!.text).toBe(`Dzis o 10:00 spotkanie z doradca Anna Nowak, online. ${config.firm.name}`);
    expect(twoHours!.text).toContain('ul. Dluga 5, Gdansk'); // the demo's 2 h template is GSM-7
  });

  it('names why a reminder is skipped', () => {
    const start = '2026-05-12T08:00:00Z';
    const reasons = (m: MeetingFacts, data: Record<string, unknown> = client, now?: Date) =>
      plan(m, data, now).map((r) => r.reason ?? r.status);
    expect(reasons(meeting(start), { phone: '600 100 200' })).toEqual(['no-consent', 'no-consent']);
    expect(reasons(meeting(start), { smsConsent: true })).toEqual(['no-phone', 'no-phone']);
    expect(reasons(meeting(start), { phone: '123', smsConsent: true })).toEqual(['invalid-phone', 'invalid-phone']);
    expect(reasons(meeting(start, { rrule: 'FREQ=WEEKLY' }))).toEqual(['recurring', 'recurring']);
    expect(reasons(meeting(start, { status: 'cancelled' }))).toEqual(['not-planned', 'not-planned']);
    // Booked at 05:30Z on the day: the 24 h reminder is past, the 2 h one (06:00Z) still ahead.
    expect(reasons(meeting(start), client, new Date('2026-05-12T05:30:00Z'))).toEqual(['too-late', 'planned']);
  });
});

describe('applyQuietHours', () => {
  const quiet = { from: '21:00', to: '08:00' };
  it('leaves a time outside quiet hours alone, and moves late-evening times to 20:59 the same evening', () => {
    expect(applyQuietHours(new Date('2026-05-11T12:00:00Z'), zone, quiet)).toEqual({
      at: new Date('2026-05-11T12:00:00Z'),
      moved: false,
    });
    expect(applyQuietHours(new Date('2026-05-11T20:30:00Z'), zone, quiet)).toEqual({
      at: new Date('2026-05-11T18:59:00Z'),
      moved: true,
    });
  });
});
