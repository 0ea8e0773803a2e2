/**
 * @module config-versions/save
 * Validate, save and roll back the firm configuration from the browser or the CLI. A save is checked
 * exactly as `npm run config:check` checks the file (same loader, same problems with line, column
 * and JSON path of the submitted text) plus the orphan rules (`orphans.ts`); it names the version it
 * was based on, and a save on an older base is refused (409) naming who saved the newer version and
 * when. The new version is applied in this process at once and announced on the change bus, so the
 * other instances on the database reload it; every save and rollback is in the audit log.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { busFor } from '../bus/index.ts';
import { ConfigError, parseWithPositions } from '../config/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, CrmError, invalid, notFound } from '../errors.ts';
import { parseConfig, type FirmConfig } from '../firm/index.ts';
import { isUniqueViolation } from '../org/index.ts';
import { findOrphans, orphanCheck } from './orphans.ts';
import { applyConfig, fileConfig, runningMeta, type RunningMeta } from './running.ts';
import { insertVersion, newestVersion, storedVersion } from './store.ts';

/** A problem in the submitted text, as the CLI prints it: line, column, JSON path and message. */
export interface TextProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

export const WHY_MIN = 3;
export const WHY_MAX = 500;
const LABEL = 'crm.config.json';

/**
 * Check configuration text as the loader does, plus the orphan rules against the running version.
 * @example
 * const { problems } = await validateConfigText(ctx, text); // [] when it may be saved
 */
export async function validateConfigText(
  ctx: Ctx,
  text: string,
): Promise<{ problems: TextProblem[]; config?: FirmConfig }> {
  requirePermission(ctx.actor, 'config:write');
  const json = parseWithPositions(text);
  const orphans = json.syntaxOk ? await findOrphans(ctx, ctx.config, json.value) : [];
  try {
    const config = parseConfig(text, LABEL, [orphanCheck(orphans)]);
    return { problems: [], config };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { problems: e.problems.map(({ line, column, path, message }) => ({ line, column, path, message })) };
  }
}

export interface SaveInput {
  text: string;
  /** The version the edit started from (0 = the file). */
  baseVersion: number;
  why: string;
}

export interface SavedVersion {
  version: number;
  createdAt: Date;
}

function checkWhy(why: unknown): string {
  const w = typeof why === 'string' ? why.trim() : '';
  if (w.length < WHY_MIN || w.length > WHY_MAX)
    throw invalid(`Say why (${WHY_MIN}–${WHY_MAX} characters)`, [
      { path: '/why', message: `${WHY_MIN} to ${WHY_MAX} characters` },
    ]);
  return w;
}

/**
 * Save a new version and run it (here at once, in the other instances through the change bus).
 * 422 with `details.problems` (line, column, path) for an invalid text or one that orphans data;
 * 409 when another version was saved since `baseVersion`.
 * @example
 * const { version } = await saveConfig(ctx, { text, baseVersion: 3, why: 'Income source field for mortgages' });
 */
export async function saveConfig(ctx: Ctx, input: SaveInput): Promise<SavedVersion> {
  requirePermission(ctx.actor, 'config:write');
  const why = checkWhy(input.why);
  return store(ctx, { text: input.text, baseVersion: input.baseVersion, why, kind: 'edit' });
}

/**
 * Run an earlier version again, as a new version (history is never rewritten). Version 0 is the
 * file as loaded at start. Checked like a save: a rollback that would orphan data is refused.
 * @example
 * await rollbackConfig(ctx, { version: 2, why: 'The new field confused advisors' });
 */
export async function rollbackConfig(
  ctx: Ctx,
  input: { version: number; why: string; baseVersion?: number },
): Promise<SavedVersion> {
  requirePermission(ctx.actor, 'config:write');
  const why = checkWhy(input.why);
  const text = input.version === 0 ? fileConfig(ctx.database).text : (await storedVersion(ctx, input.version))?.text;
  if (text === undefined) throw notFound('Config version', String(input.version));
  const base = input.baseVersion ?? runningMeta(ctx.database).version;
  return store(ctx, { text, baseVersion: base, why, kind: 'rollback', restored: input.version });
}

async function store(
  ctx: Ctx,
  v: { text: string; baseVersion: number; why: string; kind: 'edit' | 'rollback'; restored?: number },
): Promise<SavedVersion> {
  await refuseIfBehind(ctx, v.baseVersion);
  const { problems, config } = await validateConfigText(ctx, v.text);
  if (!config) {
    const n = problems.length;
    throw new CrmError('invalid', `${n} problem${n === 1 ? '' : 's'} in the configuration`, { problems });
  }
  const names = ['config_versions_version_pk', 'config_versions.version'];
  let saved: SavedVersion;
  try {
    saved = await inTransaction(ctx, async (tx) => {
      await refuseIfBehind(tx, v.baseVersion);
      const version = v.baseVersion + 1;
      const createdAt = tx.clock.now();
      await insertVersion(tx, {
        version,
        text: v.text,
        authorId: tx.actor.userId ?? null,
        createdAt,
        reason: v.why,
        baseVersion: v.baseVersion,
        kind: v.kind,
        restoredVersion: v.restored ?? null,
      });
      await writeAudit(tx, {
        action: v.kind === 'edit' ? 'config.save' : 'config.rollback',
        entity: 'config',
        entityId: String(version),
        data: {
          why: v.why,
          baseVersion: v.baseVersion,
          ...(v.restored !== undefined ? { restoredVersion: v.restored } : {}),
          sha256: createHash('sha256').update(v.text).digest('hex'),
        },
      });
      return { version, createdAt };
    });
  } catch (e) {
    if (isUniqueViolation(e, names)) await refuseIfBehind(ctx, v.baseVersion);
    throw e;
  }
  const meta: RunningMeta = {
    version: saved.version,
    source: 'store',
    authorId: ctx.actor.userId ?? null,
    createdAt: saved.createdAt,
    why: v.why,
    text: v.text,
  };
  applyConfig(ctx.database, config, meta);
  await busFor(ctx.database).publish('config', String(saved.version));
  return saved;
}

/** 409 when a version newer than `base` exists, naming who saved it and when. */
async function refuseIfBehind(ctx: Ctx, base: number): Promise<void> {
  const newest = await newestVersion(ctx);
  const current = newest?.version ?? 0;
  if (base === current) return;
  if (!newest || base > current)
    throw invalid(`There is no config version ${base}; the running version is ${current}`, [
      { path: '/baseVersion', message: `the running version is ${current}` },
    ]);
  let by: string | null = null;
  if (newest.authorId) {
    const [u] = await ctx.db
      .select({ name: ctx.t.users.name })
      .from(ctx.t.users)
      .where(eq(ctx.t.users.id, newest.authorId))
      .limit(1);
    by = u?.name ?? null;
  }
  const when = newest.createdAt.toISOString();
  throw conflict(
    `Version ${current} was saved by ${by ?? 'the command line'} at ${when}, after the version ${base} you edited; ` +
      'reload it and make your change again',
    { currentVersion: current, savedBy: newest.authorId, savedByName: by, savedAt: when, why: newest.reason },
  );
}
