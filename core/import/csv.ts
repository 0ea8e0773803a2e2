/**
 * @module import/csv
 * CSV text to a header and rows of strings, with csv-parse. The separator is guessed from the
 * header line (`;` — Polish Excel —, `,` or a tab); quoted fields, embedded newlines and empty
 * lines are handled by the parser.
 */
import { parse } from 'csv-parse/sync';
import { invalid } from '../errors.ts';

export type Separator = ';' | ',' | '\t';

/** The separator that splits the header line into the most columns (quotes respected). */
export function guessSeparator(text: string): Separator {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (sep: string) => {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === sep && !quoted) n++;
    }
    return n;
  };
  return ([';', ',', '\t'] as const).reduce((best, s) => (count(s) > count(best) ? s : best), ';');
}

export interface Table {
  header: string[];
  /** Rows without the header; `line` is the row's number in the file (the header is line 1). */
  rows: Array<{ line: number; cells: string[] }>;
  /** The CSV separator (absent for a workbook). */
  separator?: Separator;
}

/**
 * @example
 * parseCsv('Imię;Nazwisko\nJan;Kowalski\n').rows; // [{ line: 2, cells: ['Jan', 'Kowalski'] }]
 */
export function parseCsv(text: string, separator: Separator = guessSeparator(text)): Table {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (e) {
    // A malformed file (a stray quote, an unclosed quoted field) is the sender's problem: a 422 naming
    // the line, never the parser's message with the file's content in it.
    const err = e as { code?: string; lines?: number };
    const line = typeof err.lines === 'number' ? err.lines : null;
    const what = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : 'a quote is misplaced';
    throw invalid(`The file is not valid CSV${line ? ` at line ${line}` : ''}: ${what}`, [
      { path: line ? `/rows/${line}` : '/file', message: `not valid CSV: ${what}` },
    ]);
  }
  const [head, ...rest] = records;
  return {
    header: (head?.record ?? []).map((h) => h.trim()),
    rows: rest
      .filter((r) => r.record.some((c) => c.trim() !== ''))
      .map((r) => ({ line: r.info.lines, cells: r.record })),
    separator,
  };
}
