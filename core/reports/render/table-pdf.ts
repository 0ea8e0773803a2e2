/**
 * @module reports/render/table-pdf
 * A table document (a commission statement, a report) as an A4 PDF: letterhead on the first page,
 * the table with its header row repeated on every page, totals after it, then any figures (charts),
 * and "Strona X z N" on every page. Rendering is deterministic: dates come from `issuedAt`, the
 * producer is fixed, the trailer ID is a hash of the content and pdf-lib's name suffixes come from
 * its seeded generator, so the same input gives the same bytes (a stored statement can be
 * re-rendered and compared).
 */
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import { createColumnSums } from './column-sums.ts';
import { ellipsize, fitText } from './fit-text.ts';
import { formatCell, formatMoney } from './format-cell.ts';
import { loadDocumentFonts } from './fonts.ts';
import { A4, contentWidth, drawFooter, drawLetterhead, drawRunningHeader, margin } from './pdf-frame.ts';
import { createPdfPen, ink } from './pdf-pen.ts';
import type { PdfPen } from './pdf-pen.ts';
import { alignOf } from './table-document.ts';
import type { TableColumn, TableDocument } from './table-document.ts';

const body = { size: 8, lineHeight: 10, padX: 4, padY: 4, maxLines: 3 } as const;
const head = { size: 7.5, lineHeight: 9.5, maxLines: 2 } as const;
const PRODUCER = 'broker-crm reports (pdf-lib)';

interface Placed {
  column: TableColumn;
  x: number;
  width: number;
}
/** A cell's lines and the size they are drawn at (amounts too wide for their column are shrunk). */
interface Cell {
  lines: string[];
  size: number;
}
const minShrunkSize = 5.5;

/**
 * Renders `doc` to PDF bytes.
 * @example
 * const bytes = await renderTablePdf({
 *   title: 'Zestawienie prowizji', issuer: { name: 'Kredyty Sp. z o.o.', lines: [] },
 *   recipient: { name: 'Jan Kowalski', lines: [] }, meta: [['Okres', '01.2026']],
 *   columns: [{ key: 'client', label: 'Klient' }, { key: 'fee', label: 'Prowizja', kind: 'money' }],
 *   rows: [{ client: 'Zażółć gęślą jaźń', fee: 123456 }], totals: [['Razem', 123456, 'fee']],
 *   locale: 'pl', currency: 'PLN', issuedAt: new Date('2026-02-01T09:00:00Z'),
 * });
 * await writeFile('statement.pdf', bytes);
 */
export async function renderTablePdf(doc: TableDocument): Promise<Uint8Array> {
  const fonts = await loadDocumentFonts();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const pen = createPdfPen(
    await pdf.embedFont(fonts.regular, { subset: true }),
    await pdf.embedFont(fonts.bold, { subset: true }),
  );
  const digest = createHash('sha256').update(
    JSON.stringify([doc.title, doc.subtitle, doc.issuer, doc.recipient, doc.meta, doc.columns]),
  );

  const placed = placeColumns(doc.columns);
  const sums = createColumnSums(doc.columns);
  let page = pdf.addPage(A4);
  let y = drawLetterhead(page, pen, doc);
  y = drawHeaderRow(page, pen, placed, y);
  const newPage = (): void => {
    page = pdf.addPage(A4);
    y = drawRunningHeader(page, pen, doc);
  };

  let index = 0;
  for await (const row of doc.rows) {
    sums.add(row);
    const cells = placed.map(({ column, width }): Cell => {
      const text = formatCell(column, row[column.key], doc.locale);
      const inner = width - 2 * body.padX;
      // Only prose wraps: a number broken over two lines ("200" / "0") would be misread.
      if ((column.kind ?? 'text') === 'text' && typeof row[column.key] === 'string') {
        return { lines: fitText(text, inner, pen.measure(body.size), body.maxLines), size: body.size };
      }
      // An amount cut short would state a different amount: shrink it to fit instead.
      const natural = pen.width(text, body.size);
      if (natural <= inner) return { lines: [text], size: body.size };
      const size = Math.max(minShrunkSize, (body.size * inner) / natural);
      return { lines: [ellipsize(text, inner, pen.measure(size))], size };
    });
    digest.update(JSON.stringify(cells));
    const height = Math.max(...cells.map((cell) => cell.lines.length)) * body.lineHeight + 2 * body.padY;
    if (y - height < margin.bottom) {
      newPage();
      y = drawHeaderRow(page, pen, placed, y);
    }
    if (index % 2 === 1)
      page.drawRectangle({ x: margin.x, y: y - height, width: contentWidth, height, color: ink.stripe });
    drawCells(page, pen, placed, cells, y, body, false);
    y -= height;
    index += 1;
  }
  sums.check(doc.totals);
  page.drawLine({
    start: { x: margin.x, y },
    end: { x: margin.x + contentWidth, y },
    thickness: 0.8,
    color: ink.muted,
  });

  const totals = doc.totals ?? [];
  if (totals.length > 0) {
    const needed = 14 + totals.length * 15;
    if (y - needed < margin.bottom) newPage();
    y = drawTotals(
      page,
      pen,
      totals.map(([label, amountMinor]) => [label, formatMoney(amountMinor, doc.locale)]),
      y - 14,
    );
    digest.update(JSON.stringify(totals));
  }

  for (const figure of doc.figures ?? []) {
    if (y - 18 - figure.height < margin.bottom) newPage();
    else y -= 18;
    figure.draw(page, pen, { x: margin.x, top: y, width: contentWidth });
    y -= figure.height;
  }

  const pages = pdf.getPages();
  pages.forEach((p, i) => drawFooter(p, pen, doc, i + 1, pages.length));
  setMetadata(pdf, doc, digest.digest('hex').slice(0, 32));
  return pdf.save();
}

