/**
 * @module widgets/base/plural
 * Plural forms by CLDR rules (Intl.PluralRules). Polish has three forms for whole numbers and
 * they do not follow "2–4 vs 5+" naively: 1 klient, 2–4 klienci, 5–21 klientów, 22–24 klienci,
 * 12–14 klientów, 0 klientów; fractions take a fourth form (1,5 klienta).
 */
const rules = new Map<string, Intl.PluralRules>();

function select(locale: string, n: number): Intl.LDMLPluralRule {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  return r.select(n);
}

/**
 * Picks the Polish form of a noun for `n`. `fraction` is the form for non-integers (`klienta`);
 * it defaults to `many`.
 *
 * @example
 * plPlural(22, 'klient', 'klienci', 'klientów'); // 'klienci'
 * plPlural(12, 'klient', 'klienci', 'klientów'); // 'klientów'
 */
export function plPlural(n: number, one: string, few: string, many: string, fraction: string = many): string {
  switch (select('pl', n)) {
    case 'one':
      return one;
    case 'few':
      return few;
    case 'many':
      return many;
    default:
      return fraction;
  }
}

/**
 * Picks the English form for `n`.
 *
 * @example
 * enPlural(1, 'client', 'clients'); // 'client'
 */
export function enPlural(n: number, one: string, other: string): string {
  return select('en', n) === 'one' ? one : other;
}
