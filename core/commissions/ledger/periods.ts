/**
 * @module commissions/ledger/periods
 * Settlement months per ledger. A closed month takes no new lines: a line that would belong to it
 * (a late sale, a correction after closing) is booked in the first open month after it instead,
 * so a statement once closed never changes.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { requirePermission, scopeCondition } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { conflict, invalid } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import { periodOf } from '../../time/index.ts';
import type { Ledger } from '../rules/schema.ts';

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month after `period` (`2026-12` → `2027-01`). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Closed months of a ledger among `periods`. */
async function closedAmong(ctx: Ctx, ledger: Ledger, periods: string[]): Promise<Set<string>> {
  const { t } = ctx;
  const rows = await ctx.db
    .select({ period: t.commissionPeriods.period })
    .from(t.commissionPeriods)
    .where(and(eq(t.commissionPeriods.ledger, ledger), inArray(t.commissionPeriods.period, periods)));
  return new Set(rows.map((r) => r.period));
}

/**
 * The month a new line on `ledger` is booked in: `wanted`, or the first open month after it.
 * @example
 * await bookingPeriod(ctx, 'advisor', '2026-03') // '2026-04' once March is closed for advisors
 */
export async function bookingPeriod(ctx: Ctx, ledger: Ledger, wanted: string): Promise<string> {
  let p = wanted;
  for (;;) {
    const window: string[] = [];
    for (let i = 0, q = p; i < 12; i++, q = nextPeriod(q)) window.push(q);
    const closed = await closedAmong(ctx, ledger, window);
    const open = window.find((q) => !closed.has(q));
    if (open) return open;
    p = nextPeriod(window[window.length - 1]!);
  }
}

export interface PeriodState {
  ledger: Ledger;
  period: string;
  closed: boolean;
  closedAt: Date | null;
  lines: number;
  pending: number;
  totalMinor: number;
}

/**
 * Months that have lines or are closed, per ledger, with how many lines still wait for approval,
 * counted over the lines in the caller's `settlements:read` scope only.
 * @example
 * const periods = await listPeriods(ctx, { ledger: 'advisor' });
 */
export async function listPeriods(ctx: Ctx, filter: { ledger?: Ledger } = {}): Promise<PeriodState[]> {
  const scopes = requirePermission(ctx.actor, 'settlements:read');
  const { t } = ctx;
  // Counts and totals cover only the lines in the caller's settlements:read scope (an advisor their
  // own, a manager their units', a partner its firm's, a partner login without a firm nothing).
  const c = t.commissionLines;
  const inScope = scopeCondition(ctx.actor, 'settlements:read', {
    owner: c.ownerId,
    unit: c.unitId,
    partner: c.partnerId,
  });
  const firmWide = scopes.includes('all');
  const counts = await ctx.db
    .select({
      ledger: t.commissionLines.ledger,
      period: t.commissionLines.period,
      lines: sql<number>`count(*)`,
      pending: sql<number>`sum(case when ${t.commissionLines.status} <> 'approved' then 1 else 0 end)`,
      total: sql<number>`sum(${t.commissionLines.amountMinor})`,
    })
    .from(t.commissionLines)
    .where(and(inScope, filter.ledger ? eq(t.commissionLines.ledger, filter.ledger) : undefined))
    .groupBy(t.commissionLines.ledger, t.commissionLines.period);
  const closed = await ctx.db
    .select()
    .from(t.commissionPeriods)
    .where(filter.ledger ? eq(t.commissionPeriods.ledger, filter.ledger) : undefined)
    .orderBy(asc(t.commissionPeriods.period));
  const out = new Map<string, PeriodState>();
  for (const c of counts)
    out.set(`${c.ledger}|${c.period}`, {
      ledger: c.ledger,
      period: c.period,
      closed: false,
      closedAt: null,
      lines: Number(c.lines),
      pending: Number(c.pending ?? 0),
      totalMinor: Number(c.total ?? 0),
    });
  for (const c of closed) {
    const key = `${c.ledger}|${c.period}`;
    // A caller with a narrower scope sees closings only of months where it has lines.
    if (!firmWide && !out.has(key)) continue;
    const s = out.get(key) ?? {
      ledger: c.ledger as Ledger,
      period: c.period,
      closed: true,
      closedAt: c.closedAt,
      lines: 0,
      pending: 0,
      totalMinor: 0,
    };
    out.set(key, { ...s, closed: true, closedAt: c.closedAt });
  }
  return [...out.values()].sort((a, b) => b.period.localeCompare(a.period) || a.ledger.localeCompare(b.ledger));
}

/**
 * Closes a month on one ledger (needs `settlements:close`). Every line of the month must be
 * approved first (409 otherwise, with the count); a month cannot be closed twice (409).
 * The caller generates the final statements in the same transaction.
 */
export async function markPeriodClosed(ctx: Ctx, ledger: Ledger, period: string): Promise<void> {
  requirePermission(ctx.actor, 'settlements:close');
  if (!PERIOD.test(period)) throw invalid('Not a period', [{ path: '/period', message: 'must be YYYY-MM' }]);
  if (period > periodOf(ctx.clock.now(), ctx.config.firm.timeZone))
    throw conflict(`The month ${period} has not started yet`);
  const { t } = ctx;
  const [pending] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(t.commissionLines)
    .where(
      and(
        eq(t.commissionLines.ledger, ledger),
        eq(t.commissionLines.period, period),
        ne(t.commissionLines.status, 'approved'),
      ),
    );
  if (Number(pending?.n ?? 0) > 0)
    throw conflict(`${pending!.n} line(s) of ${ledger} ${period} are not approved yet`, {
      pending: Number(pending!.n),
    });
  const done = await closedAmong(ctx, ledger, [period]);
  if (done.size) throw conflict(`The month ${period} is already closed on the ${ledger} ledger`);
  await ctx.db
    .insert(t.commissionPeriods)
    .values({ id: newId(), ledger, period, closedBy: ctx.actor.userId, closedAt: ctx.clock.now() });
  await writeAudit(ctx, {
    action: 'commissions.period.close',
    entity: 'commission-period',
    entityId: `${ledger}:${period}`,
  });
}
