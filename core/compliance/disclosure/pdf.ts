/**
 * @module compliance/disclosure/pdf
 * The disclosure as an A4 PDF in Polish, through the reports' table renderer (pdf-lib with the
 * bundled DejaVu faces, so Polish letters are real text): the firm and the client as the parties,
 * the advisor's KNF number and status, the lenders, and the remuneration as the total. The same
 * document gives the same bytes.
 */
import { renderTablePdf, type TableRow } from '../../reports/index.ts';
import type { DisclosureDocument } from './document.ts';

const agentPl = {
  tied: 'pośrednik kredytu hipotecznego powiązany (działa na rzecz wymienionych kredytodawców)',
  independent: 'pośrednik kredytu hipotecznego niezależny',
} as const;

/**
 * @example
 * const bytes = await disclosurePdf(await disclosureDocument(ctx, clientId, offer), new Date());
 */
export function disclosurePdf(doc: DisclosureDocument, issuedAt: Date): Promise<Uint8Array> {
  const rows: TableRow[] = [
    { item: 'Pośrednik kredytowy', value: `${doc.firm.name}, nr w rejestrze KNF: ${doc.firm.knfNumber}` },
    { item: 'Doradca (agent)', value: `${doc.advisor.name}, nr w rejestrze KNF: ${doc.advisor.knfNumber}` },
    { item: 'Status pośrednika', value: agentPl[doc.advisor.agentType] },
    { item: 'Kredytodawcy, z którymi współpracujemy', value: doc.lenders.map((l) => l.name).join(', ') || '—' },
    { item: 'Oferowany kredyt', value: `${doc.product.providerName}: ${doc.product.productName}` },
    { item: 'Wynagrodzenie od kredytodawcy', value: doc.remuneration.pl },
  ];
  return renderTablePdf({
    title: 'Informacja przed zawarciem umowy o kredyt hipoteczny',
    subtitle: 'art. 17 ustawy o kredycie hipotecznym oraz o nadzorze nad pośrednikami kredytu hipotecznego i agentami',
    issuer: { name: doc.firm.name, lines: [`Nr w rejestrze pośredników kredytowych KNF: ${doc.firm.knfNumber}`] },
    recipient: { name: doc.client.name ?? 'Klient', lines: [`Sprawa: ${doc.client.id}`] },
    meta: [
      ['Data', doc.issuedOn],
      ['Doradca', doc.advisor.name],
    ],
    columns: [
      { key: 'item', label: 'Informacja', width: 2 },
      { key: 'value', label: 'Treść', width: 4 },
    ],
    rows,
    totals: [
      ['Kwota kredytu', doc.amountMinor],
      ['Wynagrodzenie, które otrzyma pośrednik od kredytodawcy', doc.remuneration.firmMinor],
    ],
    footer:
      'Dokument przekazany na trwałym nośniku przed zawarciem umowy. Wynagrodzenie obliczono według zasad ' +
      'prowizyjnych firmy dla podanej kwoty; kredytodawca wypłaca je pośrednikowi po uruchomieniu kredytu.',
    locale: 'pl',
    currency: 'PLN',
    issuedAt,
  });
}
