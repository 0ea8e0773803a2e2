/**
 * @module import/mapping
 * Which column holds which client field, guessed from the header in Polish or English ("Imię",
 * "first name", "Nr tel.", "E-mail", "Kod pocztowy"…) and from the firm's own field labels; the
 * guess is a plain object a person can correct and save for the next file of the same shape.
 */
import { fold, type KindFields } from '../clients/index.ts';

/** column header → field name (a header missing from it is not imported). */
export type ColumnMapping = Record<string, string>;

/** Common headers of Polish and English client lists, folded (no diacritics, lower case, no punctuation). */
const synonyms: Record<string, string[]> = {
  firstName: ['imie', 'first name', 'firstname', 'given name', 'name first'],
  lastName: ['nazwisko', 'last name', 'lastname', 'surname', 'family name'],
  pesel: ['pesel', 'nr pesel', 'numer pesel'],
  nip: ['nip', 'nr nip', 'tax id', 'vat id', 'vat number'],
  regon: ['regon', 'nr regon'],
  phone: ['telefon', 'tel', 'nr tel', 'nr telefonu', 'numer telefonu', 'komorka', 'phone', 'mobile', 'phone number'],
  email: ['email', 'e mail', 'adres email', 'mail', 'e mail address'],
  city: ['miasto', 'miejscowosc', 'city', 'town'],
  street: ['ulica', 'adres', 'street', 'address'],
  postalCode: ['kod pocztowy', 'kod', 'postal code', 'zip', 'postcode'],
  companyName: ['nazwa firmy', 'firma', 'nazwa', 'company', 'company name'],
  netMonthlyIncomeMinor: ['dochod', 'dochod netto', 'dochod miesieczny', 'net income', 'monthly income'],
};

const norm = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * @example
 * guessMapping(['Imię', 'Nazwisko', 'Nr tel.'], clientFields(config).person);
 * // { 'Imię': 'firstName', 'Nazwisko': 'lastName', 'Nr tel.': 'phone' }
 */
export function guessMapping(header: string[], kf: KindFields): ColumnMapping {
  const out: ColumnMapping = {};
  const taken = new Set<string>();
  for (const column of header) {
    const h = norm(column);
    if (!h) continue;
    const field = [...kf.fields.values()].find((f) => {
      if (taken.has(f.name)) return false;
      const label = f.schema['x-crm-label'] as { pl?: string; en?: string } | undefined;
      const names = [f.name, label?.pl ?? '', label?.en ?? '', ...(synonyms[f.name] ?? [])].map(norm);
      return names.includes(h);
    });
    if (field) {
      out[column] = field.name;
      taken.add(field.name);
    }
  }
  return out;
}
