import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcToZoned, zonedToUtc } from './zone.ts';

const utc = (iso: string) => new Date(iso);

describe('zonedToUtc in Europe/Warsaw', () => {
  it('maps ordinary winter and summer times', () => {
    expect(zonedToUtc({ date: '2026-01-15', time: '10:00' })).toEqual({ instant: utc('2026-01-15T09:00:00Z') });
    expect(zonedToUtc({ date: '2026-06-01', time: '10:00' }, 'Europe/Warsaw')).toEqual({
      instant: utc('2026-06-01T08:00:00Z'),
    });
    expect(zonedToUtc({ date: '2026-06-01', time: '10:00:30' })).toEqual({ instant: utc('2026-06-01T08:00:30Z') });
  });

  it('moves a time in the spring gap (29 March 2026) forward by the gap and says so', () => {
    expect(zonedToUtc({ date: '2026-03-29', time: '02:30' })).toEqual({
      instant: utc('2026-03-29T01:30:00Z'),
      adjusted: 'gap',
    });
    expect(utcToZoned(utc('2026-03-29T01:30:00Z'))).toEqual({ date: '2026-03-29', time: '03:30', offsetMinutes: 120 });
    expect(zonedToUtc({ date: '2026-03-29', time: '02:00' })).toEqual({
      instant: utc('2026-03-29T01:00:00Z'),
      adjusted: 'gap',
    });
    expect(zonedToUtc({ date: '2026-03-29', time: '01:59' })).toEqual({ instant: utc('2026-03-29T00:59:00Z') });
    expect(zonedToUtc({ date: '2026-03-29', time: '03:00' })).toEqual({ instant: utc('2026-03-29T01:00:00Z') });
  });

  it('resolves a time in the autumn overlap (25 October 2026) to the earlier instant and says so', () => {
    expect(zonedToUtc({ date: '2026-10-25', time: '02:30' })).toEqual({
      instant: utc('2026-10-25T00:30:00Z'),
      ambiguous: true,
    });
    expect(zonedToUtc({ date: '2026-10-25', time: '02:00' })).toEqual({
      instant: utc('2026-10-25T00:00:00Z'),
      ambiguous: true,
    });
    expect(zonedToUtc({ date: '2026-10-25', time: '01:59' })).toEqual({ instant: utc('2026-10-24T23:59:00Z') });
    expect(zonedToUtc({ date: '2026-10-25', time: '03:00' })).toEqual({ instant: utc('2026-10-25T02:00:00Z') });
  });

  it('refuses dates, times and zones that do not exist', () => {
    expect(() => zonedToUtc({ date: '2026-02-29', time: '10:00' })).toThrow(/No such date/);
    expect(() => zonedToUtc({ date: '29.03.2026', time: '10:00' })).toThrow(/YYYY-MM-DD/);
    expect(() => zonedToUtc({ date: '2026-03-29', time: '24:00' })).toThrow(/HH:mm/);
    expect(() => zonedToUtc({ date: '2026-03-29', time: '10:00' }, 'Europe/Warszawa')).toThrow(
      /Unknown time zone "Europe\/Warszawa"/,
    );
  });
});

describe('utcToZoned', () => {
  it('shows the wall clock and the offset in force', () => {
    expect(utcToZoned(utc('2026-03-31T22:30:00Z'))).toEqual({ date: '2026-04-01', time: '00:30', offsetMinutes: 120 });
    expect(utcToZoned('2026-10-25T00:30:00Z')).toEqual({ date: '2026-10-25', time: '02:30', offsetMinutes: 120 });
    expect(utcToZoned('2026-10-25T01:30:00Z')).toEqual({ date: '2026-10-25', time: '02:30', offsetMinutes: 60 });
    expect(utcToZoned('2026-03-31T22:30:00Z', 'UTC')).toEqual({ date: '2026-03-31', time: '22:30', offsetMinutes: 0 });
    expect(() => utcToZoned('yesterday')).toThrow(/Not a valid instant/);
  });

  it('round-trips every minute of 2026 (the earlier instant in the overlap)', () => {
    const minute = fc.integer({
      min: Date.parse('2026-01-01T00:00:00Z') / 60_000,
      max: Date.parse('2027-01-01T00:00:00Z') / 60_000,
    });
    fc.assert(
      fc.property(minute, (m) => {
        const t = new Date(m * 60_000);
        const local = utcToZoned(t);
        const back = zonedToUtc(local);
        const again = utcToZoned(back.instant);
        expect([again.date, again.time]).toEqual([local.date, local.time]);
        expect(back.adjusted).toBeUndefined();
        expect(back.ambiguous ? back.instant.getTime() <= t.getTime() : back.instant.getTime() === t.getTime()).toBe(
          true,
        );
      }),
    );
  });
});
