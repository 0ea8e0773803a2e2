/**
 * @module widgets/crm-commission-review/review-text
 * The review's words in Polish and English, and the sentences that say what an approval did:
 * how many lines, which statements it produced, and for each recipient still without one, why
 * ("3 linie czekają na zatwierdzenie"). Pure functions of the API's answer, tested beside.
 */
import { defineTranslations, enPlural, formatMoney, formatNumber, plPlural, type Lang } from '../base/i18n.ts';
import type { ApprovalResult, WaitingStatement } from './commission-types.ts';

const linesPl = (n: number) => `${formatNumber(n, 'pl')} ${plPlural(n, 'linia', 'linie', 'linii', 'linii')}`;
const linesEn = (n: number) => `${formatNumber(n, 'en')} ${enPlural(n, 'line', 'lines')}`;

export const t = defineTranslations({
  pl: {
    title: 'Prowizje do zatwierdzenia',
    filters: 'Filtry',
    none: 'Brak pozycji dla tego filtra',
    nonePending: 'Brak pozycji do zatwierdzenia',
    all: 'Wszystkie',
    period: 'Miesiąc',
    ledger: 'Rejestr',
    unit: 'Oddział',
    advisor: 'Doradca',
    partner: 'Partner',
    provider: 'Dostawca',
    product: 'Produkt',
    status: 'Status',
    missingFilter: 'Reguła',
    missingOnly: 'Tylko bez reguły',
    ruleOnly: 'Tylko z regułą',
    sort: 'Kolejność',
    sortRecipient: 'Odbiorca',
    sortSaleDate: 'Data sprzedaży',
    sortAmount: 'Kwota (od największej)',
    sortPeriod: 'Miesiąc (od najnowszego)',
    clearFilters: 'Wyczyść filtry',
    pending: 'Do zatwierdzenia',
    proposed: 'Zaproponowana',
    corrected: 'Skorygowana',
    approved: 'Zatwierdzona',
    firm: 'Firma',
    advisorLedger: 'Doradca',
    partnerLedger: 'Partner',
    unitLedger: 'Oddział',
    proposal: 'prowizja',
    adjustment: 'korekta',
    clawback: 'storno',
    reserve: 'rezerwa',
    colSelect: 'Wybór',
    colRecipient: 'Odbiorca i rejestr',
    colSale: 'Sprzedaż',
    colClient: 'Klient i doradca',
    colAmount: 'Kwota',
    colActions: 'Akcje',
    clientHidden: 'dane klienta niedostępne',
    summary: (n: number, total: string) => `${linesPl(n)} · razem ${total}`,
    mayApprove: (n: number) => `możesz zatwierdzić: ${formatNumber(n, 'pl')}`,
    needAmount: (n: number) => `${linesPl(n)} bez reguły ${plPlural(n, 'czeka', 'czekają', 'czeka')} na wpisanie kwoty`,
    selectPage: 'Zaznacz wszystkie linie na tej stronie',
    selectLine: (who: string, what: string, amount: string) => `Zaznacz: ${who}, ${what}, ${amount}`,
    selectAll: (n: number) => `Zaznacz wszystkie pasujące do filtra (${formatNumber(n, 'pl')})`,
    clearSelection: 'Wyczyść zaznaczenie',
    selected: (n: number) => `Zaznaczono ${linesPl(n)}`,
    selectedAll: (n: number) => `Zaznaczono wszystkie pasujące do filtra: ${linesPl(n)}`,
    approve: (n: number) => `Zatwierdź zaznaczone (${formatNumber(n, 'pl')})`,
    approveAll: (n: number) => `Zatwierdź wszystkie pasujące (${formatNumber(n, 'pl')})`,
    approving: 'Zatwierdzanie…',
    correct: 'Koryguj',
    enterAmount: 'Wpisz kwotę',
    save: 'Zapisz korektę',
    saving: 'Zapisywanie…',
    cancel: 'Anuluj',
    amount: 'Nowa kwota (zł)',
    reason: 'Powód korekty',
    missing: 'Brak reguły — wpisz kwotę',
    was: (a: string) => `było ${a}`,
    savedCorrection: 'Korekta zapisana',
    group: (name: string, kind: string) => `${name} (${kind})`,
    groupTotals: (n: number, total: string, pending: number) =>
      `${linesPl(n)} · razem ${total}${pending ? ` · czeka: ${formatNumber(pending, 'pl')}` : ''}`,
    pager: 'Strony',
    prev: 'Poprzednia',
    next: 'Następna',
    pageOf: (p: number, of: number, from: number, to: number, n: number) =>
      `Strona ${p} z ${of} (linie ${from}–${to} z ${formatNumber(n, 'pl')})`,
    pageSize: 'Linii na stronie',
    badAmount: 'Podaj kwotę w złotych, np. 1 234,56',
    noReason: 'Podaj powód korekty',
    mustBePositive: 'Ta linia wypłaca: kwota musi wynosić 0 lub więcej',
    mustBeNegative: 'Ta linia odbiera (storno): kwota musi wynosić 0 lub mniej',
    lineLocked: 'Ta linia jest już zatwierdzona — odśwież listę',
    newLines: (now: number, seen: number) =>
      `Od wyświetlenia listy doszły nowe linie (teraz ${formatNumber(now, 'pl')}, widziano ${formatNumber(
        seen,
        'pl',
      )}). Lista jest odświeżona: sprawdź ją i zatwierdź ponownie.`,
    tooMany: 'Za dużo linii naraz — zawęź filtr',
    exportXlsx: 'Eksportuj linie do Excela',
  },
  en: {
    title: 'Commissions to approve',
    filters: 'Filters',
    none: 'No lines match this filter',
    nonePending: 'Nothing to approve',
    all: 'All',
    period: 'Month',
    ledger: 'Ledger',
    unit: 'Branch',
    advisor: 'Advisor',
    partner: 'Partner',
    provider: 'Provider',
    product: 'Product',
    status: 'Status',
    missingFilter: 'Rule',
    missingOnly: 'Only without a rule',
    ruleOnly: 'Only with a rule',
    sort: 'Order',
    sortRecipient: 'Recipient',
    sortSaleDate: 'Sale date',
    sortAmount: 'Amount (largest first)',
    sortPeriod: 'Month (newest first)',
    clearFilters: 'Clear filters',
    pending: 'To approve',
    proposed: 'Proposed',
    corrected: 'Corrected',
    approved: 'Approved',
    firm: 'Firm',
    advisorLedger: 'Advisor',
    partnerLedger: 'Partner',
    unitLedger: 'Branch',
    proposal: 'commission',
    adjustment: 'adjustment',
    clawback: 'clawback',
    reserve: 'reserve',
    colSelect: 'Select',
    colRecipient: 'Recipient and ledger',
    colSale: 'Sale',
    colClient: 'Client and advisor',
    colAmount: 'Amount',
    colActions: 'Actions',
    clientHidden: 'client data not available to you',
    summary: (n: number, total: string) => `${linesEn(n)} · total ${total}`,
    mayApprove: (n: number) => `you may approve: ${formatNumber(n, 'en')}`,
    needAmount: (n: number) => `${linesEn(n)} without a rule waiting for an amount`,
    selectPage: 'Select every line on this page',
    selectLine: (who: string, what: string, amount: string) => `Select: ${who}, ${what}, ${amount}`,
    selectAll: (n: number) => `Select all matching the filter (${formatNumber(n, 'en')})`,
    clearSelection: 'Clear selection',
    selected: (n: number) => `${linesEn(n)} selected`,
    selectedAll: (n: number) => `All matching the filter selected: ${linesEn(n)}`,
    approve: (n: number) => `Approve selected (${formatNumber(n, 'en')})`,
    approveAll: (n: number) => `Approve all matching (${formatNumber(n, 'en')})`,
    approving: 'Approving…',
    correct: 'Correct',
    enterAmount: 'Enter amount',
    save: 'Save correction',
    saving: 'Saving…',
    cancel: 'Cancel',
    amount: 'New amount (PLN)',
    reason: 'Reason',
    missing: 'No rule — enter the amount',
    was: (a: string) => `was ${a}`,
    savedCorrection: 'Correction saved',
    group: (name: string, kind: string) => `${name} (${kind})`,
    groupTotals: (n: number, total: string, pending: number) =>
      `${linesEn(n)} · total ${total}${pending ? ` · waiting: ${formatNumber(pending, 'en')}` : ''}`,
    pager: 'Pages',
    prev: 'Previous',
    next: 'Next',
    pageOf: (p: number, of: number, from: number, to: number, n: number) =>
      `Page ${p} of ${of} (lines ${from}–${to} of ${formatNumber(n, 'en')})`,
    pageSize: 'Lines per page',
    badAmount: 'Enter an amount in PLN, e.g. 1,234.56',
    noReason: 'Give the reason for the correction',
    mustBePositive: 'This line pays out: the amount must be 0 or more',
    mustBeNegative: 'This line takes back (clawback): the amount must be 0 or less',
    lineLocked: 'This line is approved already — refresh the list',
    newLines: (now: number, seen: number) =>
      `New lines arrived since the list was shown (${formatNumber(now, 'en')} now, ${formatNumber(
        seen,
        'en',
      )} seen). The list is refreshed: check it and approve again.`,
    tooMany: 'Too many lines at once — narrow the filter',
    exportXlsx: 'Export lines to Excel',
  },
});

