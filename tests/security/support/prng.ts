/**
 * @module tests/security/support/prng
 * A small seeded PRNG (mulberry32) and a string hash, so every generated request is reproducible from
 * `(seed, route, case)` alone.
 */

export interface Rng {
  (): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[Math.floor(next() * list.length)]!;
  next.chance = (p) => next() < p;
  return next;
}

/** FNV-1a over a string, for per-route seeds. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed of one generated case: the run's seed, the route and the case number. */
export const caseSeed = (base: number, route: string, i: number) => (hash32(`${base}|${route}`) + i * 2654435761) >>> 0;
