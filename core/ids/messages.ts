/**
 * @module ids/messages
 * Messages for identifier failures, keyed by `messageKey` (`pesel.checksum`), in English and
 * Polish. The UI looks the key up in its own language; the API returns the English text.
 */
const en = {
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
  'iban.length': 'A Polish account number has 26 digits (28 characters with "PL")',
  'iban.digits': 'An account number may contain only digits after the country code',
  'iban.country': 'Only Polish (PL) account numbers are accepted',
  'iban.checksum': 'Account number check digits do not match; look for a typo',
  'phone.characters': 'A phone number may contain only digits, spaces, hyphens, brackets and a leading +',
  'phone.length': 'A Polish phone number has 9 digits; a foreign one starts with + and has 8 to 15 digits',
  'phone.format': 'This is not a valid phone number',
} as const;

export type IdentifierMessageKey = keyof typeof en;

const pl: Record<IdentifierMessageKey, string> = {
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
  'iban.length': 'Polski numer rachunku ma 26 cyfr (28 znaków z „PL”)',
  'iban.digits': 'Numer rachunku może zawierać po kodzie kraju tylko cyfry',
  'iban.country': 'Akceptujemy tylko polskie (PL) numery rachunków',
  'iban.checksum': 'Cyfry kontrolne numeru rachunku się nie zgadzają; sprawdź, czy nie ma literówki',
  'phone.characters': 'Numer telefonu może zawierać tylko cyfry, spacje, myślniki, nawiasy i początkowy +',
  'phone.length': 'Polski numer telefonu ma 9 cyfr; zagraniczny zaczyna się od + i ma od 8 do 15 cyfr',
  'phone.format': 'To nie jest prawidłowy numer telefonu',
};

/**
 * @example
 * identifierMessages.pl['pesel.checksum'] // 'Cyfra kontrolna PESEL się nie zgadza; …'
 */
export const identifierMessages: {
  en: Record<IdentifierMessageKey, string>;
  pl: Record<IdentifierMessageKey, string>;
} = { en, pl };
