/**
 * @module reports/pdf/charts
 * A report's charts as vector figures for the PDF (pdf-lib lines and rectangles, no raster):
 * horizontal bars (one band per category, one bar per series), a line chart over time buckets,
 * and a funnel of centred bars. Values are formatted like the table (money in złoty from grosze).
 */
import { rgb, type PDFPage } from 'pdf-lib';
import { ellipsize } from '../render/fit-text.ts';
import { formatMoney } from '../render/format-cell.ts';
import { ink, type PdfPen } from '../render/pdf-pen.ts';
import type { PdfFigure } from '../render/table-document.ts';
import type { ReportChart } from '../types.ts';

export const palette = [rgb(0.15, 0.39, 0.92), rgb(0.96, 0.62, 0.04), rgb(0.09, 0.64, 0.29), rgb(0.86, 0.15, 0.15)];
type Lang = 'pl' | 'en';

/** A value as text: money from grosze, other numbers with the locale's separators. */
export function valueText(chart: Pick<ReportChart, 'type'>, v: number, lang: Lang): string {
  if (chart.type === 'money') return formatMoney(Math.round(v), lang);
  if (chart.type === 'percent') return `${(v * 100).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB')}%`;
  return v.toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB');
}

function title(page: PDFPage, pen: PdfPen, chart: ReportChart, lang: Lang, x: number, top: number, width: number) {
  pen.write(page, ellipsize(chart.title[lang], width, pen.measure(10, true)), { x, y: top - 10, size: 10, bold: true });
  let lx = x;
  if (chart.series.length > 1)
    chart.series.forEach((s, i) => {
      page.drawRectangle({ x: lx, y: top - 24, width: 8, height: 8, color: palette[i % palette.length]! });
      pen.write(page, s.label[lang], { x: lx + 11, y: top - 23, size: 7.5, color: ink.muted });
      lx += 11 + pen.width(s.label[lang], 7.5) + 14;
    });
  return top - (chart.series.length > 1 ? 32 : 18);
}

function bars(chart: ReportChart, lang: Lang): PdfFigure {
  const band = 6 + chart.series.length * 9;
  return {
    height: 34 + chart.categories.length * band,
    draw(page, pen, { x, top, width }) {
      let y = title(page, pen, chart, lang, x, top, width);
      const labelW = Math.min(170, width * 0.32);
      const valueW = 90;
      const plotW = width - labelW - valueW;
      const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
      page.drawLine({
        start: { x: x + labelW, y },
        end: { x: x + labelW, y: y - chart.categories.length * band },
        thickness: 0.6,
        color: ink.rule,
      });
      chart.categories.forEach((c, i) => {
        const rowTop = y - i * band;
        pen.write(page, ellipsize(c.label[lang], labelW - 8, pen.measure(7.5)), {
          x,
          y: rowTop - band / 2 - 2.5,
          size: 7.5,
        });
        chart.series.forEach((s, j) => {
          const v = s.values[i] ?? 0;
          const w = (plotW * Math.max(0, v)) / max;
          const by = rowTop - 3 - (j + 1) * 9 + 1;
          if (w > 0)
            page.drawRectangle({ x: x + labelW, y: by, width: w, height: 7, color: palette[j % palette.length]! });
          pen.write(page, valueText(chart, v, lang), { x: x + labelW + w + 4, y: by + 1, size: 6.5, color: ink.muted });
        });
      });
      y -= chart.categories.length * band;
    },
  };
}

function line(chart: ReportChart, lang: Lang): PdfFigure {
  const plotH = 130;
  return {
    height: 34 + plotH + 22,
    draw(page, pen, { x, top, width }) {
      const y0 = title(page, pen, chart, lang, x, top, width) - plotH;
      const axisW = 80;
      const left = x + axisW;
      const plotW = width - axisW - 6;
      const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
      for (const f of [0, 0.5, 1]) {
        const gy = y0 + plotH * f;
        page.drawLine({ start: { x: left, y: gy }, end: { x: left + plotW, y: gy }, thickness: 0.4, color: ink.rule });
        pen.write(page, valueText(chart, max * f, lang), {
          x: left - 4,
          y: gy - 2.5,
          size: 6.5,
          color: ink.muted,
          align: 'right',
        });
      }
      const n = chart.categories.length;
      const px = (i: number) => left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
      chart.series.forEach((s, j) => {
        const color = palette[j % palette.length]!;
        const pts = s.values.map((v, i) => ({ x: px(i), y: y0 + (plotH * Math.max(0, v)) / max }));
        for (let i = 1; i < pts.length; i++) page.drawLine({ start: pts[i - 1]!, end: pts[i]!, thickness: 1.4, color });
        if (pts.length <= 40) for (const p of pts) page.drawCircle({ x: p.x, y: p.y, size: 1.6, color });
      });
      const marks = n <= 1 ? [0] : [0, Math.floor((n - 1) / 2), n - 1];
      for (const i of new Set(marks)) {
        const label = chart.categories[i]?.label[lang] ?? '';
        const w = pen.width(label, 6.5);
        pen.write(page, label, {
          x: Math.min(Math.max(px(i) - w / 2, left), left + plotW - w),
          y: y0 - 11,
          size: 6.5,
          color: ink.muted,
        });
      }
    },
  };
}

function funnel(chart: ReportChart, lang: Lang): PdfFigure {
  const step = 22;
  return {
    height: 22 + chart.categories.length * step,
    draw(page, pen, { x, top, width }) {
      const y = title(page, pen, chart, lang, x, top, width);
      const values = chart.series[0]?.values ?? [];
      const max = Math.max(1, ...values);
      const mid = x + width / 2;
      const full = width * 0.6;
      chart.categories.forEach((c, i) => {
        const v = values[i] ?? 0;
        const w = Math.max(2, (full * v) / max);
        const by = y - (i + 1) * step + 3;
        page.drawRectangle({
          x: mid - w / 2,
          y: by,
          width: w,
          height: step - 5,
          color: palette[0]!,
          opacity: 1 - i * 0.15,
        });
        pen.write(page, c.label[lang], { x: x, y: by + 5, size: 8 });
        const pct = i > 0 && values[0] ? ` (${Math.round((v / values[0]) * 100)}%)` : '';
        pen.write(page, `${valueText(chart, v, lang)}${pct}`, {
          x: x + width,
          y: by + 5,
          size: 8,
          bold: true,
          align: 'right',
        });
      });
    },
  };
}

/** The PDF figure of a chart. */
export function chartFigure(chart: ReportChart, lang: Lang): PdfFigure {
  return chart.kind === 'line' ? line(chart, lang) : chart.kind === 'funnel' ? funnel(chart, lang) : bars(chart, lang);
}
