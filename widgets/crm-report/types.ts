/**
 * @module widgets/crm-report/types
 * The shape of `GET /api/reports/:type` as the widget reads it (a plain typed table plus chart
 * series; see docs/reports.md). Widgets never import `core/`, so the few fields used are restated.
 */
export type Label = { pl: string; en: string };
export type Cell = string | number | null;
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'percent';

export interface ReportColumn {
  key: string;
  label: Label;
  type: ColumnType;
}

export interface Drill {
  type?: string;
  groupBy: string;
  unitId?: string;
  userId?: string;
}

export interface ReportRow {
  key: string;
  label: Label;
  drill?: Drill;
  cells: Record<string, Cell>;
}

export interface ReportChart {
  kind: 'bar' | 'line' | 'funnel';
  title: Label;
  type: ColumnType;
  categories: { key: string; label: Label }[];
  series: { key: string; label: Label; values: number[] }[];
}

export interface ReportResult {
  type: string;
  title: Label;
  params: { groupBy: string; from: string; to: string; previous: { from: string; to: string } | null };
  table: { columns: ReportColumn[]; rows: ReportRow[]; totals: Record<string, Cell> };
  charts: ReportChart[];
  previous: { totals: Record<string, Cell> } | null;
}
