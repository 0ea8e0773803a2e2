/**
 * @module widgets/crm-partners/words
 * `<crm-partners>`'s words in Polish and English.
 */
import { defineTranslations } from '../base/i18n.ts';

export const t = defineTranslations({
  pl: {
    title: 'Partnerzy',
    intro:
      'Firmy partnerskie (biura nieruchomości, deweloperzy, inni pośrednicy), ich przedstawiciele, ' +
      'dostęp przedstawicieli do portalu partnera i automatyczne raporty dla partnerów.',
    add: 'Nowa firma partnerska',
    edit: 'Edytuj',
    name: 'Nazwa firmy',
    nip: 'NIP',
    type: 'Rodzaj partnera',
    emails: 'E-maile kontaktowe (przecinek lub nowy wiersz)',
    group: 'Grupa prowizyjna',
    noGroup: '— bez grupy —',
    city: 'Miejscowość',
    postalCode: 'Kod pocztowy',
    street: 'Ulica i numer',
    save: 'Zapisz',
    cancel: 'Anuluj',
    saved: (n: string) => `Zapisano partnera „${n}”.`,
    none: 'Nie ma jeszcze żadnego partnera.',
    open: 'Przedstawiciele i raporty',
    archived: 'Zarchiwizowany',
    people: (n: string) => `Przedstawiciele: ${n}`,
    noPeople: 'Ta firma nie ma jeszcze przedstawicieli.',
    addPerson: 'Dodaj przedstawiciela',
    personName: 'Imię i nazwisko',
    email: 'E-mail',
    phone: 'Telefon',
    login: 'Dostęp do portalu',
    noLogin: 'Brak',
    hasLogin: 'Ma konto',
    giveLogin: 'Daj dostęp do portalu',
    invited: (e: string) => `Zaproszenie do portalu partnera wysłane do: ${e}.`,
    needEmail: 'Podaj e-mail przedstawiciela, aby dać mu dostęp.',
    personSaved: (n: string) => `Zapisano przedstawiciela „${n}”.`,
    reports: 'Raporty dla partnera',
    noReports: 'Partner nie ma subskrypcji raportów.',
    frequency: 'Jak często',
    weekly: 'Co tydzień',
    monthly: 'Co miesiąc',
    recipients: 'Do kogo (e-maile, przecinek lub nowy wiersz)',
    language: 'Język raportu',
    active: 'Aktywna',
    subscribe: 'Zapisz subskrypcję',
    subscribed: 'Subskrypcja zapisana.',
    sendNow: 'Wyślij raport za poprzedni miesiąc',
    sentNow: 'Raport za poprzedni miesiąc czeka w kolejce do wysłania.',
    needName: 'Podaj nazwę.',
    needRecipients: 'Podaj co najmniej jeden adres e-mail.',
    badEmail: (e: string) => `To nie jest adres e-mail: ${e}`,
    badNip: 'NIP musi mieć 10 cyfr z poprawną cyfrą kontrolną.',
  },
  en: {
    title: 'Partners',
    intro:
      'Partner firms (real-estate agencies, developers, other intermediaries), their representatives, ' +
      "the representatives' access to the partner portal and automatic reports for partners.",
    add: 'New partner firm',
    edit: 'Edit',
    name: 'Firm name',
    nip: 'Tax ID (NIP)',
    type: 'Kind of partner',
    emails: 'Contact e-mails (comma or new line)',
    group: 'Commission group',
    noGroup: '— no group —',
    city: 'City',
    postalCode: 'Postcode',
    street: 'Street and number',
    save: 'Save',
    cancel: 'Cancel',
    saved: (n: string) => `Partner "${n}" saved.`,
    none: 'There is no partner yet.',
    open: 'Representatives and reports',
    archived: 'Archived',
    people: (n: string) => `Representatives: ${n}`,
    noPeople: 'This firm has no representatives yet.',
    addPerson: 'Add a representative',
    personName: 'Full name',
    email: 'E-mail',
    phone: 'Phone',
    login: 'Portal access',
    noLogin: 'None',
    hasLogin: 'Has an account',
    giveLogin: 'Give portal access',
    invited: (e: string) => `Partner portal invitation sent to: ${e}.`,
    needEmail: "Give the representative's e-mail to give them access.",
    personSaved: (n: string) => `Representative "${n}" saved.`,
    reports: 'Reports for the partner',
    noReports: 'The partner has no report subscription.',
    frequency: 'How often',
    weekly: 'Weekly',
    monthly: 'Monthly',
    recipients: 'To whom (e-mails, comma or new line)',
    language: 'Report language',
    active: 'Active',
    subscribe: 'Save subscription',
    subscribed: 'Subscription saved.',
    sendNow: "Send last month's report",
    sentNow: "Last month's report is queued to be sent.",
    needName: 'Give a name.',
    needRecipients: 'Give at least one e-mail address.',
    badEmail: (e: string) => `Not an e-mail address: ${e}`,
    badNip: 'A NIP has 10 digits with a valid check digit.',
  },
});

/** Addresses typed one per line or separated by commas. */
export function splitEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  ];
}

/** Whether a NIP (with or without dashes) has 10 digits and a valid check digit. */
export function validNip(text: string): boolean {
  const d = text.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = w.reduce((s, x, i) => s + x * Number(d[i]), 0);
  return sum % 11 === Number(d[9]);
}
