/**
 * @module calendar/reminder-text.test
 * "What is true at send time": the demo firm's 2-hour reminder of a 09:00 meeting, moved by quiet
 * hours to 20:59 the evening before, says "Jutro o 09:00" (the bug said "Dziś"); one sent on the
 * meeting's day says "Dziś"; a 48-hour one names the date. Days are Warsaw days, across both DST
 * changes. GSM-7 templates come out in one 160-character part, the segment count in the plan.
 */
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { planReminders, type MeetingFacts } from './reminder-plan.ts';
import { fillWhen, smsForm, whenText } from './reminder-text.ts';

const zone = 'Europe/Warsaw';
const config = demoConfig();
const meeting = (startAt: string): MeetingFacts => ({
  startAt: new Date(startAt),
  zone,
  place: 'ul. Długa 5, Gdańsk',
  onlineUrl: null,
  status: 'planned',
  rrule: null,
});
const plan = (startAt: string, reminders?: Record<string, unknown>) =>
  planReminders({
    meeting: meeting(startAt),
    clientData: { phone: '600 100 200', smsConsent: true },
    advisorName: 'Łukasz Żółć',
    config: reminders ? { ...config, reminders: { ...config.reminders, ...reminders } } : config,
  });

describe('whenText', () => {
  it('says today, tomorrow or the date, as seen at the send time in Warsaw', () => {
    const nine = new Date('2026-05-12T07:00:00Z'); // 09:00 CEST
    expect(whenText(nine, new Date('2026-05-12T05:00:00Z'), zone)).toBe('dziś o 09:00');
    expect(whenText(nine, new Date('2026-05-11T18:59:00Z'), zone)).toBe('jutro o 09:00');
    expect(whenText(nine, new Date('2026-05-10T07:00:00Z'), zone)).toBe('12.05.2026 o 09:00');
    // 23:30 UTC on the 11th is already the 12th in Warsaw: "today".
    expect(whenText(nine, new Date('2026-05-11T23:30:00Z'), zone)).toBe('dziś o 09:00');
  });

  it('counts local days across the DST changes (a 23- and a 25-hour day)', () => {
    // Sunday 29 March 2026 09:00 CEST; Saturday 20:59 CET is "tomorrow", Friday 23:30 CET is the date.
    const spring = new Date('2026-03-29T07:00:00Z');
    expect(whenText(spring, new Date('2026-03-28T19:59:00Z'), zone)).toBe('jutro o 09:00');
    expect(whenText(spring, new Date('2026-03-27T22:30:00Z'), zone)).toBe('29.03.2026 o 09:00');
    expect(whenText(spring, new Date('2026-03-27T23:30:00Z'), zone)).toBe('jutro o 09:00'); // 00:30 on Saturday
    // Sunday 25 October 2026 09:00 CET; Saturday 20:59 CEST is "tomorrow".
    const autumn = new Date('2026-10-25T08:00:00Z');
    expect(whenText(autumn, new Date('2026-10-24T18:59:00Z'), zone)).toBe('jutro o 09:00');
    expect(whenText(autumn, new Date('2026-10-25T06:00:00Z'), zone)).toBe('dziś o 09:00');
  });

  it('fills {when} and {When}, and leaves a template without them as it is', () => {
    const start = new Date('2026-05-12T07:00:00Z');
    const evening = new Date('2026-05-11T18:59:00Z');
    expect(fillWhen('{When} spotkanie; {when}.', start, evening, zone)).toBe('Jutro o 09:00 spotkanie; jutro o 09:00.');
    expect(fillWhen('Spotkanie {date} o {time}', start, evening, zone)).toBe('Spotkanie {date} o {time}');
  });
});

describe('reminder texts of the demo firm', () => {
  it('moves the 2-hour reminder of a 09:00 meeting to 20:59 the evening before, saying "Jutro o 09:00"', () => {
    const [, twoHours] = plan('2026-05-12T07:00:00Z');
    expect(twoHours!.sendAt.toISOString()).toBe('2026-05-11T18:59:00.000Z');
    expect(twoHours!.text).toBe(
      `Jutro o 09:00 spotkanie z doradca Lukasz Zolc, ul. Dluga 5, Gdansk. ${config.firm.name}`,
    );
    expect(twoHours!.segments).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('says "Dziś" when the 2-hour reminder goes on the day, and keeps Polish letters without gsm7', () => {
    const [day, twoHours] = plan('2026-05-12T10:00:00Z'); // 12:00 CEST: the 2 h reminder at 10:00 the same day
    expect(twoHours!.text.startsWith('Dzis o 12:00 spotkanie')).toBe(true);
    expect(day!.segments.encoding).toBe('UCS-2'); // the 24 h template has no gsm7
    expect(day!.segments.segments).toBe(2);
    const all = plan('2026-05-12T10:00:00Z', { gsm7: true });
    expect(all[0]!.text).toContain('Doradca: Lukasz Zolc');
    expect(all[0]!.segments).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('transliterates only when asked', () => {
    expect(smsForm('Zażółć gęślą jaźń', true)).toBe('Zazolc gesla jazn');
    expect(smsForm('Zażółć gęślą jaźń', false)).toBe('Zażółć gęślą jaźń');
  });
});
