import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import type * as S from './sqlite/schema.ts';
import type * as P from './pg/schema.ts';

type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type RowsOf<M> = { [K in keyof M]: M[K] extends { $inferSelect: infer R } ? R : never };
type InsertsOf<M> = { [K in keyof M]: M[K] extends { $inferInsert: infer R } ? R : never };
/** Table by table: one comparison of the whole schema grows past what the checker compares exactly. */
type EachEq<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? false extends { [K in keyof A & keyof B]: Eq<A[K], B[K]> }[keyof A & keyof B]
      ? false
      : true
    : false
  : false;
// Compile-time proof that both dialects give the domain the same row types (fails `tsc` otherwise).
const rowsEqual: EachEq<RowsOf<typeof S>, RowsOf<typeof P>> = true;
const insertsEqual: EachEq<InsertsOf<typeof S>, InsertsOf<typeof P>> = true;

describe('schema parity', () => {
  it('has identical row and insert types on both dialects', () => {
    expect([rowsEqual, insertsEqual]).toEqual([true, true]);
  });

  it('declares the same files, line for line, apart from the dialect import', () => {
    const dir = (d: string) => new URL(`./${d}/`, import.meta.url);
    const files = readdirSync(dir('sqlite')).filter((f) => f.endsWith('.ts') && f !== 'columns.ts');
    expect(
      readdirSync(dir('pg'))
        .filter((f) => f.endsWith('.ts') && f !== 'columns.ts')
        .sort(),
    ).toEqual(files.sort());
    for (const f of files) {
      const norm = (d: string) =>
        readFileSync(new URL(f, dir(d)), 'utf8').replace(
          /sqlite-core|pg-core|sqliteTable|pgTable|storage\/sqlite|storage\/pg|\.\.\/pg\/|\.\.\/sqlite\//g,
          'X',
        );
      expect(norm('pg'), f).toBe(norm('sqlite'));
    }
  });
});
