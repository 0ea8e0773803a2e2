/**
 * @module commissions/products/rule-sets
 * Versioned rule sets in the database. Firms change bank rates every quarter: each upload is
 * validated (schema, overlaps, gaps, unknown groups, plugin options — every problem with its JSON
 * path) and stored as a new version; sales are computed with the newest version, whose rules carry
 * their own validity dates, so a sale dated before a rate change still meets the old rate.
 */
import { desc, eq } from 'drizzle-orm';
import { requirePermission, scopesOf } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { assertRuleSet } from '../rules/load.ts';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { ruleTypesOf } from '../engine/rule-types.ts';

export interface StoredRuleSet {
  version: number;
  uploadedAt: Date;
  uploadedBy: string | null;
  ruleCount: number;
  description?: string;
}

/**
 * Validate and store a rule set as a new version (higher than every stored one, else 409).
 * Needs `commissions:rules`; 422 with `details.problems` when the rule set is not valid.
 * @example
 * await uploadRuleSet(ctx, JSON.parse(readFileSync('commission-rules.json', 'utf8')));
 */
export async function uploadRuleSet(ctx: Ctx, value: unknown): Promise<StoredRuleSet> {
  requirePermission(ctx.actor, 'commissions:rules');
  const ruleSet = assertRuleSet(value, {
    commissionGroups: ctx.config.commissionGroups,
    ruleTypes: ruleTypesOf(ctx.plugins),
  });
  const latest = await latestRuleSet(ctx);
  if (latest && ruleSet.version <= latest.version) {
    throw conflict(
      `Rule set version ${ruleSet.version} is not newer than the stored version ${latest.version}; raise "version"`,
      { latestVersion: latest.version },
    );
  }
  const now = ctx.clock.now();
  await ctx.db.insert(ctx.t.commissionRuleSets).values({
    id: newId(),
    version: ruleSet.version,
    ruleSet: ruleSet as unknown as Record<string, unknown>,
    uploadedBy: ctx.actor.userId,
    uploadedAt: now,
  });
  await writeAudit(ctx, {
    action: 'commissions.rule-set.upload',
    entity: 'commission-rule-set',
    entityId: String(ruleSet.version),
    data: { rules: ruleSet.rules.length },
  });
  return summary(ruleSet, now, ctx.actor.userId);
}

const summary = (r: CommissionRuleSet, uploadedAt: Date, uploadedBy: string | null): StoredRuleSet => ({
  version: r.version,
  uploadedAt,
  uploadedBy,
  ruleCount: r.rules.length,
  ...(r.description ? { description: r.description } : {}),
});

/** The newest stored rule set, or undefined before the first upload. */
export async function latestRuleSet(ctx: Ctx): Promise<CommissionRuleSet | undefined> {
  const { t } = ctx;
  const [row] = await ctx.db.select().from(t.commissionRuleSets).orderBy(desc(t.commissionRuleSets.version)).limit(1);
  return row?.ruleSet as CommissionRuleSet | undefined;
}

/** Every stored version, newest first (needs `commissions:read`). */
export async function listRuleSets(ctx: Ctx): Promise<StoredRuleSet[]> {
  requirePermission(ctx.actor, 'commissions:read');
  const { t } = ctx;
  const rows = await ctx.db.select().from(t.commissionRuleSets).orderBy(desc(t.commissionRuleSets.version));
  return rows.map((r) => summary(r.ruleSet as CommissionRuleSet, r.uploadedAt, r.uploadedBy));
}

/**
 * One stored version in full. The firm's rates with its providers are business secrets: this needs
 * `commissions:rules`, or `commissions:read` at scope `all` (an advisor sees the rule behind each
 * of their own lines in its explanation instead).
 */
export async function getRuleSet(ctx: Ctx, version: number): Promise<CommissionRuleSet> {
  if (!scopesOf(ctx.actor, 'commissions:rules').length && !scopesOf(ctx.actor, 'commissions:read').includes('all')) {
    throw forbidden('Reading a whole rule set needs commissions:rules or commissions:read at scope all', {
      permission: 'commissions:rules',
    });
  }
  if (!Number.isSafeInteger(version) || version < 1) throw notFound('Rule set version', String(version));
  const { t } = ctx;
  const [row] = await ctx.db
    .select()
    .from(t.commissionRuleSets)
    .where(eq(t.commissionRuleSets.version, version))
    .limit(1);
  if (!row) throw notFound('Rule set version', String(version));
  return row.ruleSet as CommissionRuleSet;
}
