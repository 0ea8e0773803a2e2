/**
 * @module reports/params
 * Turns a request's parameters into validated `ReportParams`, or a 4xx naming the parameter:
 * unknown type or group-by (422), a date that is not a date, a reversed range, a range longer than
 * `MAX_RANGE_DAYS` (422), a unit or person outside the actor's `reports:read` scope (403).
 */
import { requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { CrmError, invalid } from '../errors.ts';
import { utcToZoned } from '../time/index.ts';
import type { Network } from './dimension.ts';
import { daysBetween, instantsOf, isLocalDate, periodRange } from './period.ts';
import { groupBys, periods, type GroupBy, type PeriodKind, type ReportDefinition, type ReportParams } from './types.ts';

/** The longest range a report may span: five years (1827 days, leap days included). */
export const MAX_RANGE_DAYS = 1827;
export const DEFAULT_STALLED_DAYS = 14;

/** Parameters as they come from a query string or a caller. */
export interface ReportInput {
  type?: string;
  groupBy?: string;
  period?: string;
  /** A day inside the period (day, week, month, quarter); default today. */
  at?: string;
  /** Custom range, inclusive local dates. */
  from?: string;
  to?: string;
  unitId?: string;
  userId?: string;
  compare?: boolean | string;
  stalledDays?: number | string;
}

const bad = (path: string, message: string) =>
  invalid(`Invalid report parameter ${path.slice(1)}`, [{ path, message }]);

/**
 * @example
 * const p = resolveParams(ctx, net, definition, { groupBy: 'branch', period: 'quarter', at: '2026-05-14' });
 * p.from // '2026-04-01'
 */
export function resolveParams(ctx: Ctx, net: Network, def: ReportDefinition, input: ReportInput): ReportParams {
  const scopes = requirePermission(ctx.actor, 'reports:read');
  const groupBy = (input.groupBy ?? def.groupBys[0]) as GroupBy;
  if (!groupBys.includes(groupBy)) throw bad('/groupBy', `must be one of ${groupBys.join(', ')}`);
  if (!def.groupBys.includes(groupBy))
    throw bad('/groupBy', `the ${def.id} report groups by ${def.groupBys.join(', ')}`);
  const period = (input.period ?? (input.from || input.to ? 'custom' : 'month')) as PeriodKind;
  if (!periods.includes(period)) throw bad('/period', `must be one of ${periods.join(', ')}`);
  const zone = ctx.config.firm.timeZone;
  let range: { from: string; to: string };
  if (period === 'custom') {
    if (!isLocalDate(input.from)) throw bad('/from', 'must be a date YYYY-MM-DD');
    if (!isLocalDate(input.to)) throw bad('/to', 'must be a date YYYY-MM-DD');
    range = { from: input.from, to: input.to };
  } else {
    const at = input.at ?? utcToZoned(ctx.clock.now(), zone).date;
    if (!isLocalDate(at)) throw bad('/at', 'must be a date YYYY-MM-DD');
    range = periodRange(period, at);
  }
  if (range.to < range.from) throw bad('/to', 'must not be before from');
  if (daysBetween(range.from, range.to) > MAX_RANGE_DAYS)
    throw bad('/to', `a report spans at most 5 years (${MAX_RANGE_DAYS} days)`);
  if (range.from < '2000-01-01') throw bad('/from', 'must not be before 2000-01-01');
  const unitId = input.unitId ?? null;
  if (unitId !== null) {
    if (!net.units.has(unitId)) throw bad('/unitId', 'no such unit');
    const reach = scopes.includes('all')
      ? true
      : scopes.includes('subtree')
        ? ctx.actor.subtreeUnitIds.has(unitId)
        : ctx.actor.unitIds.has(unitId);
    if (!reach)
      throw new CrmError('forbidden', 'This unit is outside your reports:read scope', {
        permission: 'reports:read',
        parameter: 'unitId',
      });
  }
  const userId = input.userId ?? (def.needsUser ? ctx.actor.userId : null);
  if (def.needsUser && !userId) throw bad('/userId', 'is required for this report');
  if (userId && !scopes.includes('all') && !scopes.includes('subtree') && !scopes.includes('unit')) {
    const ok = scopes.includes('team') ? ctx.actor.teamUserIds.has(userId) : userId === ctx.actor.userId;
    if (!ok)
      throw new CrmError('forbidden', 'This person is outside your reports:read scope', {
        permission: 'reports:read',
        parameter: 'userId',
      });
  }
  const compare = input.compare === true || input.compare === 'true' || input.compare === '1';
  const stalledDays = input.stalledDays === undefined ? DEFAULT_STALLED_DAYS : Number(input.stalledDays);
  if (!Number.isInteger(stalledDays) || stalledDays < 1 || stalledDays > 365)
    throw bad('/stalledDays', 'must be a whole number of days from 1 to 365');
  return {
    type: def.id,
    groupBy,
    period,
    ...range,
    ...instantsOf(range, zone),
    unitId,
    userId,
    compare,
    stalledDays,
  };
}