/** Shares the content width among columns by their relative widths. */
function placeColumns(columns: readonly TableColumn[]): Placed[] {
  const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
  let x = margin.x;
  return columns.map((column) => {
    const width = (contentWidth * (column.width ?? 1)) / total;
    const slot = { column, x, width };
    x += width;
    return slot;
  });
}

function drawCells(
  page: PDFPage,
  pen: PdfPen,
  placed: Placed[],
  cells: Cell[],
  top: number,
  style: { size: number; lineHeight: number },
  bold: boolean,
): void {
  placed.forEach(({ column, x, width }, i) => {
    const right = alignOf(column) === 'right';
    const { lines = [], size = style.size } = cells[i] ?? {};
    lines.forEach((line, n) => {
      // The first baseline sits one ascent (~0.8 em) below the padded top of the row.
      const baseline = top - body.padY - n * style.lineHeight - style.size * 0.8 - (style.lineHeight - style.size) / 2;
      pen.write(page, line, {
        x: right ? x + width - body.padX : x + body.padX,
        y: baseline,
        size,
        bold,
        align: right ? 'right' : 'left',
        color: bold ? ink.accent : ink.text,
      });
    });
  });
}

function drawHeaderRow(page: PDFPage, pen: PdfPen, placed: Placed[], top: number): number {
  const cells = placed.map(({ column, width }) => ({
    lines: fitText(column.label, width - 2 * body.padX, pen.measure(head.size, true), head.maxLines),
    size: head.size,
  }));
  const height = Math.max(...cells.map((cell) => cell.lines.length)) * head.lineHeight + 2 * body.padY;
  page.drawRectangle({ x: margin.x, y: top - height, width: contentWidth, height, color: ink.headerFill });
  page.drawLine({
    start: { x: margin.x, y: top - height },
    end: { x: margin.x + contentWidth, y: top - height },
    thickness: 0.8,
    color: ink.accent,
  });
  drawCells(page, pen, placed, cells, top, head, true);
  return top - height;
}

/** Totals as a right-hand block: labels left, amounts right-aligned with the money column edge. */
function drawTotals(page: PDFPage, pen: PdfPen, lines: Array<[string, string]>, top: number): number {
  const width = Math.min(280, contentWidth / 2);
  const left = margin.x + contentWidth - width;
  const right = margin.x + contentWidth - body.padX;
  let y = top;
  lines.forEach(([label, amount], i) => {
    const last = i === lines.length - 1;
    if (last && lines.length > 1)
      page.drawLine({
        start: { x: left, y: y + 4 },
        end: { x: margin.x + contentWidth, y: y + 4 },
        thickness: 0.6,
        color: ink.rule,
      });
    const size = last ? 10 : 9;
    const amountWidth = pen.width(amount, size, true);
    pen.write(page, ellipsize(label, width - amountWidth - 12, pen.measure(size, last)), {
      x: left + body.padX,
      y: y - size,
      size,
      bold: last,
    });
    pen.write(page, amount, { x: right, y: y - size, size, bold: true, align: 'right' });
    y -= 15;
  });
  return y;
}

function setMetadata(pdf: PDFDocument, doc: TableDocument, id: string): void {
  pdf.setTitle(doc.title);
  if (doc.subtitle) pdf.setSubject(doc.subtitle);
  pdf.setAuthor(doc.issuer.name);
  pdf.setCreator(PRODUCER);
  pdf.setProducer(PRODUCER);
  pdf.setLanguage(doc.locale === 'pl' ? 'pl-PL' : 'en-GB');
  pdf.setCreationDate(doc.issuedAt);
  pdf.setModificationDate(doc.issuedAt);
  // pdf-lib writes no trailer ID; a content hash gives readers a stable one instead of a random one.
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
