import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatMoney } from './format-cell.ts';
import { sampleRows, sampleStatement } from './sample-statement.ts';
import type { TableDocument } from './table-document.ts';
import { renderTablePdf } from './table-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'table-pdf-'));
/** The text of each page, as poppler's pdftotext reads it (pages split on form feed). */
function pagesText(bytes: Uint8Array, name: string): string[] {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .replace(/[\u00a0\u202f]/g, ' ')
    .split('\f')
    .filter((page) => page.trim() !== '');
}
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('renderTablePdf: a 2,000-line statement', () => {
  const doc = sampleStatement(2000);
  let bytes: Uint8Array;
  let pages: string[];
  beforeAll(async () => {
    bytes = await renderTablePdf(doc);
    pages = pagesText(bytes, 'long.pdf');
  });

  it('parses back as an A4 PDF with many pages and its metadata', async () => {
    const parsed = await PDFDocument.load(bytes);
    expect(parsed.getPageCount()).toBeGreaterThan(40);
    expect(parsed.getPageCount()).toBe(pages.length);
    const { width, height } = parsed.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(parsed.getTitle()).toBe('Zestawienie prowizji doradcy');
    expect(parsed.getCreationDate()?.toISOString()).toBe('2026-02-01T09:00:00.000Z');
  });

  it('numbers every page "Strona i z N" and repeats the table header on it', () => {
    pages.forEach((page, i) => {
      expect(page).toContain(`Strona ${i + 1} z ${pages.length}`);
      expect(page).toMatch(/Kwota kredytu\s+Stawka\s+Prowizja/);
      expect(page).toContain('Dokument wygenerowany elektronicznie');
    });
  });

  it('writes Polish letters, every line and the totals', () => {
    const all = pages.join('\n');
    expect(all).toContain('Zażółć gęślą jaźń');
    expect(all).toContain('Grzegorz Brzęczyszczykiewicz');
    expect(all).toMatch(/\b2000\s+\d\d\.01\.2026/);
    for (const [label, amountMinor] of doc.totals!) {
      expect(pages.at(-1)).toMatch(
        new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+${plain(formatMoney(amountMinor, 'pl'))}`),
      );
    }
  });

  it('right-aligns money: every "zł" on a page ends at one of the two money column edges', () => {
    const file = join(dir, 'long.pdf');
    const html = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    const edges = [...html.matchAll(/xMax="([\d.]+)"[^>]*>zł</g)].map((m) => Math.round(Number(m[1])));
    expect(edges.length).toBeGreaterThan(40); // two amounts per line
    expect(new Set(edges).size).toBe(2); // left-aligned amounts of varying length would end anywhere
  });
});

describe('renderTablePdf: determinism and checks', () => {
  const small = (): TableDocument => ({ ...sampleStatement(25, 'en'), title: 'Commission statement' });

  it('gives byte-identical output for identical input', async () => {
    const a = await renderTablePdf(small());
    // The clock moves an hour (fake Date only; I/O and timers stay real): a clock-dated file would now differ.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    const b = await renderTablePdf(small()).finally(() => vi.useRealTimers());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = await renderTablePdf({ ...small(), issuedAt: new Date('2026-03-01T00:00:00Z') });
    expect(Buffer.from(a).equals(Buffer.from(other))).toBe(false);
  });

  it('accepts rows from an async stream and writes English labels', async () => {
    async function* rows() {
      for (const row of sampleRows(5)) yield row;
    }
    const doc = { ...small(), rows: rows(), totals: [] };
    const [page] = pagesText(await renderTablePdf(doc), 'en.pdf');
    expect(page).toContain('Page 1 of 1');
    expect(page).toContain('PLN ');
    expect(page).toContain('RECIPIENT');
  });

  it('cuts text that cannot fit its column with an ellipsis instead of overflowing', async () => {
    const long = 'Bardzo długi opis produktu '.repeat(20);
    const doc = { ...small(), rows: [{ no: 1, client: 'x', product: long, fee: 1 }], totals: [] };
    const [page] = pagesText(await renderTablePdf(doc), 'cut.pdf');
    expect(page).toContain('…');
    expect(page!.match(/Bardzo/g)!.length).toBeLessThan(20);
  });

  it('shrinks an amount too wide for its column rather than cutting digits off', async () => {
    const huge = 999_999_999_999;
    const doc = {
      ...small(),
      locale: 'pl' as const,
      rows: [{ no: 1, client: 'x', product: 'y', fee: huge }],
      totals: [],
    };
    const [page] = pagesText(await renderTablePdf(doc), 'wide.pdf');
    expect(page).toContain(plain(formatMoney(huge, 'pl')));
  });

  it('refuses a statement whose total disagrees with its lines', async () => {
    const doc = { ...small(), totals: [['Total', 1, 'fee'] as const] };
    await expect(renderTablePdf(doc)).rejects.toThrow(/adds up to/);
  });
});
