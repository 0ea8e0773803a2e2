/**
 * @module widgets/crm-report/format
 * A report value as text: money from grosze, percentages from fractions, counts grouped.
 */
import { formatMoney, formatNumber, type Lang } from '../base/i18n.ts';
import type { Cell, ColumnType } from './types.ts';

export function formatValue(type: ColumnType, v: Cell, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'string') return v;
  if (type === 'money') return formatMoney(Math.round(v), lang);
  if (type === 'percent') return `${formatNumber(Math.round(v * 1000) / 10, lang)}%`;
  return formatNumber(v, lang);
}

/** A short axis label: 1,2 mln zł / 350 tys. zł for money, plain numbers otherwise. */
export function formatShort(type: ColumnType, v: number, lang: Lang): string {
  if (type !== 'money') return formatValue(type, v, lang);
  const zl = v / 100;
  const [m, k, unit] = lang === 'pl' ? [' mln', ' tys.', ' zł'] : ['M', 'k', ' PLN'];
  if (Math.abs(zl) >= 1e6) return `${formatNumber(Math.round(zl / 1e5) / 10, lang)}${m}${unit}`;
  if (Math.abs(zl) >= 1e3) return `${formatNumber(Math.round(zl / 1e3), lang)}${k}${unit}`;
  return `${formatNumber(Math.round(zl), lang)}${unit}`;
}
