/**
 * @module widgets/crm-referral-conflicts/words
 * `<crm-referral-conflicts>`'s words in Polish and English.
 */
import { defineTranslations } from '../base/i18n.ts';

export const t = defineTranslations({
  pl: {
    title: 'Konflikty poleceń',
    intro:
      'Dwóch partnerów poleciło tę samą osobę w okresie ochrony. ' +
      'Do decyzji polecenie zachowuje pierwszy partner. ' +
      'Wybierz, które polecenie wygrywa: ten partner będzie przypisany do klienta i dostanie prowizję ' +
      'od sprzedaży zapisanych od teraz.',
    none: 'Brak otwartych konfliktów poleceń.',
    showResolved: 'Pokaż rozstrzygnięte',
    client: 'Klient',
    clientHidden: 'Klient spoza Twojego zakresu',
    openCard: 'Otwórz kartę klienta',
    advisor: 'Doradca',
    noAdvisor: 'bez doradcy',
    first: 'Pierwsze polecenie',
    second: 'Drugie polecenie',
    partner: 'Partner',
    representative: 'Przedstawiciel',
    referredAt: 'Data polecenia',
    protectionEnds: 'Ochrona do',
    source: 'Źródło',
    registeredBy: 'Zarejestrował(a)',
    viaApiKey: (n: string) => `${n} (klucz API)`,
    viaFormKey: (n: string) => `formularz „${n}”`,
    winner: 'Które polecenie wygrywa?',
    winnerOf: (which: string, partner: string) => `${which}: ${partner}`,
    note: 'Uzasadnienie decyzji',
    decide: 'Zapisz decyzję',
    needNote: 'Wpisz uzasadnienie decyzji.',
    needWinner: 'Wybierz polecenie, które wygrywa.',
    decided: (client: string, partner: string) => `Konflikt rozstrzygnięty: ${client} — wygrywa ${partner}.`,
    alreadyDecided: 'Ten konflikt rozstrzygnął już ktoś inny; jego decyzja jest wśród rozstrzygniętych.',
    open: 'Otwarty',
    resolved: 'Rozstrzygnięty',
    resolvedBy: (who: string, when: string) => `Rozstrzygnął(a) ${who}, ${when}`,
    won: (partner: string) => `Wygrywa: ${partner}`,
    keptOld: 'Zamknięty notatką (bez wskazania zwycięzcy)',
    noteLabel: 'Uzasadnienie',
    recorded: (d: string) => `Konflikt zapisany ${d}`,
  },
  en: {
    title: 'Referral conflicts',
    intro:
      'Two partners referred the same person within the protection window. Until a decision the first partner ' +
      'keeps the referral. Choose which referral wins: that partner is attributed to the client and earns the ' +
      'commission on sales recorded from now on.',
    none: 'No open referral conflicts.',
    showResolved: 'Show resolved',
    client: 'Client',
    clientHidden: 'A client outside your scope',
    openCard: "Open the client's card",
    advisor: 'Advisor',
    noAdvisor: 'no advisor',
    first: 'First referral',
    second: 'Second referral',
    partner: 'Partner',
    representative: 'Representative',
    referredAt: 'Referred on',
    protectionEnds: 'Protected until',
    source: 'Source',
    registeredBy: 'Registered by',
    viaApiKey: (n: string) => `${n} (API key)`,
    viaFormKey: (n: string) => `form "${n}"`,
    winner: 'Which referral wins?',
    winnerOf: (which: string, partner: string) => `${which}: ${partner}`,
    note: 'Reason for the decision',
    decide: 'Save decision',
    needNote: 'Write the reason for the decision.',
    needWinner: 'Choose the referral that wins.',
    decided: (client: string, partner: string) => `Conflict resolved: ${client} — ${partner} wins.`,
    alreadyDecided: 'Someone else has already resolved this conflict; the decision is among the resolved ones.',
    open: 'Open',
    resolved: 'Resolved',
    resolvedBy: (who: string, when: string) => `Resolved by ${who}, ${when}`,
    won: (partner: string) => `Wins: ${partner}`,
    keptOld: 'Closed with a note (no winner named)',
    noteLabel: 'Reason',
    recorded: (d: string) => `Conflict recorded ${d}`,
  },
});
