/**
 * A report's PDF: firm header, parameters, the table with totals, charts as vector drawings, page
 * numbers and Polish letters, read back with pdftotext (poppler) as a person would read it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportPdf, runReport } from '../core/reports/index.ts';
import { describeEngines } from './engines.ts';
import { reportsFirm, type ReportsFirm } from './fixtures/reports-firm.ts';

const dir = mkdtempSync(join(tmpdir(), 'crm-report-pdf-'));
const text = (bytes: Uint8Array, name: string) => {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  if (process.env.CRM_REPORT_PNG) execFileSync('pdftoppm', ['-png', '-r', '70', file, join(dir, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
};

describeEngines('reports: PDF', (database) => {
  let f: ReportsFirm;
  beforeAll(async () => {
    f = await reportsFirm(database());
  });
  afterAll(() => {
    if (process.env.CRM_REPORT_PNG) console.log(`PDF pages rendered to ${dir}`);
  });

  it('sales by branch: header, parameters, table, totals, chart labels, page numbers, Polish letters', async () => {
    const director = await f.crm.asUser(f.users.director.id);
    const r = await runReport(director, {
      type: 'sales',
      groupBy: 'branch',
      period: 'month',
      at: '2026-03-15',
      compare: true,
    });
    const t = text(await reportPdf(director, r, 'pl'), 'sales-branch');
    expect(t).toContain('Kredyt-Dom Doradcy Finansowi sp. z o.o.');
    expect(t).toContain('Zbigniew Wiśniewski');
    expect(t).toContain('Sprzedaż');
    expect(t).toMatch(/01\.03\.2026 – 31\.03\.2026/);
    expect(t).toMatch(/01\.02\.2026–28\.02\.2026/);
    expect(t).toMatch(/Gdańsk Wrzeszcz\s+2\s+250 000,00 zł\s+125 000,00 zł/);
    expect(t).toMatch(/Gdynia Centrum\s+2\s+400 000,00 zł/);
    expect(t).not.toContain('Kraków');
    expect(t).toMatch(/Razem\s+4\s+650 000,00 zł/);
    expect(t).toContain('Wolumen sprzedaży w czasie');
    expect(t).toMatch(/Strona 1 z \d/);
  });

  it('every report type renders, in English too, with its charts', async () => {
    for (const [type, extra] of [
      ['efficiency', { groupBy: 'advisor' }],
      ['pipeline', { groupBy: 'branch' }],
      ['individual', { userId: f.users.anna.id }],
    ] as const) {
      const r = await runReport(f.sys, { type, period: 'month', at: '2026-03-15', ...extra });
      const t = text(await reportPdf(f.sys, r, 'en'), `${type}-en`);
      expect(t, type).toContain(r.title.en);
      for (const c of r.charts.filter((c) => c.categories.length)) expect(t, type).toContain(c.title.en);
      expect(t).toMatch(/Page 1 of \d/);
    }
  });
});
