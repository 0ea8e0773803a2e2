/**
 * @module widgets/crm-client-form/identifiers
 * What the new-client form knows about identifier fields before asking the server: when a typed
 * PESEL, NIP or REGON has enough digits to be worth a duplicate check, a quick length check of a
 * phone number, and the reasons' messages in both languages (the API answers in English and names
 * the reason as `messageKey`, e.g. `pesel.checksum`). The checksums themselves are the server's.
 */
import { defineTranslations, type LangSource } from '../base/i18n.ts';

export type IdentifierKind = 'pesel' | 'nip' | 'regon' | 'iban' | 'phone';
export const duplicateKinds = ['pesel', 'nip', 'regon'] as const;
export type DuplicateKind = (typeof duplicateKinds)[number];

const digits = (s: string) => s.replace(/[\s-]/g, '').replace(/^PL/i, '');

/**
 * The value to check for duplicates, or null while it is still being typed (too short, or not digits).
 * @example
 * readyForCheck('pesel', '4405 1401 359'); // '44051401359'
 * readyForCheck('nip', '526-025'); // null
 */
export function readyForCheck(kind: DuplicateKind, text: string): string | null {
  const d = digits(text.trim());
  if (!/^\d+$/.test(d)) return null;
  const ok = kind === 'pesel' ? d.length === 11 : kind === 'nip' ? d.length === 10 : d.length === 9 || d.length === 14;
  return ok ? d : null;
}

/**
 * The reason a typed value cannot be right, judged by length alone (the server checks the rest), or null.
 * @example
 * lengthProblem('pesel', '4405140'); // 'pesel.length'
 * lengthProblem('phone', '600 100 200'); // null
 */
export function lengthProblem(kind: IdentifierKind, text: string): MessageKey | null {
  const raw = text.trim();
  if (!raw) return null;
  if (kind === 'phone') {
    if (/[^\d\s()+-]/.test(raw) || raw.lastIndexOf('+') > 0) return 'phone.characters';
    const n = raw.replace(/\D/g, '').length;
    return raw.startsWith('+') ? (n >= 8 && n <= 15 ? null : 'phone.length') : n === 9 ? null : 'phone.length';
  }
  if (kind === 'iban') return null;
  const d = digits(raw);
  if (!/^\d+$/.test(d)) return `${kind}.digits`;
  return readyForCheck(kind, raw) ? null : `${kind}.length`;
}

const messages = defineTranslations({
  pl: {
    'pesel.length': 'PESEL musi mieć 11 cyfr',
    'pesel.digits': 'PESEL może zawierać tylko cyfry',
    'pesel.checksum': 'Cyfra kontrolna PESEL się nie zgadza; sprawdź, czy nie ma literówki',
    'pesel.date': 'PESEL nie zawiera prawidłowej daty urodzenia',
    'nip.length': 'NIP musi mieć 10 cyfr',
    'nip.digits': 'NIP może zawierać tylko cyfry (opcjonalnie poprzedzone „PL”)',
    'nip.checksum': 'Cyfra kontrolna NIP się nie zgadza; sprawdź, czy nie ma literówki',
    'regon.length': 'REGON musi mieć 9 albo 14 cyfr',
    'regon.digits': 'REGON może zawierać tylko cyfry',
    'regon.checksum': 'Cyfra kontrolna REGON się nie zgadza; sprawdź, czy nie ma literówki',
    'phone.characters': 'Numer telefonu może zawierać tylko cyfry, spacje, myślniki, nawiasy i początkowy +',
    'phone.length': 'Polski numer telefonu ma 9 cyfr; zagraniczny zaczyna się od + i ma od 8 do 15 cyfr',
    'phone.format': 'To nie jest prawidłowy numer telefonu',
    pesel: 'Niepoprawny numer PESEL',
    nip: 'Niepoprawny numer NIP',
    regon: 'Niepoprawny numer REGON',
    iban: 'Niepoprawny numer rachunku',
    phone: 'To nie jest prawidłowy numer telefonu',
  },
  en: {
    'pesel.length': 'PESEL must have 11 digits',
    'pesel.digits': 'PESEL may contain only digits',
    'pesel.checksum': 'PESEL check digit does not match; look for a typo',
    'pesel.date': 'PESEL does not encode a real date of birth',
    'nip.length': 'NIP must have 10 digits',
    'nip.digits': 'NIP may contain only digits (optionally after "PL")',
    'nip.checksum': 'NIP check digit does not match; look for a typo',
    'regon.length': 'REGON must have 9 or 14 digits',
    'regon.digits': 'REGON may contain only digits',
    'regon.checksum': 'REGON check digit does not match; look for a typo',
    'phone.characters': 'A phone number may contain only digits, spaces, hyphens, brackets and a leading +',
    'phone.length': 'A Polish phone number has 9 digits; a foreign one starts with + and has 8 to 15 digits',
    'phone.format': 'This is not a valid phone number',
    pesel: 'Invalid PESEL',
    nip: 'Invalid NIP',
    regon: 'Invalid REGON',
    iban: 'Invalid account number',
    phone: 'This is not a valid phone number',
  },
});

export type MessageKey = Parameters<typeof messages>[1];
/** The reasons this form can say in both languages (`pesel.checksum`…); others fall back to the kind's sentence. */
const reasons = new Set<string>(
  ['pesel', 'nip', 'regon', 'phone']
    .flatMap((k) => ['length', 'digits', 'checksum', 'date', 'characters', 'format'].map((r) => `${k}.${r}`))
    .filter((k) => messages('en', k as MessageKey) !== k),
);

/**
 * The message for a reason (`pesel.checksum`), else the kind's general one, in the host's language.
 * @example
 * identifierMessage('en', 'pesel', 'pesel.length'); // 'PESEL must have 11 digits'
 * identifierMessage('pl', 'nip'); // 'Niepoprawny numer NIP'
 */
export function identifierMessage(host: LangSource, kind: IdentifierKind, key?: string): string {
  const known = (k: string | undefined): k is MessageKey => !!k && k.startsWith(`${kind}.`) && reasons.has(k);
  return messages(host, known(key) ? key : kind);
}
