/**
 * @module config-versions/history
 * What an admin reads: the running configuration (version, text, who saved it, when, why) and the
 * history of versions with their authors' names.
 */
import { inArray } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { fileConfig, runningMeta } from './running.ts';
import { storedVersion, versionHistory, type ConfigVersionMeta } from './store.ts';

export interface VersionItem extends Omit<ConfigVersionMeta, 'reason'> {
  why: string;
  authorName: string | null;
  /** Whether this version is the one running. */
  running: boolean;
}

async function namesOf(ctx: Ctx, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (!wanted.length) return new Map();
  const u = ctx.t.users;
  const rows = await ctx.db.select({ id: u.id, name: u.name }).from(u).where(inArray(u.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The running configuration with its version and author.
 * @example
 * const { version, text } = await runningConfig(ctx);
 */
export async function runningConfig(ctx: Ctx) {
  requirePermission(ctx.actor, 'config:read');
  const m = runningMeta(ctx.database);
  const names = await namesOf(ctx, [m.authorId]);
  return {
    version: m.version,
    source: m.source,
    text: m.text,
    authorId: m.authorId,
    authorName: m.authorId ? (names.get(m.authorId) ?? null) : null,
    createdAt: m.createdAt,
    why: m.why,
    ...(m.warning ? { warning: m.warning } : {}),
  };
}

/**
 * The saved versions, newest first, and version 0 (the file) last.
 * @example
 * const items = await listConfigVersions(ctx); // [{ version: 2, authorName: 'Anna Admin', why: '…' }, …]
 */
export async function listConfigVersions(ctx: Ctx): Promise<VersionItem[]> {
  requirePermission(ctx.actor, 'config:read');
  const rows = await versionHistory(ctx);
  const names = await namesOf(
    ctx,
    rows.map((r) => r.authorId),
  );
  const running = runningMeta(ctx.database).version;
  const items: VersionItem[] = rows.map(({ reason, ...r }) => ({
    ...r,
    why: reason,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    running: r.version === running,
  }));
  items.push({
    version: 0,
    authorId: null,
    authorName: null,
    createdAt: new Date(0),
    why: 'crm.config.json as loaded at start',
    baseVersion: 0,
    kind: 'file',
    restoredVersion: null,
    running: running === 0,
  });
  return items;
}

/**
 * One version's text (0 = the file).
 * @example
 * const { text } = await getConfigVersion(ctx, 2);
 */
export async function getConfigVersion(ctx: Ctx, version: number): Promise<{ version: number; text: string }> {
  requirePermission(ctx.actor, 'config:read');
  if (version === 0) return { version, text: fileConfig(ctx.database).text };
  const row = await storedVersion(ctx, version);
  if (!row) throw notFound('Config version', String(version));
  return { version, text: row.text };
}
