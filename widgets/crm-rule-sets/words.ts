/**
 * @module widgets/crm-rule-sets/words
 * The words of `<crm-rule-sets>` in Polish and English, and the rule checks' problems (written in
 * English by the server and the CLI) said in Polish for the common ones.
 */
import { defineTranslations, plPlural } from '../base/i18n.ts';

const kindPl: Record<string, string> = {
  provider: 'Dostawca',
  advisor: 'Doradca',
  partner: 'Partner',
  unit: 'Oddział',
};
const kindEn: Record<string, string> = { provider: 'Provider', advisor: 'Advisor', partner: 'Partner', unit: 'Branch' };

export const t = defineTranslations({
  pl: {
    title: 'Reguły prowizji',
    versions: 'Opublikowane wersje',
    version: 'Wersja',
    uploadedAt: 'Opublikowana',
    rules: 'Reguł',
    inForce: 'Zmiany od',
    why: 'Powód',
    description: 'Opis',
    draft: 'Szkic nowej wersji',
    noDraft: 'Nie ma otwartego szkicu. Skopiuj bieżącą wersję albo wczytaj plik lub wklej JSON.',
    copyCurrent: 'Kopiuj bieżącą wersję',
    file: 'Plik z regułami (JSON)',
    paste: 'albo wklej JSON',
    createDraft: 'Utwórz szkic z tekstu',
    editor: 'Reguły szkicu (JSON)',
    revision: (n: number, base: number | null) => `Rewizja ${n}, na bazie wersji ${base ?? '—'}`,
    save: 'Zapisz szkic',
    saved: 'Szkic zapisany.',
    discard: 'Odrzuć szkic',
    discardAsk: 'Odrzucić szkic? Zmiany przepadną.',
    discardYes: 'Tak, odrzuć',
    keep: 'Nie',
    discarded: 'Szkic odrzucony.',
    created: 'Szkic utworzony.',
    problems: (n: number) => `Problemy (${n}): szkicu nie można opublikować, dopóki ich nie poprawisz`,
    noProblems: 'Szkic jest poprawny.',
    warnings: 'Uwagi',
    at: (line: number, column: number) => `Wiersz ${line}, kolumna ${column}`,
    goTo: 'Przejdź do miejsca w edytorze',
    stale: 'Ktoś inny zapisał szkic w międzyczasie. Wczytano jego wersję — wprowadź swoje zmiany ponownie.',
    diff: (v: number | null) => `Zmiany względem wersji ${v ?? '—'}`,
    noChanges: 'Szkic nie zmienia żadnej reguły.',
    rule: 'Reguła',
    change: 'Zmiana',
    details: 'Szczegóły',
    added: 'dodana',
    removed: 'usunięta',
    changed: 'zmieniona',
    field: (f: string) => fieldPl[f] ?? f,
    simulation: 'Symulacja',
    simIntro:
      'Silnik prowizji przelicza sprzedaże z okresu ze szkicem zamiast obowiązujących reguł. Nic nie jest zapisywane.',
    from: 'Od dnia',
    to: 'Do dnia',
    simulate: 'Przelicz symulację',
    simulating: 'Przeliczanie…',
    simSales: (n: number, m: number) =>
      n === m
        ? `Przeliczono ${m} ${plPlural(m, 'sprzedaż', 'sprzedaże', 'sprzedaży', 'sprzedaży')}.`
        : `Przeliczono pierwsze ${n} z ${m} sprzedaży.`,
    recipient: 'Odbiorca',
    kind: (k: string) => kindPl[k] ?? k,
    oldTotal: 'Było',
    newTotal: 'Będzie',
    difference: 'Różnica',
    total: 'Razem',
    showLines: (n: number) => `Pozycje (${n})`,
    sale: 'Sprzedaż',
    product: 'Produkt',
    ledger: 'Księga',
    ruleNow: 'Reguła teraz',
    linesCapped: (n: number, m: number) => `Pokazano pierwsze ${n} z ${m} zmienionych pozycji.`,
    noSales: 'W tym okresie nie ma sprzedaży, które możesz zobaczyć.',
    publish: 'Publikacja',
    publishFrom: 'Obowiązuje od dnia',
    earliest: (d: string) => `Najwcześniej ${d}: wcześniejsze okresy są zamknięte.`,
    publishHint: 'Sprzedaże z tego dnia i późniejsze liczą się według szkicu, wcześniejsze — jak dotąd.',
    reason: 'Powód zmiany (trafia do dziennika zdarzeń)',
    publishBtn: 'Opublikuj szkic',
    published: (v: number, d: string) => `Opublikowano wersję ${v}, obowiązuje od ${d}.`,
    needReason: 'Podaj powód zmiany.',
    fixFirst: 'Popraw problemy w szkicu, aby zobaczyć zmiany, symulację i publikację.',
    loading: 'Ładowanie…',
  },
  en: {
    title: 'Commission rules',
    versions: 'Published versions',
    version: 'Version',
    uploadedAt: 'Published',
    rules: 'Rules',
    inForce: 'Changes from',
    why: 'Reason',
    description: 'Description',
    draft: 'Draft of a new version',
    noDraft: 'No draft is open. Copy the current version, or load a file or paste JSON.',
    copyCurrent: 'Copy the current version',
    file: 'Rule file (JSON)',
    paste: 'or paste JSON',
    createDraft: 'Create the draft from the text',
    editor: 'Draft rules (JSON)',
    revision: (n: number, base: number | null) => `Revision ${n}, based on version ${base ?? '—'}`,
    save: 'Save draft',
    saved: 'Draft saved.',
    discard: 'Discard draft',
    discardAsk: 'Discard the draft? The changes will be lost.',
    discardYes: 'Yes, discard',
    keep: 'No',
    discarded: 'Draft discarded.',
    created: 'Draft created.',
    problems: (n: number) => `Problems (${n}): the draft cannot be published until they are fixed`,
    noProblems: 'The draft is valid.',
    warnings: 'Notes',
    at: (line: number, column: number) => `Line ${line}, column ${column}`,
    goTo: 'Go to the place in the editor',
    stale: 'Someone else saved the draft meanwhile. Their version is loaded — make your changes again.',
    diff: (v: number | null) => `Changes against version ${v ?? '—'}`,
    noChanges: 'The draft changes no rule.',
    rule: 'Rule',
    change: 'Change',
    details: 'Details',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
    field: (f: string) => fieldEn[f] ?? f,
    simulation: 'Simulation',
    simIntro:
      "The commission engine recomputes the period's sales with the draft instead of the rules in force. " +
      'Nothing is saved.',
    from: 'From',
    to: 'To',
    simulate: 'Run the simulation',
    simulating: 'Computing…',
    simSales: (n: number, m: number) =>
      n === m ? `${m} sales recomputed.` : `The first ${n} of ${m} sales recomputed.`,
    recipient: 'Recipient',
    kind: (k: string) => kindEn[k] ?? k,
    oldTotal: 'Was',
    newTotal: 'Will be',
    difference: 'Difference',
    total: 'Total',
    showLines: (n: number) => `Lines (${n})`,
    sale: 'Sale',
    product: 'Product',
    ledger: 'Ledger',
    ruleNow: 'Rule now',
    linesCapped: (n: number, m: number) => `The first ${n} of ${m} changed lines are shown.`,
    noSales: 'No sales you may see in this period.',
    publish: 'Publishing',
    publishFrom: 'In force from',
    earliest: (d: string) => `${d} at the earliest: earlier periods are closed.`,
    publishHint: 'Sales dated that day or later use the draft; earlier ones keep their rules.',
    reason: 'Why the rules change (kept in the audit log)',
    publishBtn: 'Publish the draft',
    published: (v: number, d: string) => `Version ${v} published, in force from ${d}.`,
    needReason: 'Say why the rules change.',
    fixFirst: 'Fix the problems in the draft to see the changes, the simulation and publishing.',
    loading: 'Loading…',
  },
});

