/**
 * @module reports/pdf/report-pdf
 * Any report as a PDF: the firm as issuer, the person who asked as recipient, the parameters
 * (period, grouping, unit or person, previous period), the table with a totals row, then every
 * chart as vector graphics, page numbers and Polish letters (DejaVu) by the shared table renderer.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { utcToZoned } from '../../time/index.ts';
import { renderTablePdf } from '../render/table-pdf.ts';
import type { TableColumn, TableRow } from '../render/table-document.ts';
import type { Cell, ReportColumn, ReportResult } from '../types.ts';
import { chartFigure } from './charts.ts';

type Lang = 'pl' | 'en';

const words = {
  pl: {
    period: 'Okres',
    groupBy: 'Grupowanie',
    unit: 'Jednostka',
    person: 'Osoba',
    previous: 'Porównanie z',
    made: 'Wygenerowano',
    all: 'cały Twój zakres',
    prevTotal: 'Poprzedni okres',
  },
  en: {
    period: 'Period',
    groupBy: 'Grouped by',
    unit: 'Unit',
    person: 'Person',
    previous: 'Compared with',
    made: 'Generated',
    all: 'all you may see',
    prevTotal: 'Previous period',
  },
};

const date = (d: string, lang: Lang) => (lang === 'pl' ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : d);

/** A report cell as the renderer's column kinds want it (numbers pre-formatted, percent in basis points). */
function cellFor(c: ReportColumn, v: Cell, lang: Lang): string | number | null {
  if (v === null || v === undefined) return null;
  if (c.type === 'percent') return Math.round(Number(v) * 10_000);
  if (c.type === 'number') return Number(v).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB');
  return v;
}

/**
 * @example
 * const bytes = await reportPdf(ctx, await runReport(ctx, { type: 'sales', groupBy: 'branch' }), 'pl');
 */
export async function reportPdf(ctx: Ctx, r: ReportResult, lang: Lang = 'pl'): Promise<Uint8Array> {
  const w = words[lang];
  const columns: TableColumn[] = r.table.columns.map((c) => ({
    key: c.key,
    label: c.label[lang],
    kind: c.type === 'number' ? 'text' : c.type,
    ...(c.type === 'number' ? { align: 'right' as const } : {}),
    width: c.key === 'group' ? 1.8 : c.type === 'money' ? 1.35 : 0.9,
  }));
  const rowOf = (cells: Record<string, Cell>, group: string): TableRow =>
    Object.fromEntries(
      r.table.columns.map((c) => [c.key, c.key === 'group' ? group : cellFor(c, cells[c.key] ?? null, lang)]),
    );
  const rows: TableRow[] = r.table.rows.map((row) => rowOf(row.cells, row.label[lang]));
  if (Object.keys(r.table.totals).length) rows.push(rowOf(r.table.totals, lang === 'pl' ? 'Razem' : 'Total'));
  if (r.previous) rows.push(rowOf(r.previous.totals, w.prevTotal));
  const p = r.params;
  const names = new Map<string, string>();
  if (p.unitId) {
    const [u] = await ctx.db.select({ name: ctx.t.units.name }).from(ctx.t.units).where(eq(ctx.t.units.id, p.unitId));
    names.set('unit', u?.name ?? p.unitId);
  }
  if (p.userId) {
    const [u] = await ctx.db.select({ name: ctx.t.users.name }).from(ctx.t.users).where(eq(ctx.t.users.id, p.userId));
    names.set('person', u?.name ?? p.userId);
  }
  const firm = ctx.config.firm as { name: string; knfNumber?: string };
  const now = ctx.clock.now();
  const made = utcToZoned(now, ctx.config.firm.timeZone);
  return renderTablePdf({
    title: r.title[lang],
    subtitle: `${date(p.from, lang)} – ${date(p.to, lang)}`,
    issuer: { name: firm.name, lines: firm.knfNumber ? [`KNF: ${firm.knfNumber}`] : [] },
    recipient: { name: ctx.actor.name, lines: [] },
    meta: [
      [w.groupBy, r.table.columns[0]?.label[lang] ?? p.groupBy],
      [names.has('person') ? w.person : w.unit, names.get('person') ?? names.get('unit') ?? w.all],
      ...(p.previous ? [[w.previous, `${date(p.previous.from, lang)}–${date(p.previous.to, lang)}`] as const] : []),
      [w.made, `${date(made.date, lang)} ${made.time}`],
    ],
    columns,
    rows,
    figures: r.charts.filter((c) => c.categories.length > 0).map((c) => chartFigure(c, lang)),
    footer: `${firm.name} · broker-crm`,
    locale: lang,
    currency: 'PLN',
    issuedAt: now,
  });
}
