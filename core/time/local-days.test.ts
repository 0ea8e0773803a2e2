import { describe, expect, it } from 'vitest';
import { addLocalDays, startOfLocalDay, startOfLocalMonth } from './local-days.ts';

const utc = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('addLocalDays', () => {
  it('keeps a 10:00 meeting at 10:00 across the spring change (a 23-hour day)', () => {
    const sat = utc('2026-03-28T09:00:00Z'); // 10:00 CET
    const sun = addLocalDays(sat, 1);
    expect(sun).toEqual(utc('2026-03-29T08:00:00Z')); // 10:00 CEST
    expect(sun.getTime() - sat.getTime()).toBe(23 * HOUR);
    expect(addLocalDays(sat, 7)).toEqual(utc('2026-04-04T08:00:00Z'));
    expect(addLocalDays(sun, -1)).toEqual(sat);
  });

  it('keeps a 10:00 meeting at 10:00 across the autumn change (a 25-hour day)', () => {
    const sat = utc('2026-10-24T08:00:00Z'); // 10:00 CEST
    expect(addLocalDays(sat, 1)).toEqual(utc('2026-10-25T09:00:00Z')); // 10:00 CET
    expect(addLocalDays(sat, 1).getTime() - sat.getTime()).toBe(25 * HOUR);
  });

  it('moves a time that lands in the spring gap forward', () => {
    // 02:30 CET → 03:30 CEST
    expect(addLocalDays(utc('2026-03-28T01:30:00Z'), 1)).toEqual(utc('2026-03-29T01:30:00Z'));
  });

  it('keeps the side of the overlap the meeting started on', () => {
    expect(addLocalDays(utc('2026-10-25T01:30:00Z'), 0)).toEqual(utc('2026-10-25T01:30:00Z')); // the second 02:30 stays
    expect(addLocalDays(utc('2026-10-24T00:30:00Z'), 1)).toEqual(utc('2026-10-25T00:30:00Z')); // CEST → first 02:30
    expect(addLocalDays(utc('2026-10-26T01:30:00Z'), -1)).toEqual(utc('2026-10-25T01:30:00Z')); // CET → second 02:30
  });

  it('refuses fractional days', () => {
    expect(() => addLocalDays(utc('2026-10-24T08:00:00Z'), 0.5)).toThrow(/whole number of days/);
  });
});

describe('startOfLocalDay and startOfLocalMonth', () => {
  it('start at local midnight, which is the previous UTC day', () => {
    expect(startOfLocalDay(utc('2026-03-31T22:30:00Z'))).toEqual(utc('2026-03-31T22:00:00Z'));
    expect(startOfLocalDay(utc('2026-03-29T12:00:00Z'))).toEqual(utc('2026-03-28T23:00:00Z')); // still CET at midnight
    expect(startOfLocalDay(utc('2026-10-25T12:00:00Z'))).toEqual(utc('2026-10-24T22:00:00Z')); // still CEST at midnight
    expect(startOfLocalDay(utc('2026-03-31T22:30:00Z'), 'UTC')).toEqual(utc('2026-03-31T00:00:00Z'));
  });

  it('start a day whose midnight does not exist at the first minute that does', () => {
    // Chile springs forward at 24:00: 6 September 2026 begins at 01:00 (-03).
    expect(startOfLocalDay(utc('2026-09-06T16:00:00Z'), 'America/Santiago')).toEqual(utc('2026-09-06T04:00:00Z'));
  });

  it('put 00:30 on 1 April in Warsaw in April', () => {
    expect(startOfLocalMonth(utc('2026-03-31T22:30:00Z'))).toEqual(utc('2026-03-31T22:00:00Z'));
    expect(startOfLocalMonth(utc('2026-03-31T21:59:00Z'))).toEqual(utc('2026-02-28T23:00:00Z'));
    expect(startOfLocalMonth('2026-01-01T00:30:00+01:00')).toEqual(utc('2025-12-31T23:00:00Z'));
  });
});
