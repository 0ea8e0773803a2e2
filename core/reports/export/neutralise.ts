/**
 * @module reports/export/neutralise
 * Formula injection (also "CSV injection"): a client called `=HYPERLINK("http://evil","Kliknij")`
 * must not become a live formula in a manager's spreadsheet. Every text cell of an export is written
 * as a string cell (never a formula cell), and a text that starts with a character a spreadsheet
 * reads as the start of a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets an apostrophe in
 * front, as OWASP recommends: the cell stays text even when someone saves the sheet as CSV and opens
 * that, or edits the cell and presses Enter. The apostrophe is visible; the rest of the text is kept.
 */

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Whether a text would be read as a formula by a spreadsheet. */
export const looksLikeFormula = (text: string): boolean => text.length > 0 && TRIGGERS.has(text[0]!);

/**
 * The text as it is written into a cell.
 * @example
 * neutralise('=HYPERLINK("http://x","y")') // "'=HYPERLINK(\"http://x\",\"y\")"
 * neutralise('Anna Nowak') // 'Anna Nowak'
 */
export function neutralise(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
