/**
 * @module leads/assign
 * Who gets a new lead: the first configured rule whose conditions hold (source, field values such
 * as the city or a postal-code prefix, partner or not) names a fixed user, or a unit whose active
 * users with an assignable role take turns (round-robin, the turn kept in the database so it
 * survives restarts and is shared by processes). No rule: the lead waits unassigned for a manager.
 */
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { memo, type Batch } from './group-commit.ts';
import { unitOfUser } from '../org/index.ts';

export interface AssignFacts {
  source: string | null;
  partnerId: string | null;
  data: Record<string, unknown>;
}
export interface Assignment {
  ownerId: string | null;
  unitId: string | null;
  rule: string | null;
  /** The owner's e-mail when the assignment already read it (for the advisor's notice). */
  ownerEmail?: string;
}

type Rule = {
  id: string;
  when?: { sources?: readonly string[]; fields?: Record<string, readonly string[]>; partner?: boolean };
  unit?: string;
  user?: string;
};

function matches(rule: Rule, f: AssignFacts): boolean {
  const w = rule.when ?? {};
  if (w.sources && !(f.source && w.sources.includes(f.source))) return false;
  if (w.partner !== undefined && w.partner !== (f.partnerId !== null)) return false;
  for (const [field, values] of Object.entries(w.fields ?? {})) {
    const v = f.data[field];
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    const s = String(v).trim().toLowerCase();
    if (!values.some((x) => (x.endsWith('*') ? s.startsWith(x.slice(0, -1).toLowerCase()) : s === x.toLowerCase())))
      return false;
  }
  return true;
}

/**
 * The rule's next turn. The first lead of a batch takes it in the database; the batch's later leads
 * count on in the memo (the batch holds the write lock), and the last count is written once before
 * the batch's rows.
 */
async function nextTurn(ctx: Ctx, ruleId: string, batch?: Batch): Promise<number> {
  const t = ctx.t.leadRoundRobin;
  const key = `assign-turn:${ruleId}`;
  if (batch?.memo.has(key)) {
    const counter = (batch.memo.get(key) as number) + 1;
    batch.memo.set(key, counter);
    batch.beforeWrite(key, async (tx, m) => {
      await tx.db
        .update(t)
        .set({ counter: m.get(key) as number })
        .where(eq(t.rule, ruleId));
    });
    return counter;
  }
  const [turn] = await ctx.db
    .insert(t)
    .values({ rule: ruleId, counter: 0 })
    .onConflictDoUpdate({ target: t.rule, set: { counter: sql`${t.counter} + 1` } })
    .returning({ counter: t.counter });
  batch?.memo.set(key, turn!.counter);
  return turn!.counter;
}

/**
 * Decide the owner and unit of a new lead (inside the intake transaction: the round-robin turn
 * commits with the lead). Within a group-commit batch the unit and its members are read once.
 * @example
 * await assignLead(tx, { source: 'website-form', partnerId: null, data: { city: 'Gdańsk' } })
 * // { ownerId: '0193…', unitId: '0193…', rule: 'pomorze' }
 */
export async function assignLead(ctx: Ctx, facts: AssignFacts, batch?: Batch): Promise<Assignment> {
  const { t } = ctx;
  const cfg = ctx.config.leads.assignment;
  for (const rule of cfg.rules as readonly Rule[]) {
    if (!matches(rule, facts)) continue;
    if (rule.user) {
      const [u] = await ctx.db
        .select({ id: t.users.id })
        .from(t.users)
        .where(and(eq(t.users.email, rule.user.toLowerCase()), isNull(t.users.disabledAt)))
        .limit(1);
      if (u) return { ownerId: u.id, unitId: await unitOfUser(ctx, u.id), rule: rule.id };
      continue;
    }
    if (!rule.unit) return { ownerId: null, unitId: null, rule: rule.id };
    const now = ctx.clock.now();
    const found = await memo(batch, `assign-unit:${rule.unit}`, async () => {
      const [unit] = await ctx.db
        .select({ id: t.units.id })
        .from(t.units)
        .where(and(eq(t.units.code, rule.unit!), isNull(t.units.archivedAt)))
        .limit(1);
      if (!unit) return null;
      const members = await ctx.db
        .select({ id: t.users.id, email: t.users.email, roles: t.users.roles })
        .from(t.memberships)
        .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
        .where(
          and(
            eq(t.memberships.unitId, unit.id),
            lte(t.memberships.validFrom, now),
            or(isNull(t.memberships.validTo), gt(t.memberships.validTo, now)),
            isNull(t.users.disabledAt),
          ),
        )
        .orderBy(asc(t.users.id));
      return { unit, pool: members.filter((m) => m.roles.some((r) => cfg.roles.includes(r))) };
    });
    if (!found) continue;
    const { unit, pool } = found;
    if (!pool.length) return { ownerId: null, unitId: unit.id, rule: rule.id };
    const owner = pool[(await nextTurn(ctx, rule.id, batch)) % pool.length]!;
    return { ownerId: owner.id, unitId: unit.id, rule: rule.id, ownerEmail: owner.email };
  }
  return { ownerId: null, unitId: null, rule: null };
}
