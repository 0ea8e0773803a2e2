/**
 * @module widgets/crm-report/charts
 * Hand-drawn SVG charts (no chart library: a few dozen lines keep the bundle small): horizontal
 * bars, a line over time buckets, and a funnel. Colours are theme tokens `--crm-chart-1…4`. The
 * SVG is decorative for assistive technology (`aria-hidden`); each chart is followed by its data
 * as a table, which screen readers and keyboard users read instead.
 */
import { svg, html, type TemplateResult } from 'lit';
import type { Lang } from '../base/i18n.ts';
import { formatShort } from './format.ts';
import type { ReportChart } from './types.ts';

const W = 520;
const cls = (i: number) => `s${i % 4}`;
/** A category label that fits beside the bars (the full text is in the chart's data table). */
const short = (s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s);

function legend(chart: ReportChart, lang: Lang): TemplateResult | string {
  if (chart.series.length < 2) return '';
  return html`<ul class="legend">
    ${chart.series.map((s, i) => html`<li><span class="swatch ${cls(i)}"></span>${s.label[lang]}</li>`)}
  </ul>`;
}

function bars(chart: ReportChart, lang: Lang) {
  const band = 8 + chart.series.length * 14;
  const h = chart.categories.length * band + 4;
  const labelW = 190;
  const plotW = W - labelW - 80;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  return svg`<svg viewBox="0 0 ${W} ${h}" width="100%" aria-hidden="true" focusable="false">
    <line x1=${labelW} x2=${labelW} y1="0" y2=${h} class="axis"></line>
    ${chart.categories.map((c, i) => {
      const top = i * band + 4;
      return svg`<text x=${labelW - 8} y=${top + band / 2 + 1} text-anchor="end"
        class="label">${short(c.label[lang])}</text>
      ${chart.series.map((s, j) => {
        const v = s.values[i] ?? 0;
        const w = (plotW * Math.max(0, v)) / max;
        const y = top + j * 14;
        return svg`<rect x=${labelW} y=${y} width=${Math.max(w, 0.5)} height="11" rx="2" class=${cls(j)}></rect>
          <text x=${labelW + w + 4} y=${y + 9} class="value">${formatShort(chart.type, v, lang)}</text>`;
      })}`;
    })}
  </svg>`;
}

function line(chart: ReportChart, lang: Lang) {
  const h = 200;
  const left = 80;
  const plotW = W - left - 10;
  const plotH = h - 30;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const n = chart.categories.length;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => 6 + plotH - (plotH * Math.max(0, v)) / max;
  const marks = [...new Set(n <= 1 ? [0] : [0, Math.floor((n - 1) / 2), n - 1])];
  return svg`<svg viewBox="0 0 ${W} ${h}" width="100%" aria-hidden="true" focusable="false">
    ${[0, 0.5, 1].map(
      (f) => svg`<line x1=${left} x2=${left + plotW} y1=${y(max * f)} y2=${y(max * f)} class="grid"></line>
        <text x=${left - 6} y=${y(max * f) + 4} text-anchor="end"
          class="value">${formatShort(chart.type, max * f, lang)}</text>`,
    )}
    ${chart.series.map(
      (s, j) =>
        svg`<polyline class="line ${cls(j)}" points=${s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}></polyline>`,
    )}
    ${marks.map(
      (i) => svg`<text x=${x(i)} y=${h - 6} text-anchor=${i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}
        class="label">${chart.categories[i]?.label[lang] ?? ''}</text>`,
    )}
  </svg>`;
}

function funnel(chart: ReportChart, lang: Lang) {
  const step = 30;
  const h = chart.categories.length * step;
  const values = chart.series[0]?.values ?? [];
  const max = Math.max(1, ...values);
  const mid = W / 2;
  return svg`<svg viewBox="0 0 ${W} ${h}" width="100%" aria-hidden="true" focusable="false">
    ${chart.categories.map((c, i) => {
      const v = values[i] ?? 0;
      const w = Math.max(2, (240 * v) / max);
      const pct = i > 0 && values[0] ? ` (${Math.round((v / values[0]) * 100)}%)` : '';
      return svg`<rect x=${mid - w / 2} y=${i * step + 3} width=${w} height=${step - 8} rx="3" class="s0"
          opacity=${1 - i * 0.15}></rect>
        <text x="4" y=${i * step + step / 2 + 3} class="label">${c.label[lang]}</text>
        <text x=${W - 4} y=${i * step + step / 2 + 3} text-anchor="end"
          class="value strong">${formatShort(chart.type, v, lang)}${pct}</text>`;
    })}
  </svg>`;
}

/** The SVG of a chart with its legend. */
export function chartSvg(chart: ReportChart, lang: Lang): TemplateResult {
  const body =
    chart.kind === 'line' ? line(chart, lang) : chart.kind === 'funnel' ? funnel(chart, lang) : bars(chart, lang);
  return html`${legend(chart, lang)}${body}`;
}
