/**
 * @module reports/render/pdf-pen
 * Writing text on PDF pages with two embedded faces. Shaping a string through fontkit is the bulk
 * of a long statement's cost, so it is done at most once per distinct string: widths are summed
 * from a per-character cache (advance widths, which is also what pdf-lib's own measuring sums), and
 * encoded strings are reused (dates, names, products repeat down a statement). Text goes onto the
 * page as the same operators `page.drawText` emits, but with one font resource per face and page;
 * `drawText` adds a new resource every time the face changes.
 */
import { degrees, drawText, rgb } from 'pdf-lib';
import type { Color, PDFFont, PDFHexString, PDFName, PDFPage } from 'pdf-lib';
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
      if (w === undefined) {
        w = font.widthOfTextAtSize(ch, 1);
        cache.set(ch, w);
      }
      units += w;
    }
    return units * size;
  };
  const encoded = [new Map<string, PDFHexString>(), new Map<string, PDFHexString>()] as const;
  const encode = (text: string, isBold: boolean): PDFHexString => {
    const cache = encoded[isBold ? 1 : 0];
    let hex = cache.get(text);
    if (hex === undefined) {
      hex = (isBold ? bold : regular).encodeText(text);
      cache.set(text, hex);
    }
    return hex;
  };
  const fontKeys = new WeakMap<PDFPage, readonly [PDFName, PDFName]>();
  const fontKey = (page: PDFPage, isBold: boolean): PDFName => {
    let keys = fontKeys.get(page);
    if (!keys) {
      keys = [page.node.newFontDictionary(regular.name, regular.ref), page.node.newFontDictionary(bold.name, bold.ref)];
      fontKeys.set(page, keys);
    }
    return keys[isBold ? 1 : 0];
  };
  const upright = degrees(0);
  return {
    width,
    measure: (size, isBold) => (text) => width(text, size, isBold),
    write(page, text, { x, y, size, bold: isBold = false, color = ink.text, align = 'left' }) {
      if (text === '') return;
      const left = align === 'right' ? x - width(text, size, isBold) : x;
      page.pushOperators(
        ...drawText(encode(text, isBold), {
          x: left,
          y,
          size,
          color,
          font: fontKey(page, isBold),
          rotate: upright,
          xSkew: upright,
          ySkew: upright,
        }),
      );
    },
  };
}