const words = defineTranslations({
  pl: {
    approved: (n: number) => `Zatwierdzono ${linesPl(n)}.`,
    nothing: 'Nic nie zatwierdzono: te linie są już zatwierdzone.',
    made: (n: number) => `Nowe zestawienia (${formatNumber(n, 'pl')}):`,
    noneMade: 'Nie powstało żadne nowe zestawienie.',
    waiting: 'Bez zestawienia:',
    waits: (n: number) => `${linesPl(n)} ${plPlural(n, 'czeka', 'czekają', 'czeka', 'czeka')} na zatwierdzenie`,
    more: (n: number) => `…i jeszcze ${formatNumber(n, 'pl')}`,
    skipped: (n: number) => `${linesPl(n)} bez reguły ${plPlural(n, 'czeka', 'czekają', 'czeka')} na wpisanie kwoty.`,
  },
  en: {
    approved: (n: number) => `${linesEn(n)} approved.`,
    nothing: 'Nothing approved: these lines are approved already.',
    made: (n: number) => `New statements (${formatNumber(n, 'en')}):`,
    noneMade: 'No new statement was produced.',
    waiting: 'No statement yet:',
    waits: (n: number) => `${linesEn(n)} waiting for approval`,
    more: (n: number) => `…and ${formatNumber(n, 'en')} more`,
    skipped: (n: number) => `${linesEn(n)} without a rule still waiting for an amount.`,
  },
});

