/**
 * @module bench/render
 * Document renderers against the bare libraries they are built on:
 * (a) a 2,000-line statement through `renderTablePdf` vs plain pdf-lib drawing the same cell texts
 *     with the same subset-embedded fonts at fixed positions (no wrapping, no letterhead);
 * (b) a 100k-line XLSX through `writeTableXlsx` vs exceljs's streaming writer alone writing the same
 *     cell values and formats. Each XLSX run is a fresh child process, so its peak RSS is its own.
 * Run alone: `node --import tsx bench/render.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { loadDocumentFonts } from '../core/reports/render/fonts.ts';
import { calendarDay, formatCell, formatMoney, scaledDecimal } from '../core/reports/render/format-cell.ts';
import { sampleRow, sampleStatement } from '../core/reports/render/sample-statement.ts';
import type { TableDocument } from '../core/reports/render/table-document.ts';
import { renderTablePdf } from '../core/reports/render/table-pdf.ts';
import { minorToCellNumber, moneyFormat, writeTableXlsx } from '../core/reports/render/table-xlsx.ts';

const PDF_LINES = 2_000;
const PDF_REPS = 5;
const XLSX_LINES = 100_000;
const XLSX_REPS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (id: string, what: string, ours: number, baseline: number, unit: string, goal: string) =>
  `bench ${id} ${what}: ours=${ours.toFixed(0)}${unit} baseline=${baseline.toFixed(0)}${unit} ` +
  `ratio=${(ours / baseline).toFixed(2)} goal=${goal}`;

/** Plain pdf-lib: the same texts in the same fonts, 50 lines a page, header row on each page. */
async function barePdf(doc: TableDocument): Promise<Uint8Array> {
  const fonts = await loadDocumentFonts();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const x = [42, 70, 130, 210, 340, 420, 470];
  let page = pdf.addPage([595.28, 841.89]);
  let y = 0;
  const top = () => {
    y = 790;
    doc.columns.forEach((c, i) => page.drawText(c.label, { x: x[i]!, y, size: 7.5, font: bold }));
    y -= 14;
  };
  top();
  for (const row of doc.rows as Iterable<Record<string, string | number | null>>) {
    if (y < 60) {
      page = pdf.addPage([595.28, 841.89]);
      top();
    }
    doc.columns.forEach((c, i) =>
      page.drawText(formatCell(c, row[c.key], doc.locale), { x: x[i]!, y, size: 8, font: regular }),
    );
    y -= 14;
  }
  for (const [label, amountMinor] of doc.totals ?? []) {
    page.drawText(`${label} ${formatMoney(amountMinor, doc.locale)}`, { x: 340, y, size: 9, font: bold });
    y -= 14;
  }
  return pdf.save();
}

async function benchPdf(): Promise<string> {
  const doc = sampleStatement(PDF_LINES);
  await renderTablePdf(doc); // warm up both: JIT, font parsing
  await barePdf(doc);
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < PDF_REPS; i += 1) {
    let t = performance.now();
    await renderTablePdf(doc);
    ours.push(performance.now() - t);
    t = performance.now();
    await barePdf(doc);
    bare.push(performance.now() - t);
  }
  return line(
    'render-pdf-2000',
    `${PDF_LINES}-line statement PDF, median of ${PDF_REPS} (ms)`,
    median(ours),
    median(bare),
    'ms',
    '<=1.5',
  );
}

/** exceljs's streaming writer alone: same cells, formats and title rows, nothing else. */
async function bareXlsx(
  doc: TableDocument,
  rows: AsyncIterable<Record<string, string | number | null>>,
  path: string,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.columns = doc.columns.map((c) => ({
    key: c.key,
    width: 14,
    style:
      c.kind === 'money'
        ? { numFmt: moneyFormat.pl }
        : c.kind === 'date'
          ? { numFmt: 'dd.mm.yyyy' }
          : c.kind === 'percent'
            ? { numFmt: '0.00%' }
            : {},
  }));
  sheet.addRow([doc.title]).commit();
  sheet.addRow(doc.columns.map((c) => c.label)).commit();
  for await (const row of rows) {
    sheet
      .addRow(
        doc.columns.map((c) => {
          const v = row[c.key];
          if (v === null || v === undefined) return null;
          if (c.kind === 'money') return minorToCellNumber(v as number);
          if (c.kind === 'percent') return Number(scaledDecimal(v as number, 4));
          if (c.kind === 'date') return new Date(`${calendarDay(v)}T00:00:00Z`);
          return v;
        }),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** One XLSX run in this process: prints `{ ms, peakRss }` as JSON. */
async function xlsxCase(which: 'ours' | 'bare'): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 10);
  // Sampled from inside the row source too: a writer that never yields would starve the timer.
  async function* rows() {
    for (let i = 1; i <= XLSX_LINES; i += 1) {
      if (i % 1000 === 0) sample();
      yield sampleRow(i);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'render-bench-'));
  const doc = { ...sampleStatement(0), rows: rows(), totals: [] };
  const t = performance.now();
  if (which === 'ours') await writeTableXlsx(doc, join(dir, 'ours.xlsx'));
  else await bareXlsx(doc, rows(), join(dir, 'bare.xlsx'));
  const ms = performance.now() - t;
  sample();
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ ms, peakRss: peak }));
}

function runChild(which: 'ours' | 'bare'): { ms: number; peakRss: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--xlsx-case', which],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; peakRss: number };
}

function benchXlsx(): string[] {
  const ours: Array<{ ms: number; peakRss: number }> = [];
  const bare: Array<{ ms: number; peakRss: number }> = [];
  for (let i = 0; i < XLSX_REPS; i += 1) {
    ours.push(runChild('ours'));
    bare.push(runChild('bare'));
  }
  const mb = (xs: Array<{ peakRss: number }>) => Math.max(...xs.map((x) => x.peakRss)) / 2 ** 20;
  return [
    line(
      'render-xlsx-100k',
      `${XLSX_LINES}-line XLSX, median of ${XLSX_REPS} (ms)`,
      median(ours.map((x) => x.ms)),
      median(bare.map((x) => x.ms)),
      'ms',
      '<=1.3',
    ),
    line(
      'render-xlsx-100k-rss',
      `${XLSX_LINES}-line XLSX, peak RSS of the process (MiB)`,
      mb(ours),
      mb(bare),
      'MiB',
      'report',
    ),
  ];
}

/** Runs both benchmarks; one line per measure. */
export async function run(): Promise<string[]> {
  return [await benchPdf(), ...benchXlsx()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--xlsx-case');
  if (at !== -1) await xlsxCase(process.argv[at + 1] === 'bare' ? 'bare' : 'ours');
  else for (const text of await run()) console.log(text);
}
