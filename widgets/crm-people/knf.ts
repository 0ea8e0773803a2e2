/**
 * @module widgets/crm-people/knf
 * Checks of the KNF/OC fields before they are sent: a number in the KNF register of credit
 * intermediaries reads `RPH` and six digits (`RPH000123`); an OC policy ends on a date, and one
 * ending within 30 days deserves a warning.
 */

/** Days before an OC policy's end from which the people screen warns. */
export const OC_WARN_DAYS = 30;

/** The KNF register number as stored: trimmed, upper case, no spaces (`rph 000 123` → `RPH000123`). */
export const normalizeKnf = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

/** Whether a (normalised) KNF register number has the register's format, `RPH` and six digits. */
export const isKnfNumber = (value: string): boolean => /^RPH\d{6}$/.test(normalizeKnf(value));

/**
 * Whole days from `today` to `end` (both `YYYY-MM-DD`): 0 on the last day, negative once it ended.
 * @example
 * daysUntil('2026-12-31', '2026-12-06'); // 25
 */
export function daysUntil(end: string, today: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Whether an OC cover ending on `end` ends within `OC_WARN_DAYS` of `today` (or has ended). */
export const ocEndsSoon = (end: string, today: string): boolean => daysUntil(end, today) <= OC_WARN_DAYS;
