/**
 * @module reports/render/column-sums
 * Integer sums of the money columns, gathered while rows stream past, so a total that names a
 * column can be checked against the lines it claims to add up. A statement whose total disagrees
 * with its own lines is refused: better no document than a wrong one sent to an advisor.
 */
import { invalid } from '../../errors.ts';
import { requireInteger } from './format-cell.ts';
import type { TableColumn, TableRow, TotalLine } from './table-document.ts';

export interface ColumnSums {
  add(row: TableRow): void;
  /** The sum of a money column in grosze (0 for no rows). */
  of(key: string): number;
  /** Throws a 422 unless every total that names a column equals that column's sum. */
  check(totals: readonly TotalLine[] | undefined): void;
}

/**
 * @example
 * const sums = createColumnSums([{ key: 'fee', label: 'Fee', kind: 'money' }]);
 * sums.add({ fee: 150 }); sums.add({ fee: 50 });
 * sums.of('fee') // 200
 */
export function createColumnSums(columns: readonly TableColumn[]): ColumnSums {
  const keys = columns.filter((c) => c.kind === 'money').map((c) => c.key);
  const sums = new Map(keys.map((k) => [k, 0]));
  return {
    add(row) {
      for (const key of keys) {
        const value = row[key];
        if (typeof value === 'number') sums.set(key, sums.get(key)! + requireInteger(value, `Column "${key}"`));
      }
    },
    of: (key) => sums.get(key) ?? 0,
    check(totals) {
      for (const [label, amountMinor, column] of totals ?? []) {
        if (column === undefined) continue;
        if (!sums.has(column)) throw invalid(`Total "${label}" names "${column}", which is not a money column`);
        const sum = sums.get(column)!;
        if (sum !== amountMinor) {
          throw invalid(`Total "${label}" is ${amountMinor} but the "${column}" column adds up to ${sum}`, [
            { path: `/totals/${label}`, message: 'does not match the sum of its column' },
          ]);
        }
      }
    },
  };
}
