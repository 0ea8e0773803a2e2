/**
 * @module calendar/reminder-text
 * What a reminder says about WHEN, true at the moment it is sent: `{when}` is "dziś o 09:00" when it
 * goes out on the meeting's day, "jutro o 09:00" the day before (a 2-hour reminder moved by quiet
 * hours to 20:59 the evening before says "jutro"), and the date otherwise — days counted in the
 * meeting's zone (Europe/Warsaw), across DST changes too. `{When}` is the same with a capital letter
 * for the start of a sentence. A template may ask for GSM-7 (`gsm7: true`): Polish letters are
 * transliterated (ą→a, ł→l…), so a reminder costs one SMS part of 160 characters instead of 70.
 */
import { toGsm7Transliteration } from '../notifications/index.ts';
import { addLocalDays, formatLocal, utcToZoned } from '../time/index.ts';

/**
 * @example
 * // a 09:00 meeting on 12 May, the reminder sent at 20:59 on 11 May (Warsaw)
 * whenText(new Date('2026-05-12T07:00:00Z'), new Date('2026-05-11T18:59:00Z'), 'Europe/Warsaw'); // 'jutro o 09:00'
 */
export function whenText(startAt: Date, sendAt: Date, zone: string): string {
  const time = formatLocal(startAt, zone, 'pl', 'time');
  const day = utcToZoned(startAt, zone).date;
  if (utcToZoned(sendAt, zone).date === day) return `dziś o ${time}`;
  if (utcToZoned(addLocalDays(sendAt, 1, zone), zone).date === day) return `jutro o ${time}`;
  return `${formatLocal(startAt, zone, 'pl', 'date')} o ${time}`;
}

/** The template with `{when}` and `{When}` filled for this send time; other placeholders are left. */
export function fillWhen(template: string, startAt: Date, sendAt: Date, zone: string): string {
  if (!/\{[wW]hen\}/.test(template)) return template;
  const when = whenText(startAt, sendAt, zone);
  return template.replace(/\{when\}/g, when).replace(/\{When\}/g, when[0]!.toUpperCase() + when.slice(1));
}

/**
 * The text as it goes out: transliterated to GSM-7 when the template asks for it.
 * @example
 * smsForm('Jutro o 09:00 spotkanie z doradcą Łukaszem', true); // 'Jutro o 09:00 spotkanie z doradca Lukaszem'
 */
export function smsForm(text: string, gsm7: boolean | undefined): string {
  return gsm7 ? toGsm7Transliteration(text) : text;
}
