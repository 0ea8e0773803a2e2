/**
 * @module widgets/crm-calendar/i18n
 * Polish and English texts of `<crm-calendar>`.
 */
import { defineTranslations } from '../base/i18n.ts';

export const t = defineTranslations({
  pl: {
    calendar: 'Kalendarz', day: 'Dzień', week: 'Tydzień', month: 'Miesiąc', today: 'Dziś', prev: 'Wstecz', next: 'Dalej',
    person: 'Osoba', everyone: 'Cały zespół', add: 'Nowy wpis', kind: 'Rodzaj', title: 'Tytuł', start: 'Początek', end: 'Koniec',
    client: 'Klient (id)', place: 'Miejsce', link: 'Link online', assignee: 'Dla kogo', save: 'Zapisz', close: 'Zamknij',
    meeting: 'Spotkanie', call: 'Telefon', task: 'Zadanie', block: 'Blok czasu', empty: 'Brak wpisów',
    conflict: 'Kolizja terminów', overdue: 'Po terminie', delegatedBy: 'Zlecił(a)', done: 'Zrobione', cancelled: 'Odwołane',
    move: 'Przenieś', complete: 'Oznacz jako zrobione', cancel: 'Odwołaj', held: 'Odbyło się', 'no-show': 'Klient nie przyszedł', rescheduled: 'Przełożone',
    reminders: 'Przypomnienia SMS', sendAt: 'wysyłka', segments: 'części SMS', skipped: 'pominięte', planned: 'zaplanowane',
    'no-consent': 'brak zgody na SMS', 'no-phone': 'brak numeru telefonu', 'invalid-phone': 'błędny numer telefonu', 'too-late': 'za późno',
    recurring: 'spotkanie cykliczne', disabled: 'przypomnienia wyłączone', 'not-planned': 'spotkanie nie jest zaplanowane',
    movedQuiet: 'przesunięte przed ciszę nocną', keys: 'Alt+←/→ przenosi o dzień, Alt+↑/↓ o 30 minut', saved: 'Zapisano', conflicts: 'Uwaga: kolizja z',
    timeNote: 'Czas zmieniony przez zmianę czasu (DST)',
    pending: 'w kolejce', sending: 'wysyłanie', sent: 'wysłane', failed: 'ponowienie', dead: 'nieudane', 'out-cancelled': 'anulowane',
  },
  en: {
    calendar: 'Calendar', day: 'Day', week: 'Week', month: 'Month', today: 'Today', prev: 'Previous', next: 'Next',
    person: 'Person', everyone: 'Whole team', add: 'New item', kind: 'Kind', title: 'Title', start: 'Start', end: 'End',
    client: 'Client (id)', place: 'Place', link: 'Online link', assignee: 'For whom', save: 'Save', close: 'Close',
    meeting: 'Meeting', call: 'Call', task: 'Task', block: 'Time block', empty: 'Nothing planned',
    conflict: 'Double booking', overdue: 'Overdue', delegatedBy: 'Delegated by', done: 'Done', cancelled: 'Cancelled',
    move: 'Move', complete: 'Mark done', cancel: 'Cancel', held: 'Held', 'no-show': 'No-show', rescheduled: 'Rescheduled',
    reminders: 'SMS reminders', sendAt: 'sends', segments: 'SMS parts', skipped: 'skipped', planned: 'planned',
    'no-consent': 'no SMS consent', 'no-phone': 'no phone number', 'invalid-phone': 'invalid phone number', 'too-late': 'too late',
    recurring: 'recurring meeting', disabled: 'reminders disabled', 'not-planned': 'meeting not planned',
    movedQuiet: 'moved before quiet hours', keys: 'Alt+←/→ moves by a day, Alt+↑/↓ by 30 minutes', saved: 'Saved', conflicts: 'Note: overlaps',
    timeNote: 'Time adjusted for the DST change',
    pending: 'queued', sending: 'sending', sent: 'sent', failed: 'retrying', dead: 'failed', 'out-cancelled': 'cancelled',
  },
});
