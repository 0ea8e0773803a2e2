/**
 * @module reports/render/sample-statement
 * A plausible, clearly fictional advisor commission statement of any length, for tests, benchmarks
 * and demos of the renderers. Amounts are generated from the line number, never randomly, so two
 * calls give the same document.
 */
import type { TableColumn, TableDocument, TableRow } from './table-document.ts';

const clients = [
  'Zażółć gęślą jaźń',
  'Anna Nowak-Wiśniewska',
  'Łukasz Żółkiewski',
  'Małgorzata Śliwińska',
  'Ścibor Ćwikliński',
];
const products = [
  'Kredyt hipoteczny — Bank Przykładowy S.A., oprocentowanie zmienne, okres 30 lat, wkład własny 20%',
  'Pożyczka gotówkowa',
  'Ubezpieczenie na życie do kredytu',
  'Kredyt konsolidacyjny',
];

export const sampleColumns: TableColumn[] = [
  { key: 'no', label: 'Lp.', width: 0.55, align: 'right' },
  { key: 'date', label: 'Data wypłaty', kind: 'date', width: 1.05 },
  { key: 'client', label: 'Klient', width: 1.6 },
  { key: 'product', label: 'Produkt', width: 2.3 },
  { key: 'loan', label: 'Kwota kredytu', kind: 'money', width: 1.35 },
  { key: 'rate', label: 'Stawka', kind: 'percent', width: 0.7 },
  { key: 'fee', label: 'Prowizja', kind: 'money', width: 1.15 },
];

/** Line `i` of the sample statement (1-based). */
export function sampleRow(i: number): TableRow {
  const loan = 5_000_000 + ((i * 7_919_301) % 90_000_000); // 50 000 zł … 950 000 zł in grosze
  const rate = 50 + ((i * 37) % 150); // 0.50% … 1.99%
  return {
    no: i,
    date: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    client: clients[i % clients.length]!,
    product: products[i % products.length]!,
    loan,
    rate,
    // Integer grosze with round-half-up, as the commission engine's rule does.
    fee: Math.floor((loan * rate + 5_000) / 10_000),
  };
}

export function sampleRows(count: number): TableRow[] {
  return Array.from({ length: count }, (_, i) => sampleRow(i + 1));
}

/** A statement with `count` lines whose totals match its lines. */
export function sampleStatement(count: number, locale: 'pl' | 'en' = 'pl'): TableDocument {
  const rows = sampleRows(count);
  const feeMinor = rows.reduce((sum, r) => sum + (r.fee as number), 0);
  const taxMinor = Math.floor((feeMinor * 1200 + 5_000) / 10_000);
  return {
    title: 'Zestawienie prowizji doradcy',
    subtitle: 'Styczeń 2026 — kredyty hipoteczne i gotówkowe',
    issuer: {
      name: 'Przykładowe Kredyty Sp. z o.o.',
      lines: ['ul. Źródlana 12/4', '00-950 Warszawa', 'NIP 000-000-00-00'],
    },
    recipient: {
      name: 'Grzegorz Brzęczyszczykiewicz',
      lines: ['Doradca — grupa senior', 'ul. Łąkowa 3', '30-001 Kraków'],
    },
    meta: [
      ['Numer', 'ZP/2026/01/0042'],
      ['Okres', '01.01.2026 – 31.01.2026'],
      ['Data wystawienia', '01.02.2026'],
      ['Pozycji', String(count)],
    ],
    columns: sampleColumns,
    rows,
    totals: [
      ['Prowizja razem', feeMinor, 'fee'],
      ['Zaliczka na podatek (12%)', taxMinor],
      ['Do wypłaty', feeMinor - taxMinor],
    ],
    footer:
      'Dokument wygenerowany elektronicznie, nie wymaga podpisu. Przykładowe Kredyty Sp. z o.o., KRS ' +
      '0000000000, rejestr pośredników KNF RPH000000.',
    locale,
    currency: 'PLN',
    issuedAt: new Date('2026-02-01T09:00:00Z'),
  };
}