const fieldPl: Record<string, string> = {
  rate: 'stawka',
  validFrom: 'od dnia',
  validTo: 'do dnia',
  label: 'opis',
  ledger: 'księga',
  priority: 'priorytet',
  minMinor: 'minimum',
  maxMinor: 'maksimum',
  'when.product': 'produkt',
  'when.provider': 'dostawca',
};
const fieldEn: Record<string, string> = {
  rate: 'rate',
  validFrom: 'valid from',
  validTo: 'valid to',
  label: 'label',
  ledger: 'ledger',
  priority: 'priority',
  minMinor: 'minimum',
  maxMinor: 'maximum',
  'when.product': 'product',
  'when.provider': 'provider',
};

const OVERLAP = new RegExp(
  '^overlaps rule "([^"]+)" \\(([^)]+)\\): both would apply on the (\\w+) ledger to the same sale ' +
    'from (\\S+?)( until (\\S+?))?;',
);

/**
 * A rule check's problem in Polish for the common kinds (the original English otherwise).
 * @example
 * problemPl('overlaps rule "a" (/rules/0): both would apply on the firm ledger to the same sale from 2026-01-01; …')
 * // 'nakłada się na regułę „a” (/rules/0): obie objęłyby tę samą sprzedaż w księdze firm od 2026-01-01; …'
 */
export function problemPl(message: string): string {
  let m = OVERLAP.exec(message);
  if (m)
    return (
      `nakłada się na regułę „${m[1]}” (${m[2]}): obie objęłyby tę samą sprzedaż w księdze ${m[3]} od ${m[4]}` +
      `${m[6] ? ` do ${m[6]}` : ''}; zawęź warunki lub daty albo nadaj właściwej regule wyższy priorytet`
    );
  m = /^gap in the (\w+) rules( for product "([^"]+)")?: nothing applies from (\S+) until (\S+),/.exec(message);
  if (m)
    return (
      `luka w regułach księgi ${m[1]}${m[3] ? ` dla produktu „${m[3]}”` : ''}: od ${m[4]} do ${m[5]} ` +
      'nie obowiązuje żadna reguła, choć są reguły przed i po'
    );
  m = /^a rate must not be negative, got (.+)$/.exec(message);
  if (m) return `stawka nie może być ujemna (jest ${m[1]})`;
  m = /^unknown product "([^"]+)"/.exec(message);
  if (m) return `nieznany produkt „${m[1]}”: nie ma go w katalogu produktów`;
  m = /^the id "([^"]+)" is already used by (\S+)$/.exec(message);
  if (m) return `identyfikator „${m[1]}” jest już użyty w ${m[2]}`;
  m = /^unknown commission group "([^"]+)"/.exec(message);
  if (m) return `nieznana grupa prowizyjna „${m[1]}”`;
  m = /^JSON syntax: (.*)$/.exec(message);
  if (m) return `błąd składni JSON: ${m[1]}`;
  m = /^duplicate key "([^"]+)"$/.exec(message);
  if (m) return `klucz „${m[1]}” powtórzony`;
  return message;
}
