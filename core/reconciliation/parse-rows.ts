/**
 * @module reconciliation/parse-rows
 * A statement table to received payments, through the provider's mapping: amounts in exact grosze
 * from Polish or plain formats ("1 234,56", "1234.56", "1.234,56 zł"), dates as DD.MM.YYYY or
 * YYYY-MM-DD. Every problem is named by row and column — an unknown or missing column, a duplicate
 * row, another currency, an unreadable amount or date — and any problem refuses the whole file.
 */
import type { FieldProblem } from '../errors.ts';
import type { ProviderMapping } from './config-schema.ts';
import type { StatementTable } from './read-file.ts';

export interface ReceivedRow {
  line: number;
  reference: string | null;
  identifier: string | null;
  amountMinor: number;
  /** `YYYY-MM-DD`, or null when the file has no date column. */
  paidOn: string | null;
}

const FOREIGN = /\b(EUR|USD|CHF|GBP)\b|€|\$|£/i;

/**
 * Exact grosze from a money text, or undefined. No floats: the digits are read as digits.
 * @example
 * parseMoneyMinor('1 234,56 zł'); // 123456
 */
export function parseMoneyMinor(text: string): number | undefined {
  let s = text.replace(/[\s\u00a0\u202f]|zł|pln/gi, '');
  if (s.includes(',') && s.includes('.')) {
    // The separator that comes last is the decimal one; the other groups thousands.
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '') : s.replace(/,/g, '');
  }
  const m = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) return undefined;
  return m[1] ? -minor : minor;
}

/** `YYYY-MM-DD` from DD.MM.YYYY, DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD; undefined when not a real date. */
export function parseDay(text: string): string | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const pl = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  const [y, mo, d] = iso
    ? [iso[1]!, iso[2]!, iso[3]!]
    : pl
      ? [pl[3]!, pl[2]!.padStart(2, '0'), pl[1]!.padStart(2, '0')]
      : [];
  if (!y) return undefined;
  const day = `${y}-${mo}-${d}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : undefined;
}

/**
 * The received rows of a statement, or every problem found (paths `/columns/<header>` and
 * `/rows/<line>/<field>`).
 * @example
 * const { rows, problems } = parseStatementRows(table, config.reconciliation.providers['bank-aurora']);
 */
export function parseStatementRows(
  table: StatementTable,
  mapping: ProviderMapping,
): { rows: ReceivedRow[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const cols = mapping.columns;
  const wanted = Object.entries(cols) as Array<[keyof typeof cols, string]>;
  const known = new Set<string>([...wanted.map(([, h]) => h), ...(mapping.ignoreColumns ?? [])]);
  for (const h of table.header)
    if (h && !known.has(h))
      problems.push({
        path: `/columns/${h}`,
        message: `unknown column "${h}": map it in the provider's reconciliation mapping or list it in ignoreColumns`,
      });
  const index = new Map<string, number>();
  for (const [field, h] of wanted) {
    const i = table.header.indexOf(h);
    if (i < 0) problems.push({ path: `/columns/${h}`, message: `the column "${h}" (${field}) is missing` });
    else index.set(field, i);
  }
  if (!table.rows.length) problems.push({ path: '/rows', message: 'the statement has no rows' });
  if (problems.length) return { rows: [], problems };

  const cell = (cells: string[], field: string) => {
    const i = index.get(field);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const rows: ReceivedRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const at = (field: string) => `/rows/${line}/${field}`;
    const before = problems.length;
    const amountText = cell(cells, 'amount');
    const currency = cell(cells, 'currency');
    if (currency && !/^(PLN|zł)$/i.test(currency))
      problems.push({
        path: at('currency'),
        message: `the amount is in ${currency}; only PLN statements are accepted`,
      });
    const amountMinor = FOREIGN.test(amountText) ? undefined : parseMoneyMinor(amountText);
    if (FOREIGN.test(amountText))
      problems.push({ path: at('amount'), message: `"${amountText}" is in another currency; only PLN is accepted` });
    else if (amountMinor === undefined)
      problems.push({ path: at('amount'), message: `"${amountText}" is not an amount (e.g. 1 234,56)` });
    const dateText = cell(cells, 'date');
    const paidOn = index.has('date') ? parseDay(dateText) : undefined;
    if (index.has('date') && !paidOn)
      problems.push({ path: at('date'), message: `"${dateText}" is not a date (DD.MM.YYYY or YYYY-MM-DD)` });
    const reference = cell(cells, 'reference') || null;
    const identifier = cell(cells, 'identifier') || null;
    if (!reference && !identifier && (index.has('reference') || index.has('identifier')))
      problems.push({ path: at('reference'), message: 'the row names neither a reference nor a client identifier' });
    if (problems.length > before) continue;
    const key = JSON.stringify([reference, identifier?.replace(/\D/g, ''), amountMinor, paidOn]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path: at('amount'),
        message: `duplicate of line ${first} (same reference, client, amount, date)`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, reference, identifier, amountMinor: amountMinor!, paidOn: paidOn ?? null });
  }
  return { rows, problems };
}
