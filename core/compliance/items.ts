/**
 * @module compliance/items
 * An advisor's compliance items, read and recorded by people allowed to: the KNF register entry
 * (number, tied or independent agent, dates), OC policies and training records. Reading needs
 * `compliance:read` over the user (own, team, unit, subtree, all by the user's current unit);
 * recording needs `compliance:write` over them. Every change is audited.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { canAccess, requirePermission, type Permission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden, invalid, notFound, type FieldProblem } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { unitOfUser } from '../org/index.ts';
import type { Tables } from '../storage/index.ts';
import { isDate } from './dates.ts';
import { complianceState, type ComplianceState } from './state.ts';

export type RegistrationRow = Tables['complianceRegistrations']['$inferSelect'];
export type PolicyRow = Tables['compliancePolicies']['$inferSelect'];
export type TrainingRow = Tables['complianceTrainings']['$inferSelect'];

export interface RegistrationInput {
  knfNumber: string;
  agentType: 'tied' | 'independent';
  validFrom: string;
  validTo?: string | null;
}
export interface PolicyInput {
  policyNumber: string;
  insurer?: string | null;
  validFrom: string;
  validTo: string;
}
export interface TrainingInput {
  name: string;
  date: string;
  /** Hours, in quarters at the finest (1.5 = 90 minutes). */
  hours: number;
}

export interface Training {
  id: string;
  name: string;
  date: string;
  hours: number;
}

/** One advisor's compliance record, and its state today. */
export interface ComplianceRecord {
  userId: string;
  registration: Omit<RegistrationRow, 'userId' | 'updatedBy'> | null;
  policies: Omit<PolicyRow, 'userId' | 'createdBy'>[];
  trainings: Training[];
  /** Totals of training hours per calendar year, e.g. `{ "2026": 8 }`. */
  trainingHoursByYear: Record<string, number>;
  today: ComplianceState;
}

/** 404 for a user the actor may not see under `permission`; 403 when they may see but not change them. */
async function scopedUser(ctx: Ctx, userId: string, permission: Permission): Promise<{ name: string }> {
  requirePermission(ctx.actor, permission);
  const [u] = await ctx.db
    .select({ id: ctx.t.users.id, name: ctx.t.users.name })
    .from(ctx.t.users)
    .where(eq(ctx.t.users.id, userId))
    .limit(1);
  const own = { ownerId: userId, unitId: u ? await unitOfUser(ctx, userId) : null };
  const reads = canAccess(ctx.actor, 'compliance:read', own) || canAccess(ctx.actor, permission, own);
  if (!u || !reads) throw notFound('User', userId);
  if (!canAccess(ctx.actor, permission, own))
    throw forbidden(`This user is outside your ${permission} scope`, { permission });
  return u;
}

function dateProblems(pairs: [unknown, string, boolean][]): FieldProblem[] {
  return pairs.flatMap(([v, path, required]) =>
    (v === undefined || v === null) && !required
      ? []
      : isDate(v)
        ? []
        : [{ path, message: 'must be a date YYYY-MM-DD' }],
  );
}

function orderProblem(from: unknown, to: unknown, path: string): FieldProblem[] {
  return isDate(from) && isDate(to) && to < from ? [{ path, message: 'must not be before validFrom' }] : [];
}

const training = (r: TrainingRow): Training => ({ id: r.id, name: r.name, date: r.date, hours: r.minutes / 60 });

/**
 * @example
 * const rec = await getCompliance(ctx, advisorId);
 * rec.today.missing // [] when registered and insured today
 */
export async function getCompliance(ctx: Ctx, userId: string): Promise<ComplianceRecord> {
  await scopedUser(ctx, userId, 'compliance:read');
  const { t } = ctx;
  const [reg] = await ctx.db
    .select()
    .from(t.complianceRegistrations)
    .where(eq(t.complianceRegistrations.userId, userId))
    .limit(1);
  const policies = await ctx.db
    .select()
    .from(t.compliancePolicies)
    .where(eq(t.compliancePolicies.userId, userId))
    .orderBy(desc(t.compliancePolicies.validTo), asc(t.compliancePolicies.id));
  const trainings = await ctx.db
    .select()
    .from(t.complianceTrainings)
    .where(eq(t.complianceTrainings.userId, userId))
    .orderBy(desc(t.complianceTrainings.date), asc(t.complianceTrainings.id));
  const byYear: Record<string, number> = {};
  for (const r of trainings) byYear[r.date.slice(0, 4)] = (byYear[r.date.slice(0, 4)] ?? 0) + r.minutes / 60;
  return {
    userId,
    registration: reg
      ? {
          knfNumber: reg.knfNumber,
          agentType: reg.agentType,
          validFrom: reg.validFrom,
          validTo: reg.validTo,
          updatedAt: reg.updatedAt,
        }
      : null,
    policies: policies.map(({ userId: _u, createdBy: _c, ...p }) => p),
    trainings: trainings.map(training),
    trainingHoursByYear: byYear,
    today: await complianceState(ctx, userId),
  };
}

/**
 * Records (or replaces) the user's KNF register entry.
 * @example
 * await setRegistration(ctx, advisorId, { knfNumber: 'RPH000123', agentType: 'tied', validFrom: '2025-01-10' });
 */
