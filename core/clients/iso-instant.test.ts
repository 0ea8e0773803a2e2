import { describe, expect, it } from 'vitest';
import { isoInstantJson } from './iso-instant.ts';

describe('isoInstantJson', () => {
  it('writes what JSON.stringify writes for a Date, across leap years, month ends and the edges', () => {
    const edges = [
      0,
      1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 2, 29, 1, 0, 0, 0),
      Date.UTC(2100, 1, 28, 12),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      -1,
      Date.UTC(1969, 6, 20, 20, 17),
      1.5,
      NaN,
    ];
    // A fixed walk over four centuries in uneven steps (no randomness: the same cases every run).
    const walk = Array.from({ length: 20_000 }, (_, i) => i * 12_643_000_123 + (i % 1000));
    for (const ms of [...edges, ...walk]) expect(isoInstantJson(ms), String(ms)).toBe(JSON.stringify(new Date(ms)));
  });
});
