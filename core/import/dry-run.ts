/**
 * @module import/dry-run
 * What importing a file would do, without writing: each row turned into a client's `data` through
 * the column mapping, checked against the firm's client schema (PESEL/NIP/REGON checksums, phones,
 * e-mails, lengths, required fields) and against the rows above it (the same PESEL, NIP, phone or
 * e-mail twice in one file), with every problem named by the row's line in the file and its column.
 */
import { ajvProblems, type FirmSections as FirmConfig } from '../config/index.ts';
import { clientFields, normaliseData, type ClientKind } from '../clients/index.ts';
import type { Table } from './csv.ts';
import { guessMapping, type ColumnMapping } from './mapping.ts';
import { cellValue } from './values.ts';

export interface ImportProblem {
  /** Line of the row in the file (the header is line 1). */
  row: number;
  /** The column's header ('' when the problem is about the row, e.g. a required field with no column). */
  column: string;
  field: string;
  message: string;
  /** The row repeats an identifier of an earlier row or of an existing client (not imported, not an error). */
  duplicate?: true;
}

export interface DryRun {
  kind: ClientKind;
  mapping: ColumnMapping;
  /** Headers that map to no field (not imported). */
  ignored: string[];
  total: number;
  /** Rows that would be imported: the line and the client data. */
  valid: Array<{ row: number; data: Record<string, unknown> }>;
  problems: ImportProblem[];
}

/** A row turned into client data, or its problems (the rows above it remembered for duplicates). */
export type RowCheck = { ok: true; data: Record<string, unknown> } | { ok: false; problems: ImportProblem[] };

export interface RowChecker {
  kind: ClientKind;
  mapping: ColumnMapping;
  /** The column a field comes from ('' when none). */
  columnOf(field: string): string;
  check(line: number, cells: string[]): RowCheck;
}

/**
 * One row at a time, for a dry run or an import that streams: values read, the client schema
 * checked, and the deduplicated keys (`clients.dedupe`) compared with the rows checked before.
 * @example
 * const checker = rowChecker(crm.config, table.header, { kind: 'person' });
 * checker.check(2, ['Jan', 'Kowalski', '44051401359']); // { ok: true, data: { firstName: 'Jan', … } }
 */
export function rowChecker(
  config: FirmConfig,
  header: string[],
  options: { kind?: ClientKind; mapping?: ColumnMapping } = {},
): RowChecker {
  const kind = options.kind ?? 'person';
  const kf = clientFields(config)[kind];
  const mapping = options.mapping ?? guessMapping(header, kf);
  const columns = new Map(Object.entries(mapping).map(([column, field]) => [field, column]));
  const columnOf = (field: string) => columns.get(field) ?? '';
  const index = new Map(header.map((h, i) => [h, i]));
  const dedupe = new Set<string>(config.clients.dedupe);
  const seen = new Map<string, number>(); // "pesel:44051401359" → first row
  const check = (line: number, cells: string[]): RowCheck => {
    const data: Record<string, unknown> = {};
    const rowProblems: ImportProblem[] = [];
    for (const [column, field] of Object.entries(mapping)) {
      const raw = cells[index.get(column) ?? -1] ?? '';
      if (raw.trim() === '') continue;
      const r = cellValue(raw, kf.schema.properties[field] ?? {}, field);
      if (r.ok) data[field] = r.value;
      else rowProblems.push({ row: line, column, field, message: r.message });
    }
    const clean = normaliseData(kf, data);
    if (!kf.validate(clean))
      for (const p of ajvProblems(kf.validate.errors, clean)) {
        const field = p.path.split('/')[1] ?? '';
        if (rowProblems.some((q) => q.field === field)) continue;
        rowProblems.push({ row: line, column: columnOf(field), field, message: p.message });
      }
    if (!rowProblems.length)
      for (const [name, info] of kf.fields)
        if (info.key && dedupe.has(info.key) && clean[name] !== undefined) {
          const key = `${info.key}:${String(clean[name])}`;
          const first = seen.get(key);
          if (first !== undefined)
            rowProblems.push({
              row: line,
              column: columnOf(name),
              field: name,
              message: `the same ${name} as row ${first}`,
              duplicate: true,
            });
        }
    if (rowProblems.length) return { ok: false, problems: rowProblems };
    for (const [name, info] of kf.fields)
      if (info.key && dedupe.has(info.key) && clean[name] !== undefined)
        seen.set(`${info.key}:${String(clean[name])}`, line);
    return { ok: true, data: clean };
  };
  return { kind, mapping, columnOf, check };
}

/**
 * @example
 * const report = dryRun(crm.config, parseCsv(decode(bytes).text), { kind: 'person' });
 * report.problems[0]; // { row: 7, column: 'PESEL', field: 'pesel', message: 'PESEL check digit is wrong' }
 */
export function dryRun(
  config: FirmConfig,
  table: Table,
  options: { kind?: ClientKind; mapping?: ColumnMapping } = {},
): DryRun {
  const checker = rowChecker(config, table.header, options);
  const problems: ImportProblem[] = [];
  const valid: DryRun['valid'] = [];
  for (const { line, cells } of table.rows) {
    const r = checker.check(line, cells);
    if (r.ok) valid.push({ row: line, data: r.data });
    else problems.push(...r.problems);
  }
  const ignored = table.header.filter((h) => !checker.mapping[h]);
  return { kind: checker.kind, mapping: checker.mapping, ignored, total: table.rows.length, valid, problems };
}
