/**
 * @module widgets/crm-client-form/i18n
 * The new-client form's words, Polish and English.
 */
import { defineTranslations } from '../base/i18n.ts';

export const t = defineTranslations({
  pl: {
    title: 'Nowy klient',
    kind: 'Rodzaj klienta',
    person: 'Osoba',
    company: 'Firma',
    type: 'Typ klienta',
    source: 'Źródło',
    noSource: '— brak —',
    choose: '— wybierz —',
    partner: 'Partner polecający',
    representative: 'Przedstawiciel partnera',
    noRepresentative: '— nie wskazano —',
    referrer: 'Polecający doradca',
    chooseType: 'Wybierz typ klienta',
    chooseSource: 'Wybierz źródło klienta',
    choosePartner: 'Wybierz partnera, który polecił klienta',
    chooseReferrer: 'Wybierz doradcę, który polecił klienta',
    save: 'Zapisz klienta',
    cancel: 'Anuluj',
    saved: (name: string) => `Dodano klienta${name ? `: ${name}` : ''}`,
    invalid: 'Popraw zaznaczone pola.',
    forbidden: 'Nie możesz dodać klienta dla tego opiekuna lub oddziału.',
    personExists: (unit: string) =>
      unit ? `Ta osoba jest już klientem oddziału ${unit}` : 'Ta osoba jest już klientem',
    companyExists: (unit: string) =>
      unit ? `Ta firma jest już klientem oddziału ${unit}` : 'Ta firma jest już klientem',
    openExisting: 'Otwórz kartę klienta',
    askOwner: 'Skontaktuj się z oddziałem, zanim dodasz klienta ponownie.',
    noDuplicate: 'Nie ma jeszcze klienta z tym numerem.',
  },
  en: {
    title: 'New client',
    kind: 'Kind of client',
    person: 'Person',
    company: 'Company',
    type: 'Client type',
    source: 'Source',
    noSource: '— none —',
    choose: '— choose —',
    partner: 'Referring partner',
    representative: "Partner's representative",
    noRepresentative: '— not named —',
    referrer: 'Referring advisor',
    chooseType: 'Choose the client type',
    chooseSource: "Choose the client's source",
    choosePartner: 'Choose the partner who referred the client',
    chooseReferrer: 'Choose the advisor who referred the client',
    save: 'Save client',
    cancel: 'Cancel',
    saved: (name: string) => `Client added${name ? `: ${name}` : ''}`,
    invalid: 'Please correct the marked fields.',
    forbidden: 'You may not add a client for this advisor or branch.',
    personExists: (unit: string) =>
      unit ? `This person is already a client of the ${unit} branch` : 'This person is already a client',
    companyExists: (unit: string) =>
      unit ? `This company is already a client of the ${unit} branch` : 'This company is already a client',
    openExisting: "Open the client's card",
    askOwner: 'Contact that branch before adding the client again.',
    noDuplicate: 'No client has this number yet.',
  },
});
