/**
 * @module text/check
 * What text the CRM stores: Unicode in NFC, and none of the characters that hide or fake content —
 * NUL (truncates in C libraries and some drivers: "Kowal\0ski" displays as "Kowal"), other C0 and
 * C1 controls, lone surrogates (not text at all), and bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069: "‮cod.exe" reads as "exe.doc"). Tab, line feed and carriage
 * return are allowed only in multi-line fields (notes, descriptions, reasons, texts); every other
 * field is a single line.
 */

export type TextProblem = 'nul' | 'control' | 'lone-surrogate' | 'bidi-control' | 'line-break';

export const textMessages: Record<TextProblem, string> = {
  nul: 'must not contain a NUL character (U+0000)',
  control: 'must not contain control characters',
  'lone-surrogate': 'must be valid Unicode text (it contains a lone surrogate)',
  'bidi-control':
    'must not contain bidirectional override, embedding or isolate characters (U+202A–U+202E, U+2066–U+2069)',
  'line-break': 'must be a single line (no tab or line break)',
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LINE = /[\t\n\r\u2028\u2029]/;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys of fields that may hold several lines (notes, descriptions, reasons, message texts). */
export const MULTILINE_KEY =
  /(^|[a-z])(note|notes|description|comment|comments|reason|text|body|message|content|template|explanation)$/i;

/** Whether a field of this name may hold several lines. */
export const isMultilineKey = (key: string) => MULTILINE_KEY.test(key) || /^(pl|en)$/.test(key);

/**
 * The first problem of a string, or null when it may be stored.
 * @example
 * textProblem('Kowal\u0000ski', false) // 'nul'
 * textProblem('Linia 1\nLinia 2', true) // null
 */
export function textProblem(value: string, multiline: boolean): TextProblem | null {
  if (value.includes('\u0000')) return 'nul';
  if (LONE.test(value)) return 'lone-surrogate';
  if (CONTROL.test(value)) return 'control';
  if (BIDI.test(value)) return 'bidi-control';
  if (!multiline && LINE.test(value)) return 'line-break';
  return null;
}

/** Unicode NFC: "e" + combining acute and "é" become the same stored text (search, dedupe, uniqueness). */
export const normalizeText = (value: string) => value.normalize('NFC');

export interface FoundProblem {
  /** JSON pointer of the field (`/data/lastName`), or `?name` for a query parameter. */
  path: string;
  message: string;
}

const escapePointer = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Check every string (keys included) of a parsed JSON value, and return a copy with every string
 * in NFC. Problems name the field by JSON pointer. A string is single-line unless its key (or the
 * key of the array holding it) is a multi-line one.
 * @example
 * const { value, problems } = cleanJson({ name: 'Jan\u202E' }); // problems: [{ path: '/name', … }]
 */
export function cleanJson(input: unknown, path = '', key = ''): { value: unknown; problems: FoundProblem[] } {
  const problems: FoundProblem[] = [];
  const walk = (v: unknown, p: string, k: string, depth: number): unknown => {
    if (typeof v === 'string') {
      const problem = textProblem(v, isMultilineKey(k));
      if (problem) problems.push({ path: p || '/', message: textMessages[problem] });
      return problem ? v : normalizeText(v);
    }
    if (depth > 64 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${p}/${i}`, k, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [name, x] of Object.entries(v)) {
      const keyProblem = textProblem(name, false);
      if (keyProblem)
        problems.push({ path: `${p}/${escapePointer(name)}`, message: `the key ${textMessages[keyProblem]}` });
      out[normalizeText(name)] = walk(x, `${p}/${escapePointer(name)}`, name, depth + 1);
    }
    return out;
  };
  const value = walk(input, path, key, 0);
  return { value, problems: problems.slice(0, 50) };
}
