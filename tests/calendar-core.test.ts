/** Pure parts of the calendar: recurrence across DST, DST resolution of typed times, quiet hours, reminder plans. */
import { describe, expect, it } from 'vitest';
import { expand } from '../core/calendar/recurrence.ts';
import { timeColumns } from '../core/calendar/item-input.ts';
import { applyQuietHours, planReminders } from '../core/calendar/reminder-plan.ts';

const Z = 'Europe/Warsaw';
const iso = (d: Date) => d.toISOString();

describe('recurrence keeps local time across DST', () => {
  it('a weekly 10:00 meeting is 10:00 in Warsaw before and after 29 March and 25 October 2026', () => {
    const spring = expand(
      { localStart: '2026-03-19T10:00', zone: Z, durationMinutes: 60, rrule: 'FREQ=WEEKLY', exdates: [] },
      new Date('2026-03-16T00:00:00Z'),
      new Date('2026-04-06T00:00:00Z'),
    );
    expect(spring.map((o) => iso(o.start))).toEqual([
      '2026-03-19T09:00:00.000Z',
      '2026-03-26T09:00:00.000Z',
      '2026-04-02T08:00:00.000Z',
    ]);
    const autumn = expand(
      { localStart: '2026-10-15T10:00', zone: Z, durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=3', exdates: [] },
      new Date('2026-10-01T00:00:00Z'),
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(autumn.map((o) => iso(o.start))).toEqual([
      '2026-10-15T08:00:00.000Z',
      '2026-10-22T08:00:00.000Z',
      '2026-10-29T09:00:00.000Z',
    ]);
  });

  it('skips removed occurrences and returns only those overlapping the window', () => {
    const list = expand(
      {
        localStart: '2026-03-02T09:00',
        zone: Z,
        durationMinutes: 30,
        rrule: 'FREQ=DAILY;COUNT=5',
        exdates: ['2026-03-04'],
      },
      new Date('2026-03-03T00:00:00Z'),
      new Date('2026-03-06T00:00:00Z'),
    );
    expect(list.map((o) => o.localStart)).toEqual(['2026-03-03T09:00', '2026-03-05T09:00']);
  });

  it('refuses a rule with its own DTSTART or a sub-daily frequency', () => {
    const shape = { localStart: '2026-03-02T09:00', zone: Z, durationMinutes: 30, exdates: [] };
    expect(() => expand({ ...shape, rrule: 'FREQ=MINUTELY' }, new Date('2026-03-01'), new Date('2026-03-03'))).toThrow(
      expect.objectContaining({
        details: { problems: [expect.objectContaining({ message: expect.stringMatching(/DAILY, WEEKLY/) })] },
      }),
    );
    expect(() =>
      expand(
        { ...shape, rrule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY' },
        new Date('2026-03-01'),
        new Date('2026-03-03'),
      ),
    ).toThrow();
  });
});

describe('typed local times', () => {
  it('moves a start in the spring gap forward by the gap and says so', () => {
    const { columns, timeNotes } = timeColumns('meeting', { start: '2026-03-29T02:30', end: '2026-03-29T04:00' }, Z);
    expect(iso(columns.startAt)).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(columns.durationMinutes).toBe(30);
    expect(timeNotes).toEqual([expect.objectContaining({ field: '/start', resolution: 'gap' })]);
  });

  it('takes the earlier (summer-time) instant in the autumn overlap and says so', () => {
    const { columns, timeNotes } = timeColumns('call', { start: '2026-10-25T02:30', end: '2026-10-25T02:45' }, Z);
    expect(iso(columns.startAt)).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(timeNotes[0]).toMatchObject({ resolution: 'overlap' });
  });

  it('rejects an item ending before it starts with 422 naming /end', () => {
    expect(() => timeColumns('meeting', { start: '2026-05-12T10:00', end: '2026-05-12T09:00' }, Z)).toThrow(
      expect.objectContaining({ status: 422, details: { problems: [expect.objectContaining({ path: '/end' })] } }),
    );
    // In the gap, 02:30 becomes 03:30, so an end typed as 03:15 is before the start.
    expect(() => timeColumns('meeting', { start: '2026-03-29T02:30', end: '2026-03-29T03:15' }, Z)).toThrow(
      expect.objectContaining({
        details: { problems: [expect.objectContaining({ message: expect.stringMatching(/before it starts/) })] },
      }),
    );
  });

  it('lets a task be due at one instant but not a meeting', () => {
    expect(timeColumns('task', { start: '2026-05-12T16:00' }, Z).columns.durationMinutes).toBe(0);
    expect(() => timeColumns('meeting', { start: '2026-05-12T16:00' }, Z)).toThrow(/needs an end/);
  });
});

describe('quiet hours', () => {
  const quiet = { from: '21:00', to: '08:00' };
  it('moves a morning send to the evening before, one minute before quiet hours', () => {
    const r = applyQuietHours(new Date('2026-05-12T05:00:00Z'), Z, quiet); // 07:00 local
    expect(r).toEqual({ at: new Date('2026-05-11T18:59:00Z'), moved: true }); // 20:59 local
  });
  it('moves a late-evening send earlier the same evening', () => {
    expect(applyQuietHours(new Date('2026-01-12T21:30:00Z'), Z, quiet)).toEqual({
      at: new Date('2026-01-12T19:59:00Z'),
      moved: true,
    }); // 22:30 → 20:59 CET
  });
  it('leaves a daytime send alone, 08:00 included', () => {
    expect(applyQuietHours(new Date('2026-05-12T06:00:00Z'), Z, quiet)).toEqual({
      at: new Date('2026-05-12T06:00:00Z'),
      moved: false,
    });
  });
});

describe('reminder plan', () => {
  const config = { firm: { name: 'Kredyt-Dom', timeZone: Z, currency: 'PLN', locale: 'pl-PL' } } as const;
  const meeting = {
    startAt: new Date('2026-03-29T07:00:00Z'),
    zone: Z,
    place: 'ul. Długa 5, Gdańsk',
    onlineUrl: null,
    status: 'planned' as const,
    rrule: null,
  };

  it('plans 24 h (in local days, across DST) and 2 h before, in Polish with the segment count', () => {
    // 09:00 CEST on Sunday 29 March (the DST day); 24 h before is 09:00 CET on Saturday (23 real hours).
    const plan = planReminders({
      meeting,
      clientData: { phone: '600 100 200', smsConsent: true },
      advisorName: 'Anna Nowak',
      config,
    });
    expect(plan.map((p) => [p.ruleId, p.status, iso(p.sendAt), p.movedForQuietHours])).toEqual([
      ['24h', 'planned', '2026-03-28T08:00:00.000Z', false],
      ['2h', 'planned', '2026-03-28T19:59:00.000Z', true], // 07:00 is quiet → 20:59 the evening before
    ]);
    expect(plan[0]!.text).toBe(
      'Przypominamy o spotkaniu 29.03.2026 o godz. 09:00, ul. Długa 5, Gdańsk. Doradca: Anna Nowak.',
    );
    expect(plan[0]!.to).toBe('+48600100200');
    expect(plan[0]!.segments).toMatchObject({ encoding: 'UCS-2', segments: 2, perSegment: 67 });
  });

  it('skips, with the reason, without consent or without a valid phone, and when too late', () => {
    const reasons = (clientData: Record<string, unknown>, now?: Date) =>
      planReminders({ meeting, clientData, advisorName: 'A', config, ...(now ? { now } : {}) }).map(
        (p) => p.reason ?? p.status,
      );
    expect(reasons({ phone: '600100200' })).toEqual(['no-consent', 'no-consent']);
    expect(reasons({ smsConsent: true })).toEqual(['no-phone', 'no-phone']);
    expect(reasons({ phone: '12345', smsConsent: true })).toEqual(['invalid-phone', 'invalid-phone']);
    expect(reasons({ phone: '600100200', smsConsent: true }, new Date('2026-03-28T10:00:00Z'))).toEqual([
      'too-late',
      'planned',
    ]);
  });

  it('reads consent at a dotted path when the firm keeps consents in an object', () => {
    const plan = planReminders({
      meeting,
      clientData: { phone: '600100200', consents: { sms: true } },
      advisorName: 'A',
      config: { ...config, reminders: { consentField: 'consents.sms' } },
    });
    expect(plan.every((p) => p.status === 'planned')).toBe(true);
  });
});
