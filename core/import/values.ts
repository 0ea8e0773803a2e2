/**
 * @module import/values
 * One spreadsheet cell to the value a client field holds: money fields (`…Minor`, integer grosze)
 * from "8 933,50", "8933.50" or "8 933,50 zł"; integers and decimals with a decimal comma; yes/no
 * in Polish or English; text trimmed. A formula or an unreadable number is a problem, never a guess.
 */

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

const yes = new Set(['tak', 't', 'yes', 'y', 'true', '1', 'x']);
/** What a spreadsheet shows in a cell whose formula failed. */
const excelError = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|ERROR!)$/;
const no = new Set(['nie', 'n', 'no', 'false', '0']);

/** "1 234,56", "1234.56", "1 234 zł" → 1234.56; undefined when it is not a number. */
export function parseDecimal(text: string): number | undefined {
  const s = text.replace(/\s|\u00a0|zł|pln/gi, '');
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return undefined;
  return Number(s.replace(',', '.'));
}

/**
 * @example
 * cellValue('8 933,50', { type: 'integer' }, 'netMonthlyIncomeMinor'); // { ok: true, value: 893350 }
 */
export function cellValue(raw: string, schema: Record<string, unknown>, field: string): CellResult {
  const text = raw.trim();
  if (text.startsWith('=')) return { ok: false, message: 'is a formula; export the values, not the formulas' };
  if (excelError.test(text)) return { ok: false, message: `is an Excel error (${text}), not a value` };
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') {
    const n = parseDecimal(text);
    if (n === undefined) return { ok: false, message: `"${text}" is not a number` };
    if (field.endsWith('Minor')) {
      const grosze = Math.round(n * 100);
      if (Math.abs(n * 100 - grosze) > 1e-6) return { ok: false, message: `"${text}" has more than 2 decimals` };
      return { ok: true, value: grosze };
    }
    if (type === 'integer' && !Number.isInteger(n)) return { ok: false, message: `"${text}" is not a whole number` };
    return { ok: true, value: n };
  }
  if (type === 'boolean') {
    const v = text.toLowerCase();
    if (yes.has(v)) return { ok: true, value: true };
    if (no.has(v)) return { ok: true, value: false };
    return { ok: false, message: `"${text}" is neither yes (tak) nor no (nie)` };
  }
  return { ok: true, value: text };
}