/** How many names an approval's message lists before "…and N more". */
export const LISTED = 5;

export interface ApprovalText {
  headline: string;
  /** "Anna Nowak — 2026-03 — 2 800,00 zł" per new statement. */
  statements: string[];
  /** "Bank Aurora — 2026-03: 3 linie czekają na zatwierdzenie" per recipient still waiting. */
  waiting: string[];
  moreStatements: string;
  moreWaiting: string;
}

/** Why a recipient has no statement yet, in words. */
export const waitingText = (lang: Lang, w: WaitingStatement): string =>
  `${w.recipientName} — ${w.period}: ${words(lang, 'waits', w.pending)}`;

/**
 * What an approval did, in the page's language.
 * @example
 * approvalText('pl', result).headline // 'Zatwierdzono 12 linii. Nowe zestawienia (1): … Bez zestawienia: …'
 */
export function approvalText(lang: Lang, r: ApprovalResult): ApprovalText {
  const parts = [r.approved.length ? words(lang, 'approved', r.approved.length) : words(lang, 'nothing')];
  if (r.skippedNeedAmount) parts.push(words(lang, 'skipped', r.skippedNeedAmount));
  if (r.statements.length) parts.push(words(lang, 'made', r.statements.length));
  else if (r.approved.length) parts.push(words(lang, 'noneMade'));
  const statements = r.statements
    .slice(0, LISTED)
    .map((s) => `${s.recipientName} — ${s.period} — ${formatMoney(s.totalMinor, lang)}`);
  const waiting = r.waiting.slice(0, LISTED).map((w) => waitingText(lang, w));
  return {
    headline: parts.join(' '),
    statements,
    waiting,
    moreStatements: r.statements.length > LISTED ? words(lang, 'more', r.statements.length - LISTED) : '',
    moreWaiting: r.waiting.length > LISTED ? words(lang, 'more', r.waiting.length - LISTED) : '',
  };
}

/** The heading of the "no statement yet" list. */
export const waitingHeading = (lang: Lang) => words(lang, 'waiting');

/**
 * The page a list shows, as numbers a person reads (1-based, inclusive).
 * @example
 * pageInfo(100, 50, 485) // { page: 3, pages: 10, from: 101, to: 150 }
 */
export function pageInfo(offset: number, size: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  return {
    page: Math.floor(offset / size) + 1,
    pages,
    from: total ? offset + 1 : 0,
    to: Math.min(offset + size, total),
  };
}
