import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localPeriodRange, periodOf } from './period.ts';

const utc = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('periodOf', () => {
  it('uses the local month, not the UTC one', () => {
    expect(periodOf(utc('2026-03-31T22:30:00Z'))).toBe('2026-04');
    expect(periodOf(utc('2026-03-31T21:59:59.999Z'))).toBe('2026-03');
    expect(periodOf(utc('2026-03-31T22:30:00Z'), 'UTC')).toBe('2026-03');
    expect(periodOf(utc('2026-12-31T23:00:00Z'))).toBe('2027-01');
  });
});

describe('localPeriodRange', () => {
  it('bounds a local month with UTC instants, half-open, across DST', () => {
    const march = localPeriodRange('2026-03');
    expect(march).toEqual({ from: utc('2026-02-28T23:00:00Z'), to: utc('2026-03-31T22:00:00Z') });
    expect(march.to.getTime() - march.from.getTime()).toBe((31 * 24 - 1) * HOUR);
    const october = localPeriodRange('2026-10');
    expect(october).toEqual({ from: utc('2026-09-30T22:00:00Z'), to: utc('2026-10-31T23:00:00Z') });
    expect(october.to.getTime() - october.from.getTime()).toBe((31 * 24 + 1) * HOUR);
    expect(localPeriodRange('2026-12').to).toEqual(utc('2026-12-31T23:00:00Z'));
    expect(localPeriodRange('2026-04').from).toEqual(march.to);
  });

  it('contains every instant of its period and nothing else', () => {
    const t = fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-02-01T00:00:00Z') });
    fc.assert(
      fc.property(t, (ms) => {
        const { from, to } = localPeriodRange(periodOf(new Date(ms)));
        expect(from.getTime() <= ms && ms < to.getTime()).toBe(true);
      }),
    );
  });

  it('refuses what is not a period', () => {
    for (const bad of ['2026-13', '2026-3', '03-2026', '']) expect(() => localPeriodRange(bad), bad).toThrow(/YYYY-MM/);
  });
});
