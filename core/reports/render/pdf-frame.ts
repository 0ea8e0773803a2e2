/**
 * @module reports/render/pdf-frame
 * Everything on a page that is not the table: the first page's letterhead (issuer, recipient,
 * title, meta), the slim running header of later pages, and the footer with "Strona 3 z 7".
 * Each function draws from a top edge and returns where the next content may start.
 */
import type { PDFPage } from 'pdf-lib';
import { ellipsize, fitText } from './fit-text.ts';
import { renderLabels } from './labels.ts';
import { ink } from './pdf-pen.ts';
import type { PdfPen } from './pdf-pen.ts';
import type { Party, TableDocument } from './table-document.ts';

export const A4: [number, number] = [595.28, 841.89];
export const margin = { x: 42, top: 44, bottom: 56 } as const;
export const contentWidth = A4[0] - 2 * margin.x;

type HeaderDoc = Pick<TableDocument, 'title' | 'subtitle' | 'issuer' | 'recipient' | 'meta' | 'locale'>;

function rule(page: PDFPage, y: number, thickness = 0.6, color = ink.rule): void {
  page.drawLine({ start: { x: margin.x, y }, end: { x: margin.x + contentWidth, y }, thickness, color });
}

function drawParty(
  page: PDFPage,
  pen: PdfPen,
  label: string,
  party: Party,
  x: number,
  top: number,
  width: number,
): number {
  let y = top - 7;
  pen.write(page, label.toUpperCase(), { x, y, size: 6.5, bold: true, color: ink.muted });
  y -= 13;
  pen.write(page, ellipsize(party.name, width, pen.measure(10, true)), { x, y, size: 10, bold: true });
  for (const line of party.lines) {
    y -= 11;
    pen.write(page, ellipsize(line, width, pen.measure(8.5)), { x, y, size: 8.5, color: ink.text });
  }
  return y;
}

/** The first page's letterhead; returns the y where the table may start. */
export function drawLetterhead(page: PDFPage, pen: PdfPen, doc: HeaderDoc): number {
  const labels = renderLabels[doc.locale];
  const half = (contentWidth - 32) / 2;
  const top = A4[1] - margin.top;
  const partiesBottom = Math.min(
    drawParty(page, pen, labels.issuer, doc.issuer, margin.x, top, half),
    drawParty(page, pen, labels.recipient, doc.recipient, margin.x + half + 32, top, half),
  );
  let y = partiesBottom - 30;
  pen.write(page, ellipsize(doc.title, contentWidth, pen.measure(17, true)), {
    x: margin.x,
    y,
    size: 17,
    bold: true,
    color: ink.accent,
  });
  if (doc.subtitle) {
    y -= 15;
    pen.write(page, ellipsize(doc.subtitle, contentWidth, pen.measure(10)), {
      x: margin.x,
      y,
      size: 10,
      color: ink.muted,
    });
  }
  return drawMeta(page, pen, doc.meta, y - 14);
}

/** Meta pairs as a band of small label-over-value cells, four to a row. */
function drawMeta(page: PDFPage, pen: PdfPen, meta: HeaderDoc['meta'], top: number): number {
  if (meta.length === 0) return top - 4;
  const perRow = Math.min(4, meta.length);
  rule(page, top);
  let y = top;
  for (let i = 0; i < meta.length; i += perRow) {
    const cells = meta.slice(i, i + perRow);
    // Cells as wide as their text when the row fits (a period is longer than a number), else equal.
    const natural = cells.map(
      ([label, value]) => Math.max(pen.width(label.toUpperCase(), 6.5, true), pen.width(value, 9.5, true)) + 24,
    );
    const fits = natural.reduce((a, b) => a + b, 0) <= contentWidth;
    const widths = fits
      ? natural.map((w) => w + (contentWidth - natural.reduce((a, b) => a + b, 0)) / perRow)
      : natural.map(() => contentWidth / perRow);
    let x = margin.x;
    cells.forEach(([label, value], j) => {
      const cell = widths[j]!;
      pen.write(page, ellipsize(label.toUpperCase(), cell - 10, pen.measure(6.5, true)), {
        x,
        y: y - 12,
        size: 6.5,
        bold: true,
        color: ink.muted,
      });
      pen.write(page, ellipsize(value, cell - 10, pen.measure(9.5, true)), { x, y: y - 25, size: 9.5, bold: true });
      x += cell;
    });
    y -= 33;
  }
  rule(page, y);
  return y - 16;
}

/** The header of every page after the first: the title and the meta values on one line. */
export function drawRunningHeader(page: PDFPage, pen: PdfPen, doc: HeaderDoc): number {
  const y = A4[1] - margin.top - 8;
  // The first two meta values (number, period) identify a loose page; the rest is on page one.
  const meta = doc.meta
    .slice(0, 2)
    .map(([, value]) => value)
    .join('  ·  ');
  const metaWidth = Math.min(pen.width(meta, 8), contentWidth / 2);
  pen.write(page, ellipsize(doc.title, contentWidth - metaWidth - 16, pen.measure(9, true)), {
    x: margin.x,
    y,
    size: 9,
    bold: true,
    color: ink.accent,
  });
  pen.write(page, ellipsize(meta, metaWidth, pen.measure(8)), {
    x: margin.x + contentWidth,
    y,
    size: 8,
    color: ink.muted,
    align: 'right',
  });
  rule(page, y - 8);
  return y - 22;
}

/** The footer: an optional note on the left and the page number on the right. */
export function drawFooter(
  page: PDFPage,
  pen: PdfPen,
  doc: Pick<TableDocument, 'footer' | 'locale'>,
  pageNo: number,
  pages: number,
): void {
  const y = margin.bottom - 24;
  rule(page, margin.bottom - 12);
  const number = renderLabels[doc.locale].page(pageNo, pages);
  const numberWidth = pen.width(number, 7.5);
  pen.write(page, number, { x: margin.x + contentWidth, y, size: 7.5, color: ink.muted, align: 'right' });
  if (!doc.footer) return;
  // Two lines hold a typical legal note (register numbers, tax id) without crowding the page.
  fitText(doc.footer, contentWidth - numberWidth - 24, pen.measure(7.5), 2).forEach((line, i) => {
    pen.write(page, line, { x: margin.x, y: y - i * 9, size: 7.5, color: ink.muted });
  });
}
