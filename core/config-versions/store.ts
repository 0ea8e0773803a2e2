/**
 * @module config-versions/store
 * The saved versions of the firm configuration (`config_versions`): the newest is the running one.
 * Rows are only ever added; the version number is the primary key, so two saves based on the same
 * version cannot both land (the second insert collides and is answered 409).
 */
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tables } from '../storage/index.ts';

export type ConfigVersionRow = Tables['configVersions']['$inferSelect'];

/** A version without its text (the history list). */
export type ConfigVersionMeta = Omit<ConfigVersionRow, 'text'>;

type Reader = Pick<Ctx, 'db' | 't'>;

/**
 * The newest stored version, or null when none was saved yet (the file runs as version 0).
 * @example
 * const newest = await newestVersion(ctx); // { version: 3, text: '{…}', authorId, reason, … } | null
 */
export async function newestVersion(ctx: Reader): Promise<ConfigVersionRow | null> {
  const [row] = await ctx.db.select().from(ctx.t.configVersions).orderBy(desc(ctx.t.configVersions.version)).limit(1);
  return row ?? null;
}

/** One stored version, or null. */
export async function storedVersion(ctx: Reader, version: number): Promise<ConfigVersionRow | null> {
  const [row] = await ctx.db
    .select()
    .from(ctx.t.configVersions)
    .where(eq(ctx.t.configVersions.version, version))
    .limit(1);
  return row ?? null;
}

/** Every stored version, newest first, without the texts. */
export async function versionHistory(ctx: Reader, limit = 200): Promise<ConfigVersionMeta[]> {
  const c = ctx.t.configVersions;
  return ctx.db
    .select({
      version: c.version,
      authorId: c.authorId,
      createdAt: c.createdAt,
      reason: c.reason,
      baseVersion: c.baseVersion,
      kind: c.kind,
      restoredVersion: c.restoredVersion,
    })
    .from(c)
    .orderBy(desc(c.version))
    .limit(limit);
}

/** Add a version (inside the caller's transaction). */
export async function insertVersion(ctx: Reader, row: ConfigVersionRow): Promise<void> {
  await ctx.db.insert(ctx.t.configVersions).values(row);
}
