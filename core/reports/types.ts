/**
 * @module reports/types
 * A report's result is a plain table (typed columns, rows, totals) plus chart series, so the screen,
 * the PDF and the XLSX all render from the same value. Money is integer grosze, percentages are
 * fractions (0.25 = 25%), dates are local `YYYY-MM-DD`.
 */
import type { Ctx } from '../context.ts';
import type { Network } from './dimension.ts';

export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'percent';
export type Label = { pl: string; en: string };
export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  label: Label;
  type: ColumnType;
}

export interface ReportRow {
  /** The group's key (a unit, user, product… id, or a status), for drill-down and matching. */
  key: string;
  /** The group's name in both languages (`cells.group` holds the Polish one). */
  label: Label;
  /** What one may drill into from this row: `{ groupBy, unitId | userId }`, when it has more detail. */
  drill?: { type?: string; groupBy: GroupBy; unitId?: string; userId?: string };
  cells: Record<string, Cell>;
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Column sums (money, number) or an overall rate (percent); text/date columns are null. */
  totals: Record<string, Cell>;
}

export interface ChartSeries {
  key: string;
  label: Label;
  /** One value per category (bar, funnel) or per bucket (line). */
  values: number[];
}

export interface ReportChart {
  kind: 'bar' | 'line' | 'funnel';
  title: Label;
  /** Column type of the values (money charts format axes in złoty). */
  type: ColumnType;
  categories: { key: string; label: Label }[];
  series: ChartSeries[];
}

export const groupBys = [
  'advisor',
  'branch',
  'region',
  'firm',
  'branch-type',
  'product',
  'provider',
  'category',
  'source',
  'partner',
] as const;
export type GroupBy = (typeof groupBys)[number];

export const periods = ['day', 'week', 'month', 'quarter', 'custom'] as const;
export type PeriodKind = (typeof periods)[number];

/** Validated, resolved parameters of one run. */
export interface ReportParams {
  type: string;
  groupBy: GroupBy;
  period: PeriodKind;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  /** UTC bounds, half-open (`from <= t < to`). */
  fromInstant: Date;
  toInstant: Date;
  /** Only data of this unit and the units below it. */
  unitId: string | null;
  /** Only this person's data (individual report; drill-down to one advisor). */
  userId: string | null;
  compare: boolean;
  /** Stalled = no status change or contact for this many days (pipeline). */
  stalledDays: number;
}

export interface ReportResult {
  type: string;
  title: Label;
  params: Omit<ReportParams, 'fromInstant' | 'toInstant'> & { previous: { from: string; to: string } | null };
  table: ReportTable;
  charts: ReportChart[];
  /** The same table for the previous period of equal length, when `compare` was asked. */
  previous: { totals: Record<string, Cell> } | null;
}

/**
 * A report type: data, not code paths in routes. A firm adds one from a plugin
 * (`definePlugin({ reports: [...] })`) or by passing it to `createReportRegistry`.
 */
export interface ReportDefinition {
  id: string;
  title: Label;
  description: Label;
  /** The group-bys it supports, first = default. */
  groupBys: readonly GroupBy[];
  /** Whether it needs `userId` (the individual report). */
  needsUser?: boolean;
  run(
    ctx: Ctx,
    params: ReportParams,
    network: Network,
  ): Promise<Omit<ReportResult, 'params' | 'previous' | 'type' | 'title'>>;
}
