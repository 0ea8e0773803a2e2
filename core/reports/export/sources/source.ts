/**
 * @module reports/export/sources/source
 * What a list contributes to the export path: which permissions gate it, its columns for this
 * actor (columns the actor may not read are left out, not blanked), a capped count (to decide
 * between a direct download and a background job) and its rows as a stream. `ctx.actor` is already
 * narrowed to the export scope (see export-scope) when these are called.
 */
import type { Permission } from '../../../access/index.ts';
import type { Ctx } from '../../../context.ts';
import type { ExportColumn, ExportLocale, ExportRow } from '../cells.ts';

export const exportResources = ['clients', 'activities', 'calendar', 'sales', 'commission-lines'] as const;
export type ExportResource = (typeof exportResources)[number];

export interface ListSource<F> {
  resource: ExportResource;
  /** The permission the list on screen is scoped by. */
  read: Permission;
  /** The permission that allows exporting it. */
  export: Permission;
  title: { pl: string; en: string };
  columns(ctx: Ctx, filter: F): Promise<ExportColumn[]>;
  /** The number of rows, counted up to `cap + 1` (any value over `cap` means "more than cap"). */
  count(ctx: Ctx, filter: F, cap: number): Promise<number>;
  rows(ctx: Ctx, filter: F, locale: ExportLocale): AsyncIterable<ExportRow>;
}