export async function setRegistration(ctx: Ctx, userId: string, input: RegistrationInput): Promise<ComplianceRecord> {
  await scopedUser(ctx, userId, 'compliance:write');
  const problems = [
    ...dateProblems([
      [input.validFrom, '/validFrom', true],
      [input.validTo, '/validTo', false],
    ]),
    ...orderProblem(input.validFrom, input.validTo, '/validTo'),
  ];
  if (!input.knfNumber?.trim()) problems.push({ path: '/knfNumber', message: 'the KNF register number is required' });
  if (problems.length) throw invalid('The KNF registration is invalid', problems);
  const row: RegistrationRow = {
    userId,
    knfNumber: input.knfNumber.trim(),
    agentType: input.agentType,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    updatedBy: ctx.actor.userId,
    updatedAt: ctx.clock.now(),
  };
  const { userId: _u, ...set } = row;
  await ctx.db
    .insert(ctx.t.complianceRegistrations)
    .values(row)
    .onConflictDoUpdate({ target: ctx.t.complianceRegistrations.userId, set });
  await writeAudit(ctx, {
    action: 'compliance.registration',
    entity: 'user',
    entityId: userId,
    data: { knfNumber: row.knfNumber, agentType: row.agentType, validFrom: row.validFrom, validTo: row.validTo },
  });
  return getCompliance(ctx, userId);
}

/**
 * Adds an OC (professional liability) policy; a renewal is a new policy.
 * @example
 * await addPolicy(ctx, advisorId, { policyNumber: 'OC/2026/118', insurer: 'TU Przykład', validFrom: '2026-01-01',
 *   validTo: '2026-12-31' });
 */
export async function addPolicy(ctx: Ctx, userId: string, input: PolicyInput): Promise<ComplianceRecord> {
  await scopedUser(ctx, userId, 'compliance:write');
  const problems = [
    ...dateProblems([
      [input.validFrom, '/validFrom', true],
      [input.validTo, '/validTo', true],
    ]),
    ...orderProblem(input.validFrom, input.validTo, '/validTo'),
  ];
  if (!input.policyNumber?.trim()) problems.push({ path: '/policyNumber', message: 'the policy number is required' });
  if (problems.length) throw invalid('The OC policy is invalid', problems);
  const id = newId();
  await ctx.db.insert(ctx.t.compliancePolicies).values({
    id,
    userId,
    policyNumber: input.policyNumber.trim(),
    insurer: input.insurer?.trim() || null,
    validFrom: input.validFrom,
    validTo: input.validTo,
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  });
  await writeAudit(ctx, {
    action: 'compliance.policy.add',
    entity: 'user',
    entityId: userId,
    data: { policyId: id, policyNumber: input.policyNumber.trim(), validFrom: input.validFrom, validTo: input.validTo },
  });
  return getCompliance(ctx, userId);
}

/** Removes a policy entered by mistake (404 when the user has no such policy). */
export async function removePolicy(ctx: Ctx, userId: string, policyId: string): Promise<ComplianceRecord> {
  await scopedUser(ctx, userId, 'compliance:write');
  const t = ctx.t.compliancePolicies;
  const gone = await ctx.db
    .delete(t)
    .where(and(eq(t.id, policyId), eq(t.userId, userId)))
    .returning({ id: t.id, policyNumber: t.policyNumber });
  if (!gone.length) throw notFound('OC policy', policyId);
  await writeAudit(ctx, {
    action: 'compliance.policy.remove',
    entity: 'user',
    entityId: userId,
    data: { policyId, policyNumber: gone[0]!.policyNumber },
  });
  return getCompliance(ctx, userId);
}

/**
 * Records a training (name, date, hours).
 * @example
 * await addTraining(ctx, advisorId, { name: 'Szkolenie okresowe KNF', date: '2026-02-12', hours: 8 });
 */
export async function addTraining(ctx: Ctx, userId: string, input: TrainingInput): Promise<ComplianceRecord> {
  await scopedUser(ctx, userId, 'compliance:write');
  const problems = dateProblems([[input.date, '/date', true]]);
  if (!input.name?.trim()) problems.push({ path: '/name', message: 'the training needs a name' });
  const minutes = input.hours * 60;
  if (typeof input.hours !== 'number' || !(input.hours > 0) || !Number.isInteger(minutes) || minutes % 15 !== 0)
    problems.push({ path: '/hours', message: 'must be more than 0, in quarters of an hour (e.g. 1.5)' });
  if (problems.length) throw invalid('The training record is invalid', problems);
  const id = newId();
  await ctx.db.insert(ctx.t.complianceTrainings).values({
    id,
    userId,
    name: input.name.trim(),
    date: input.date,
    minutes,
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  });
  await writeAudit(ctx, {
    action: 'compliance.training.add',
    entity: 'user',
    entityId: userId,
    data: { trainingId: id, name: input.name.trim(), date: input.date, hours: input.hours },
  });
  return getCompliance(ctx, userId);
}

/** Removes a training record entered by mistake. */
export async function removeTraining(ctx: Ctx, userId: string, trainingId: string): Promise<ComplianceRecord> {
  await scopedUser(ctx, userId, 'compliance:write');
  const t = ctx.t.complianceTrainings;
  const gone = await ctx.db
    .delete(t)
    .where(and(eq(t.id, trainingId), eq(t.userId, userId)))
    .returning({ id: t.id });
  if (!gone.length) throw notFound('Training record', trainingId);
  await writeAudit(ctx, {
    action: 'compliance.training.remove',
    entity: 'user',
    entityId: userId,
    data: { trainingId },
  });
  return getCompliance(ctx, userId);
}
