/**
 * @module commissions/statements/document
 * The content of one statement: who issues it (the firm), to whom (an advisor, a partner firm, a
 * unit, or a provider — what the firm must receive from that bank), the month, the approved lines
 * in a stable order and their total. Plain data; the renderers lay it out.
 */
import type { FirmSections } from '../../config/index.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import type { TableColumn, TableRow } from '../../reports/index.ts';
import type { Ledger } from '../rules/schema.ts';
import type { LineRow } from '../ledger/insert-lines.ts';
import type { StoredDocument } from './render.ts';

export interface StatementLine {
  line: LineRow;
  saleDate: string;
  productName: string;
  providerName: string;
  saleAmountMinor: number;
}

const titles: Record<Ledger, string> = {
  firm: 'Zestawienie prowizji należnych od dostawcy',
  advisor: 'Zestawienie prowizji doradcy',
  partner: 'Zestawienie wynagrodzenia partnera',
  unit: 'Zestawienie prowizji oddziału',
};
const kindWords: Record<LineRow['kind'], string> = {
  proposal: 'prowizja',
  adjustment: 'korekta',
  clawback: 'storno',
  reserve: 'rezerwa (stornofond)',
};
const months = [
  'styczeń',
  'luty',
  'marzec',
  'kwiecień',
  'maj',
  'czerwiec',
  'lipiec',
  'sierpień',
  'wrzesień',
  'październik',
  'listopad',
  'grudzień',
];

export const statementColumns: TableColumn[] = [
  { key: 'no', label: 'Lp.', width: 0.45, align: 'right' },
  { key: 'date', label: 'Data', kind: 'date', width: 0.95 },
  { key: 'product', label: 'Produkt', width: 2.3 },
  { key: 'kind', label: 'Rodzaj', width: 0.85 },
  { key: 'sale', label: 'Kwota sprzedaży', kind: 'money', width: 1.3 },
  { key: 'rule', label: 'Reguła', width: 1.5 },
  { key: 'amount', label: 'Kwota', kind: 'money', width: 1.15 },
];

/**
 * @example
 * const doc = statementDocument(config, { ledger: 'advisor', period: '2026-03', number: 'PR/2026/03/D/0001',
 *   recipient: { name: 'Anna Nowak', lines: [] }, lines, issuedAt });
 */
export function statementDocument(
  config: Pick<FirmSections, 'firm'>,
  s: {
    ledger: Ledger;
    period: string;
    number: string;
    revision: number;
    recipient: { name: string; lines: string[] };
    lines: StatementLine[];
    issuedAt: Date;
  },
): StoredDocument & { totalMinor: number } {
  const sorted = [...s.lines].sort(
    (a, b) =>
      a.saleDate.localeCompare(b.saleDate) ||
      a.line.createdAt.getTime() - b.line.createdAt.getTime() ||
      a.line.id.localeCompare(b.line.id),
  );
  const rows: TableRow[] = sorted.map((x, i) => {
    const clawDate = (x.line.explanation as { clawback?: { date?: string } }).clawback?.date;
    return {
      no: i + 1,
      date: clawDate ?? x.saleDate,
      product: `${x.productName} — ${x.providerName}`,
      kind: x.line.missing ? `${kindWords[x.line.kind]} (ręcznie)` : kindWords[x.line.kind],
      sale: x.saleAmountMinor,
      rule: x.line.ruleId ? `${x.line.ruleId} v${x.line.ruleVersion}` : '—',
      amount: x.line.amountMinor,
    };
  });
  const totalMinor = sorted.reduce((sum, x) => sum + x.line.amountMinor, 0);
  const [y, m] = s.period.split('-') as [string, string];
  const firm = config.firm as { name: string; knfNumber?: string };
  return {
    title: titles[s.ledger],
    subtitle: `${months[Number(m) - 1]} ${y}`,
    issuer: { name: firm.name, lines: firm.knfNumber ? [`Rejestr KNF: ${firm.knfNumber}`] : [] },
    recipient: s.recipient,
    meta: [
      ['Numer', s.number],
      ['Okres', `${s.period}`],
      ['Wersja', String(s.revision)],
      ['Data wystawienia', saleDateOf(s.issuedAt, config.firm.timeZone)],
      ['Pozycji', String(rows.length)],
    ],
    columns: statementColumns,
    rows,
    totals: [['Razem', totalMinor, 'amount']],
    footer: `${firm.name}. Dokument wygenerowany elektronicznie z zatwierdzonych pozycji, nie wymaga podpisu.`,
    locale: 'pl',
    currency: 'PLN',
    issuedAt: s.issuedAt.toISOString(),
    totalMinor,
  };
}
