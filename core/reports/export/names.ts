/**
 * @module reports/export/names
 * People, units and partner firms by name, looked up once per export as ids stream past: a list
 * export shows "Anna Nowak" and "Gdańsk Wrzeszcz", not ids, without one query per row.
 */
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import type { ExportLocale } from './cells.ts';

type Kind = 'users' | 'units' | 'partners';

export interface NameBook {
  /** Looks up every id not yet known, in one query per kind. Call once per page of rows. */
  load(kind: Kind, ids: Iterable<string | null | undefined>): Promise<void>;
  name(kind: Kind, id: string | null | undefined): string | null;
}

/** @example const names = nameBook(ctx); await names.load('users', page.map((r) => r.ownerId)); */
export function nameBook(ctx: Ctx): NameBook {
  const known: Record<Kind, Map<string, string>> = { users: new Map(), units: new Map(), partners: new Map() };
  return {
    async load(kind, ids) {
      const missing = [...new Set([...ids].filter((id): id is string => !!id && !known[kind].has(id)))];
      if (!missing.length) return;
      const table = ctx.t[kind];
      const rows = await ctx.db
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(inArray(table.id, missing));
      for (const id of missing) known[kind].set(id, '');
      for (const r of rows) known[kind].set(r.id, r.name);
    },
    name: (kind, id) => (id ? known[kind].get(id) || null : null),
  };
}

type Labelled = Record<string, { label?: { pl: string; en: string } } | undefined>;

/** The configured label of an id (status, type, source, activity type…), or the id itself. */
export const configLabel = (map: unknown, id: string | null | undefined, locale: ExportLocale): string | null =>
  id ? ((map as Labelled | undefined)?.[id]?.label?.[locale] ?? id) : null;
