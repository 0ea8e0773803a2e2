/**
 * @module import/records
 * An import as people review it: who, when, which file, its encoding and mapping, the counts
 * (rows, imported, duplicates, errors), the status and the problems by row and column. A person
 * with `clients:import` over the whole firm sees every import; a narrower scope, their own.
 */
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { canAccess, requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { Tables } from '../storage/index.ts';
import type { ImportProblem } from './dry-run.ts';

type ImportRow = Tables['imports']['$inferSelect'];

export interface ImportRecord extends Omit<ImportRow, 'problems'> {
  /** The first problems (at most `MAX_STORED_PROBLEMS`); the counts cover them all. */
  problems: ImportProblem[];
}

/** How many problems an import keeps for review (the counts are always complete). */
export const MAX_STORED_PROBLEMS = 1000;

export const toRecord = (row: ImportRow): ImportRecord => ({
  ...row,
  problems: row.problems as unknown as ImportProblem[],
});

/** May the actor see (and undo) this import? */
export function mayReview(ctx: Ctx, row: Pick<ImportRow, 'actorId' | 'options'>): boolean {
  const unitId = typeof row.options.unitId === 'string' ? row.options.unitId : null;
  if (row.actorId && row.actorId === ctx.actor.userId) return true;
  return canAccess(ctx.actor, 'clients:import', { ownerId: row.actorId, unitId, partnerId: null });
}

/**
 * @example
 * const imp = await getImport(ctx, id); // { status: 'done', rows: 10000, imported: 9996, duplicates: 2, … }
 */
export async function getImport(ctx: Ctx, id: string): Promise<ImportRecord> {
  requirePermission(ctx.actor, 'clients:import');
  const [row] = await ctx.db.select().from(ctx.t.imports).where(eq(ctx.t.imports.id, id)).limit(1);
  if (!row || !mayReview(ctx, row)) throw notFound('import', id);
  return toRecord(row);
}

export interface ImportPage {
  items: Array<Omit<ImportRecord, 'problems' | 'mapping'>>;
  nextCursor: string | null;
}

/**
 * Newest first, without the problems (open one import for them); `cursor` is the last id seen.
 * @example
 * const page = await listImports(ctx, { limit: 20 });
 */
export async function listImports(ctx: Ctx, options: { limit?: number; cursor?: string } = {}): Promise<ImportPage> {
  requirePermission(ctx.actor, 'clients:import');
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const t = ctx.t.imports;
  let after;
  if (options.cursor) {
    const [c] = await ctx.db
      .select({ id: t.id, createdAt: t.createdAt })
      .from(t)
      .where(eq(t.id, options.cursor))
      .limit(1);
    if (!c) throw badRequest('The cursor names no import', { problems: [{ path: '?cursor', message: 'unknown' }] });
    after = or(lt(t.createdAt, c.createdAt), and(eq(t.createdAt, c.createdAt), lt(t.id, c.id)));
  }
  const items: ImportPage['items'] = [];
  let lastId: string | null = null;
  // Reading in pages until `limit` visible imports are found: few imports exist, and most readers see all.
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(t)
      .where(after)
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(limit + 1);
    for (const r of rows.slice(0, limit)) {
      lastId = r.id;
      if (!mayReview(ctx, r)) continue;
      const { problems: _p, mapping: _m, ...rest } = r;
      items.push(rest);
      if (items.length === limit) break;
    }
    if (items.length === limit || rows.length <= limit) {
      const more = items.length === limit && (rows.length > limit || lastId !== rows.at(-1)?.id);
      return { items, nextCursor: more ? lastId : null };
    }
    const last = rows[limit - 1]!;
    after = or(lt(t.createdAt, last.createdAt), and(eq(t.createdAt, last.createdAt), lt(t.id, last.id)));
  }
}
