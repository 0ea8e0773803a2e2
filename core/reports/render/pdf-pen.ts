/**
 * @module reports/render/pdf-pen
 * Writing text on PDF pages with two embedded faces. Widths are summed from a per-character cache
 * rather than by laying out each string through fontkit: a 2,000-line statement measures tens of
 * thousands of strings while fitting cells, and per-character lookups keep that cheap. DejaVu has
 * no kerning that changes advance widths, so the sums match what is drawn.
 */
import { rgb } from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import type { Measure } from './fit-text.ts';

export const ink = {
  text: rgb(0.11, 0.14, 0.19),
  muted: rgb(0.39, 0.44, 0.5),
  accent: rgb(0.12, 0.23, 0.37),
  rule: rgb(0.78, 0.82, 0.86),
  headerFill: rgb(0.91, 0.93, 0.96),
  stripe: rgb(0.965, 0.973, 0.98),
};

export interface TextOptions {
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold?: boolean;
  color?: Color;
  /** With `right`, `x` is where the text ends. */
  align?: 'left' | 'right';
}

export interface PdfPen {
  width(text: string, size: number, bold?: boolean): number;
  measure(size: number, bold?: boolean): Measure;
  write(page: PDFPage, text: string, options: TextOptions): void;
}

/**
 * @example
 * const pen = createPdfPen(regular, bold);
 * pen.write(page, 'Zażółć gęślą jaźń', { x: 40, y: 800, size: 10 });
 */
export function createPdfPen(regular: PDFFont, bold: PDFFont): PdfPen {
  const unitWidths = [new Map<string, number>(), new Map<string, number>()] as const;
  const width = (text: string, size: number, isBold = false): number => {
    const font = isBold ? bold : regular;
    const cache = unitWidths[isBold ? 1 : 0];
    let units = 0;
    for (const ch of text) {
      let w = cache.get(ch);
      if (w === undefined) { w = font.widthOfTextAtSize(ch, 1); cache.set(ch, w); }
      units += w;
    }
    return units * size;
  };
  return {
    width,
    measure: (size, isBold) => (text) => width(text, size, isBold),
    write(page, text, { x, y, size, bold: isBold = false, color = ink.text, align = 'left' }) {
      if (text === '') return;
      const left = align === 'right' ? x - width(text, size, isBold) : x;
      page.drawText(text, { x: left, y, size, font: isBold ? bold : regular, color });
    },
  };
}
