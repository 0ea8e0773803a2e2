import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { offsetAt } from './offset-cache.ts';

describe('offsetAt', () => {
  it('agrees with the zone at and around the 2026 transitions', () => {
    const z = IANAZone.create('Europe/Warsaw');
    for (const iso of [
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00Z',
    ]) {
      const ms = Date.parse(iso);
      expect(offsetAt(z, ms), iso).toBe(z.offset(ms));
    }
    expect(offsetAt(z, Date.parse('2026-03-29T00:59:59.999Z'))).toBe(60);
    expect(offsetAt(z, Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('agrees with the zone everywhere, also in zones with half-hour transitions', () => {
    const zones = ['Europe/Warsaw', 'Australia/Lord_Howe', 'America/Santiago'].map((n) => IANAZone.create(n));
    const ms = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') });
    fc.assert(
      fc.property(fc.constantFrom(...zones), ms, (z, t) => {
        // Ask twice so the second answer comes from the cache.
        expect([offsetAt(z, t), offsetAt(z, t)]).toEqual([z.offset(t), z.offset(t)]);
      }),
      { numRuns: 300 },
    );
  });
});
