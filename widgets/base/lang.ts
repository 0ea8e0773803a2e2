/**
 * @module widgets/base/lang
 * The languages widgets speak and how a page's `lang` value maps onto them. Polish is the default
 * because our users are Polish firms; `en-GB`, `en-US`… all mean English.
 */

export const langs = ['pl', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'pl';

/** Intl locale per language; English uses en-GB for day-month-year dates, as Europeans expect. */
export const localeOf: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };

/**
 * Maps a BCP 47 tag to a supported language, or `undefined` when it is none of ours.
 *
 * @example
 * normalizeLang('en-US'); // 'en'
 * normalizeLang('de');    // undefined
 */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  const primary = (value ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return langs.find((l) => l === primary);
}
