/**
 * @module widgets/crm-statements/statements-text
 * The Statements view's words in Polish and English, and the pure helpers it renders with: a
 * statement's state (current, replaced by a newer revision, final once its month is closed) and
 * the reason a recipient has no statement yet. Tested beside.
 */
import { defineTranslations, enPlural, formatNumber, plPlural, type Lang } from '../base/i18n.ts';
import type { StatementItem, WaitingStatement } from './statement-types.ts';

const linesPl = (n: number) => `${formatNumber(n, 'pl')} ${plPlural(n, 'linia', 'linie', 'linii', 'linii')}`;
const linesEn = (n: number) => `${formatNumber(n, 'en')} ${enPlural(n, 'line', 'lines')}`;

export const t = defineTranslations({
  pl: {
    title: 'Zestawienia prowizji',
    filters: 'Filtry zestawień',
    period: 'Miesiąc',
    ledger: 'Rejestr',
    all: 'Wszystkie',
    search: 'Odbiorca',
    searchHint: 'imię, nazwa lub numer',
    superseded: 'Pokaż zastąpione wersje',
    none: 'Brak zestawień dla tego filtra',
    number: 'Numer',
    recipient: 'Odbiorca',
    state: 'Stan',
    lines: 'Pozycji',
    total: 'Razem',
    files: 'Pliki',
    current: 'aktualne',
    replaced: 'zastąpione nowszą wersją',
    final: 'ostateczne (miesiąc zamknięty)',
    revision: (n: number) => `wersja ${n}`,
    inquiries: (n: number) =>
      `${formatNumber(n, 'pl')} ${plPlural(n, 'otwarte pytanie', 'otwarte pytania', 'otwartych pytań')}`,
    download: (format: string, number: string) => `Pobierz ${format}: ${number}`,
    firm: 'Firma (od dostawcy)',
    advisor: 'Doradca',
    partner: 'Partner',
    unit: 'Oddział',
    waitingTitle: 'Jeszcze bez zestawienia',
    waitingNone: 'Każdy odbiorca z zatwierdzonymi liniami ma zestawienie.',
    waits: (n: number) => `${linesPl(n)} ${plPlural(n, 'czeka', 'czekają', 'czeka', 'czeka')} na zatwierdzenie`,
    outdated: 'obecne zestawienie jest nieaktualne do czasu ich zatwierdzenia',
    count: (n: number) => `${formatNumber(n, 'pl')} ${plPlural(n, 'zestawienie', 'zestawienia', 'zestawień')}`,
  },
  en: {
    title: 'Commission statements',
    filters: 'Statement filters',
    period: 'Month',
    ledger: 'Ledger',
    all: 'All',
    search: 'Recipient',
    searchHint: 'name or number',
    superseded: 'Show replaced revisions',
    none: 'No statements match this filter',
    number: 'Number',
    recipient: 'Recipient',
    state: 'State',
    lines: 'Lines',
    total: 'Total',
    files: 'Files',
    current: 'current',
    replaced: 'replaced by a newer revision',
    final: 'final (month closed)',
    revision: (n: number) => `revision ${n}`,
    inquiries: (n: number) => `${formatNumber(n, 'en')} open ${enPlural(n, 'inquiry', 'inquiries')}`,
    download: (format: string, number: string) => `Download ${format}: ${number}`,
    firm: 'Firm (from the provider)',
    advisor: 'Advisor',
    partner: 'Partner',
    unit: 'Branch',
    waitingTitle: 'No statement yet',
    waitingNone: 'Every recipient with approved lines has a statement.',
    waits: (n: number) => `${linesEn(n)} waiting for approval`,
    outdated: 'the current statement is out of date until they are approved',
    count: (n: number) => `${formatNumber(n, 'en')} ${enPlural(n, 'statement', 'statements')}`,
  },
});

export type StatementState = 'current' | 'replaced' | 'final';

/** @example stateOf({ supersededAt: null, final: true }) // 'final' */
export function stateOf(s: Pick<StatementItem, 'supersededAt' | 'final'>): StatementState {
  if (s.supersededAt) return 'replaced';
  return s.final ? 'final' : 'current';
}

/**
 * Why a recipient's statement is not (yet, or no longer) what its lines say.
 * @example
 * waitingReason('pl', { pending: 3, statementId: null, … }) // '3 linie czekają na zatwierdzenie'
 */
export function waitingReason(lang: Lang, w: Pick<WaitingStatement, 'pending' | 'statementId'>): string {
  const base = t(lang, 'waits', w.pending);
  return w.statementId ? `${base}; ${t(lang, 'outdated')}` : base;
}

/** Whether a statement matches what a person typed into the recipient search (case and accents ignored). */
export function matchesSearch(s: Pick<StatementItem, 'recipientName' | 'number'>, q: string): boolean {
  const fold = (x: string) =>
    x.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
  const words = fold(q).split(/\s+/).filter(Boolean);
  const hay = fold(`${s.recipientName} ${s.number}`);
  return words.every((w) => hay.includes(w));
}
