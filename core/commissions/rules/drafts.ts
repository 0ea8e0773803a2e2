/**
 * @module commissions/rules/drafts
 * Rule-set drafts before they become a version: created from an upload (file or pasted JSON) or as a
 * copy of the published version, edited as JSON text (kept as typed, so every problem keeps its line
 * and column, as `broker-crm rules check` prints them), compared with the published version, and
 * published from a chosen first day. One draft is open at a time: a rule set is one document, and two
 * drafts published one after the other would silently drop the first one's changes. Two admins
 * saving from the same revision: the second gets 409. Every change is audited.
 */
import { and, desc, eq, max } from 'drizzle-orm';
import { requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { conflict, invalid, notFound } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import { ruleTypesOf } from '../engine/rule-types.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import { nextPeriod } from '../ledger/periods.ts';
import { latestRuleSet, uploadRuleSet } from '../products/rule-sets.ts';
import { composeRuleSet } from './compose.ts';
import { diffRuleSets, type RuleChange } from './diff.ts';
import { parseRuleSet, RuleSetError, type RuleSetProblem } from './load.ts';
import type { CommissionRuleSet } from './schema.ts';

const FILE = 'draft.json';
/** A draft larger than this is refused (a rule set of thousands of rules is a few hundred kB). */
export const MAX_DRAFT_CHARS = 2_000_000;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface RuleDraft {
  id: string;
  text: string;
  baseVersion: number | null;
  revision: number;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  /** Every problem with file, line, column and JSON path; empty when the draft can be published. */
  problems: RuleSetProblem[];
  /** Products the rules name that the catalogue does not know: allowed, but shown. */
  warnings: RuleSetProblem[];
  /** The published version now (a draft whose base is older must be rebased before publishing). */
  latestVersion: number | null;
}

type Row = Ctx['t']['commissionRuleDrafts']['$inferSelect'];

const checkOptions = (ctx: Ctx) => ({
  commissionGroups: ctx.config.commissionGroups,
  ruleTypes: ruleTypesOf(ctx.plugins),
});

/** The draft's rule set, or its problems (line, column, path). */
export function parseDraft(ctx: Ctx, text: string): { ruleSet?: CommissionRuleSet; problems: RuleSetProblem[] } {
  try {
    return { ruleSet: parseRuleSet(text, { file: FILE, ...checkOptions(ctx) }), problems: [] };
  } catch (e) {
    if (e instanceof RuleSetError) return { problems: e.problems };
    throw e;
  }
}

async function productWarnings(ctx: Ctx, text: string, ruleSet?: CommissionRuleSet): Promise<RuleSetProblem[]> {
  if (!ruleSet) return [];
  const rows = await ctx.db.select({ id: ctx.t.commissionProducts.id }).from(ctx.t.commissionProducts);
  if (!rows.length) return [];
  const known = new Set(rows.map((r) => r.id));
  const out: RuleSetProblem[] = [];
  ruleSet.rules.forEach((r, i) =>
    (r.when?.product ?? []).forEach((p, j) => {
      if (known.has(p)) return;
      const path = `/rules/${i}/when/product/${j}`;
      const at = text.indexOf(JSON.stringify(p));
      const before = at >= 0 ? text.slice(0, at) : '';
      out.push({
        path,
        file: FILE,
        message: `unknown product "${p}": not in the product catalogue`,
        ...(at >= 0 ? { line: before.split('\n').length, column: at - before.lastIndexOf('\n') } : {}),
      });
    }),
  );
  return out;
}

async function view(ctx: Ctx, row: Row): Promise<RuleDraft> {
  const parsed = parseDraft(ctx, row.text);
  const latest = await latestRuleSet(ctx);
  return {
    id: row.id,
    text: row.text,
    baseVersion: row.baseVersion,
    revision: row.revision,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
    problems: parsed.problems,
    warnings: await productWarnings(ctx, row.text, parsed.ruleSet),
    latestVersion: latest?.version ?? null,
  };
}

async function openRow(ctx: Ctx): Promise<Row | undefined> {
  const [row] = await ctx.db
    .select()
    .from(ctx.t.commissionRuleDrafts)
    .where(eq(ctx.t.commissionRuleDrafts.open, 'open'))
    .limit(1);
  return row;
}

async function requireOpen(ctx: Ctx): Promise<Row> {
  const row = await openRow(ctx);
  if (!row) throw notFound('Open rule-set draft');
  return row;
}

function checkText(text: unknown): string {
  if (typeof text !== 'string' || !text.trim())
    throw invalid('The draft needs the rule set as JSON text', [{ path: '/text', message: 'must be JSON text' }]);
  if (text.length > MAX_DRAFT_CHARS)
    throw invalid('The draft is too large', [{ path: '/text', message: `at most ${MAX_DRAFT_CHARS} characters` }]);
  return text;
}

/**
 * The open draft with its problems, or null. Needs `commissions:rules`.
 * @example const draft = await getRuleDraft(ctx); draft?.problems[0]?.line
 */
export async function getRuleDraft(ctx: Ctx): Promise<RuleDraft | null> {
  requirePermission(ctx.actor, 'commissions:rules');
  const row = await openRow(ctx);
  return row ? view(ctx, row) : null;
}

/**
 * Opens the draft: from `text` (an upload or pasted JSON, kept even with problems), or a copy of the
 * published version with `version` raised. 409 when a draft is already open.
 * @example
 * await createRuleDraft(ctx, { copyCurrent: true });
 * await createRuleDraft(ctx, { text: readFileSync('rules.json', 'utf8') });
 */
export async function createRuleDraft(ctx: Ctx, input: { text?: unknown; copyCurrent?: boolean }): Promise<RuleDraft> {
  requirePermission(ctx.actor, 'commissions:rules');
  const latest = await latestRuleSet(ctx);
  let text: string;
  if (input.copyCurrent) {
    if (!latest) throw notFound('Published rule set');
    text = `${JSON.stringify({ ...latest, version: latest.version + 1 }, null, 2)}\n`;
  } else text = checkText(input.text);
  const now = ctx.clock.now();
  const row: Row = {
    id: newId(),
    open: 'open',
    status: 'open',
    text,
    baseVersion: latest?.version ?? null,
    revision: 1,
    createdBy: ctx.actor.userId,
    createdAt: now,
    updatedBy: ctx.actor.userId,
    updatedAt: now,
    publishedVersion: null,
    publishedFrom: null,
    reason: null,
  };
  await inTransaction(ctx, async (tx) => {
    if (await openRow(tx))
      throw conflict('A rule-set draft is already open: edit it, or discard it first', { reason: 'draft-open' });
    await tx.db.insert(tx.t.commissionRuleDrafts).values(row);
    await writeAudit(tx, {
      action: 'commissions.rule-draft.create',
      entity: 'commission-rule-draft',
      entityId: row.id,
      data: { from: input.copyCurrent ? 'copy' : 'upload', baseVersion: row.baseVersion, chars: text.length },
    });
  });
  return view(ctx, row);
}

/**
 * Saves new text over revision `baseRevision`; 409 when someone saved since (the caller reloads).
 * A draft with problems is saved too: they are shown, and publishing waits until there are none.
 * @example await saveRuleDraft(ctx, { text, baseRevision: draft.revision });
 */
export async function saveRuleDraft(ctx: Ctx, input: { text: unknown; baseRevision: unknown }): Promise<RuleDraft> {
  requirePermission(ctx.actor, 'commissions:rules');
  const text = checkText(input.text);
  const base = input.baseRevision;
  if (typeof base !== 'number' || !Number.isSafeInteger(base))
    throw invalid('The save needs the revision it was edited from', [
      { path: '/baseRevision', message: 'must be the draft revision (an integer)' },
    ]);
  return inTransaction(ctx, async (tx) => {
    const row = await requireOpen(tx);
    const d = tx.t.commissionRuleDrafts;
    const now = tx.clock.now();
    const updated = await tx.db
      .update(d)
      .set({ text, revision: base + 1, updatedBy: tx.actor.userId, updatedAt: now })
      .where(and(eq(d.id, row.id), eq(d.revision, base)))
      .returning({ id: d.id });
    if (!updated.length)
      throw conflict(
        `The draft was saved by someone else since revision ${base} (it is at revision ${row.revision}); reload it`,
        { revision: row.revision, updatedBy: row.updatedBy },
      );
    await writeAudit(tx, {
      action: 'commissions.rule-draft.save',
      entity: 'commission-rule-draft',
      entityId: row.id,
      data: { revision: base + 1, chars: text.length },
    });
    return view(tx, { ...row, text, revision: base + 1, updatedBy: tx.actor.userId, updatedAt: now });
  });
}

/**
 * Closes the open draft without publishing (audited with the reason).
 * @example await discardRuleDraft(ctx, 'wrong bank');
 */
export async function discardRuleDraft(ctx: Ctx, reason?: string): Promise<void> {
  requirePermission(ctx.actor, 'commissions:rules');
  await inTransaction(ctx, async (tx) => {
    const row = await requireOpen(tx);
    const d = tx.t.commissionRuleDrafts;
    await tx.db
      .update(d)
      .set({
        open: null,
        status: 'discarded',
        reason: reason ?? null,
        updatedBy: tx.actor.userId,
        updatedAt: tx.clock.now(),
      })
      .where(eq(d.id, row.id));
    await writeAudit(tx, {
      action: 'commissions.rule-draft.discard',
      entity: 'commission-rule-draft',
      entityId: row.id,
      data: { revision: row.revision, ...(reason ? { reason } : {}) },
    });
  });
}

/** The open draft's valid rule set, or 422 with its problems. */
export async function draftRuleSet(ctx: Ctx): Promise<{ row: Row; ruleSet: CommissionRuleSet }> {
  const row = await requireOpen(ctx);
  const parsed = parseDraft(ctx, row.text);
  if (!parsed.ruleSet) throw new RuleSetError(parsed.problems);
  return { row, ruleSet: parsed.ruleSet };
}

/**
 * The open draft rule by rule against the published version. 422 while the draft has problems.
 * @example (await ruleDraftDiff(ctx)).changes.filter((c) => c.kind === 'changed')
 */
export async function ruleDraftDiff(ctx: Ctx): Promise<{ baseVersion: number | null; changes: RuleChange[] }> {
  requirePermission(ctx.actor, 'commissions:rules');
  const { ruleSet } = await draftRuleSet(ctx);
  const latest = await latestRuleSet(ctx);
  return { baseVersion: latest?.version ?? null, changes: diffRuleSets(latest, ruleSet) };
}

/**
 * The earliest day a draft may be published from: the first day after the last closed commission
 * period of any ledger (a closed statement never changes), or undefined when none is closed.
 */
export async function earliestPublishDate(ctx: Ctx): Promise<string | undefined> {
  const [r] = await ctx.db.select({ p: max(ctx.t.commissionPeriods.period) }).from(ctx.t.commissionPeriods);
  return r?.p ? `${nextPeriod(r.p)}-01` : undefined;
}

/** The first day of next month in the firm's zone: the default publication date. */
export function firstOfNextMonth(ctx: Ctx): string {
  const today = saleDateOf(ctx.clock.now(), ctx.config.firm.timeZone);
  return `${nextPeriod(today.slice(0, 7))}-01`;
}

export interface PublishInput {
  /** First local day (YYYY-MM-DD) the draft's rules apply from; default the first of next month. */
  from?: unknown;
  /** Why: kept in the audit log and shown in the versions list. */
  reason: unknown;
  /** The revision the publisher looked at; 409 when the draft changed since. */
  revision: unknown;
}

export interface PublishedRuleSet {
  version: number;
  from: string;
  rules: number;
  reason: string;
}

/**
 * Publishes the open draft as the next version, in force from `from`: sales dated from then use the
 * draft's rules, earlier ones keep theirs (`composeRuleSet`). Refused with 422 while the draft has
 * problems or when `from` falls in a closed commission period; 409 when the draft or the published
 * version changed since it was looked at. Audited with who, the day and why.
 * @example await publishRuleDraft(ctx, { from: '2027-01-01', reason: 'Bank Aurora raised rates', revision: 3 });
 */
export async function publishRuleDraft(ctx: Ctx, input: PublishInput): Promise<PublishedRuleSet> {
  requirePermission(ctx.actor, 'commissions:rules');
  const from =
    input.from === undefined || input.from === null || input.from === '' ? firstOfNextMonth(ctx) : input.from;
  const problems = [];
  if (typeof from !== 'string' || !DATE.test(from))
    problems.push({ path: '/from', message: 'must be a date YYYY-MM-DD' });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) problems.push({ path: '/reason', message: 'say why the rules change (kept in the audit log)' });
  else if (reason.length > 1000) problems.push({ path: '/reason', message: 'at most 1000 characters' });
  if (typeof input.revision !== 'number') problems.push({ path: '/revision', message: 'must be the draft revision' });
  if (problems.length) throw invalid('The draft cannot be published', problems);
  const day = from as string;
  const earliest = await earliestPublishDate(ctx);
  if (earliest && day < earliest)
    throw invalid('The draft cannot be published from a closed commission period', [
      { path: '/from', message: `must be ${earliest} or later: the periods before it are closed` },
    ]);
  return inTransaction(ctx, async (tx) => {
    const { row, ruleSet } = await draftRuleSet(tx);
    if (row.revision !== input.revision)
      throw conflict(`The draft changed since revision ${String(input.revision)} (now ${row.revision}); reload it`, {
        revision: row.revision,
      });
    const latest = await latestRuleSet(tx);
    if ((latest?.version ?? null) !== row.baseVersion)
      throw conflict(
        `Version ${latest?.version} was published after this draft was started from ${row.baseVersion ?? 'nothing'}; ` +
          'review the diff and save the draft again',
        { latestVersion: latest?.version ?? null, baseVersion: row.baseVersion },
      );
    const version = (latest?.version ?? 0) + 1;
    const composed = composeRuleSet(latest, ruleSet, day, version);
    await uploadRuleSet(tx, composed);
    const d = tx.t.commissionRuleDrafts;
    await tx.db
      .update(d)
      .set({
        open: null,
        status: 'published',
        publishedVersion: version,
        publishedFrom: day,
        reason,
        updatedBy: tx.actor.userId,
        updatedAt: tx.clock.now(),
      })
      .where(eq(d.id, row.id));
    await writeAudit(tx, {
      action: 'commissions.rule-draft.publish',
      entity: 'commission-rule-set',
      entityId: String(version),
      data: { draftId: row.id, from: day, reason, revision: row.revision, rules: composed.rules.length },
    });
    return { version, from: day, rules: composed.rules.length, reason };
  });
}

/** Published drafts by version: the first day and why, for the versions list. */
export async function publications(ctx: Ctx): Promise<Map<number, { from: string; reason: string | null }>> {
  const d = ctx.t.commissionRuleDrafts;
  const rows = await ctx.db
    .select({ v: d.publishedVersion, from: d.publishedFrom, reason: d.reason })
    .from(d)
    .where(eq(d.status, 'published'))
    .orderBy(desc(d.publishedVersion));
  return new Map(rows.filter((r) => r.v !== null).map((r) => [r.v!, { from: r.from ?? '', reason: r.reason }]));
}
