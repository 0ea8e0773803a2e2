/**
 * @module clients/iso-instant
 * An instant as the JSON text `JSON.stringify(new Date(ms))` gives (`"2026-01-05T09:30:00.123Z"`),
 * about four times cheaper than `toISOString()`: the list page writes two per row. The date part is
 * computed from the day number (H. Hinnant's civil-from-days, proleptic Gregorian) and kept for the
 * next call (rows of a page often share a day); instants outside years 1970–9999 go to `toISOString()`.
 */

const two = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const three = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY = 86_400_000;
const END = 253_402_300_800_000; // 10000-01-01T00:00:00Z
let lastDay = NaN;
let lastPrefix = '';

function datePrefix(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${two[month]}-${two[d]}T`;
}

/**
 * @example
 * isoInstantJson(Date.UTC(2026, 0, 5, 9, 30)) // '"2026-01-05T09:30:00.000Z"'
 */
export function isoInstantJson(ms: number): string {
  if (!(ms >= 0 && ms < END) || !Number.isInteger(ms)) return JSON.stringify(new Date(ms));
  const day = Math.floor(ms / DAY);
  if (day !== lastDay) {
    lastPrefix = datePrefix(day);
    lastDay = day;
  }
  let r = ms - day * DAY;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `"${lastPrefix}${two[h]}:${two[m]}:${two[s]}.${three[r - s * 1000]}Z"`;
}
