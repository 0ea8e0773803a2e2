/**
 * @module compliance/lapsing
 * The manager's list: advisors (within the actor's `compliance:read` scope, by their current unit)
 * whose KNF registration or latest OC policy ends within the next days, or has already ended.
 */
import { and, eq, isNull, or } from 'drizzle-orm';
import { canAccess, requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { membershipAt } from '../org/index.ts';
import { daysBetween, today } from './dates.ts';

export interface LapsingItem {
  userId: string;
  name: string;
  unitId: string | null;
  item: 'registration' | 'policy';
  /** The KNF number or the policy number. */
  reference: string;
  validTo: string;
  /** Days from today to the last valid day (0: ends today; negative: already lapsed). */
  daysLeft: number;
  status: 'lapsing' | 'lapsed';
}

/**
 * @example
 * const soon = await listLapsing(ctx, { withinDays: 30 });
 * soon[0] // { name: 'Anna Nowak', item: 'policy', reference: 'OC/2026/118', validTo: '2026-04-30', daysLeft: 12, … }
 */
export async function listLapsing(ctx: Ctx, options: { withinDays?: number } = {}): Promise<LapsingItem[]> {
  requirePermission(ctx.actor, 'compliance:read');
  const within = options.withinDays ?? Math.max(...ctx.config.compliance.remindDaysBefore, 30);
  if (!Number.isInteger(within) || within < 0 || within > 366)
    throw invalid('withinDays must be a whole number of days from 0 to 366', [
      { path: '/withinDays', message: 'from 0 to 366' },
    ]);
  const { t } = ctx;
  const now = ctx.clock.now();
  const people = await ctx.db
    .select({ id: t.users.id, name: t.users.name, unitId: t.memberships.unitId })
    .from(t.users)
    .leftJoin(t.memberships, and(eq(t.memberships.userId, t.users.id), membershipAt(t, now)))
    .where(isNull(t.users.disabledAt));
  const visible = new Map<string, { name: string; unitId: string | null }>();
  for (const p of people)
    if (canAccess(ctx.actor, 'compliance:read', { ownerId: p.id, unitId: p.unitId ?? null }))
      visible.set(p.id, { name: p.name, unitId: p.unitId ?? null });
  if (!visible.size) return [];
  const regs = await ctx.db.select().from(t.complianceRegistrations);
  const policies = await ctx.db.select().from(t.compliancePolicies);
  const latest = new Map<string, { policyNumber: string; validTo: string }>();
  for (const p of policies) {
    const cur = latest.get(p.userId);
    if (!cur || p.validTo > cur.validTo) latest.set(p.userId, p);
  }
  const day = today(ctx);
  const out: LapsingItem[] = [];
  const add = (userId: string, item: LapsingItem['item'], reference: string, validTo: string) => {
    const who = visible.get(userId);
    const daysLeft = daysBetween(day, validTo);
    if (!who || daysLeft > within) return;
    out.push({ userId, ...who, item, reference, validTo, daysLeft, status: daysLeft < 0 ? 'lapsed' : 'lapsing' });
  };
  for (const r of regs) if (r.validTo) add(r.userId, 'registration', r.knfNumber, r.validTo);
  for (const [userId, p] of latest) add(userId, 'policy', p.policyNumber, p.validTo);
  return out.sort(
    (a, b) => a.daysLeft - b.daysLeft || a.name.localeCompare(b.name, 'pl') || (a.item < b.item ? -1 : 1),
  );
}
