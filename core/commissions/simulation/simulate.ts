/**
 * @module commissions/simulation/simulate
 * "What if the draft had been in force?": the engine (`proposeCommissions`, the same function that
 * books every sale) re-run over the stored sales of a period twice — with the published rules and with
 * the draft composed on top of them from the period's first day (`composeRuleSet`, as publishing does)
 * — and the differences per recipient and per line, exact to the grosz. Nothing is written. Only
 * sales and lines the caller may read (`commissions:read`) count; at most `MAX_SIMULATION_SALES` sales
 * (the earliest), saying how many there were.
 */
import { and, asc, count, eq, gte, inArray, lte } from 'drizzle-orm';
import { canAccess, requirePermission, scopeCondition } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { proposeCommissions } from '../engine/propose.ts';
import { ruleTypesOf } from '../engine/rule-types.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import type { BeneficiaryKind, CommissionContext, CommissionLine, CommissionSale } from '../engine/types.ts';
import { latestRuleSet } from '../products/rule-sets.ts';
import { composeRuleSet } from '../rules/compose.ts';
import type { CommissionRuleSet, Ledger } from '../rules/schema.ts';

/** Sales simulated at most per run; the rest are counted and named in `salesTotal`. */
export const MAX_SIMULATION_SALES = 20_000;
/** Changed lines returned at most (the per-recipient totals count them all). */
export const MAX_SIMULATION_LINES = 2_000;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface SimulationRecipient {
  kind: BeneficiaryKind;
  id: string;
  name: string | null;
  oldMinor: number;
  newMinor: number;
  diffMinor: number;
  /** Lines of this recipient whose amount or rule changes. */
  changedLines: number;
}

export interface SimulationLine {
  saleId: string;
  saleDate: string;
  provider: string;
  product: string;
  ledger: Ledger;
  component: string;
  recipient: { kind: BeneficiaryKind; id: string; name: string | null };
  oldMinor: number;
  newMinor: number;
  diffMinor: number;
  oldRuleId: string | null;
  newRuleId: string | null;
}

export interface Simulation {
  from: string;
  to: string;
  /** Sales in the period the caller may read, and how many of them were simulated. */
  salesTotal: number;
  salesSimulated: number;
  totals: { oldMinor: number; newMinor: number; diffMinor: number };
  /** Every recipient with a line in the period, biggest change first. */
  recipients: SimulationRecipient[];
  /** Lines whose amount or rule changes, at most `MAX_SIMULATION_LINES`. */
  lines: SimulationLine[];
  linesTotal: number;
}

/** The previous calendar month in the firm's zone: [first day, last day]. */
export function previousMonth(ctx: Ctx): { from: string; to: string } {
  const today = saleDateOf(ctx.clock.now(), ctx.config.firm.timeZone);
  let [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
  if (--m === 0) [y, m] = [y - 1, 12];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const p = `${y}-${String(m).padStart(2, '0')}`;
  return { from: `${p}-01`, to: `${p}-${last}` };
}

/** The engine's view of a stored sale: its facts as recorded, with their period volumes. */
export function storedSaleInput(
  facts: unknown,
  saleDate: string,
): { sale: CommissionSale; context: CommissionContext } {
  const { periodVolumeMinor, ...sale } = facts as CommissionSale & {
    periodVolumeMinor?: CommissionContext['periodVolumeMinor'];
  };
  return { sale, context: { period: saleDate.slice(0, 7), ...(periodVolumeMinor ? { periodVolumeMinor } : {}) } };
}

const keyOf = (l: CommissionLine) =>
  `${l.ledger}\u0000${l.component}\u0000${l.beneficiary.kind}\u0000${l.beneficiary.id}`;

async function namesOf(ctx: Ctx, ids: Record<BeneficiaryKind, Set<string>>): Promise<Map<string, string>> {
  const { t } = ctx;
  const out = new Map<string, string>();
  const load = async (kind: BeneficiaryKind, table: typeof t.users | typeof t.partners | typeof t.units) => {
    const list = [...ids[kind]];
    for (let i = 0; i < list.length; i += 500) {
      const rows = await ctx.db
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(inArray(table.id, list.slice(i, i + 500)));
      for (const r of rows) out.set(`${kind}:${r.id}`, r.name);
    }
  };
  await load('advisor', t.users);
  await load('partner', t.partners);
  await load('unit', t.units);
  const providers = [...ids.provider];
  if (providers.length)
    for (const r of await ctx.db
      .select({ id: t.commissionProviders.id, name: t.commissionProviders.name })
      .from(t.commissionProviders)
      .where(inArray(t.commissionProviders.id, providers)))
      out.set(`provider:${r.id}`, r.name);
  return out;
}

/**
 * Re-runs the engine over the period's sales with `draft` instead of the rules in force; nothing is
 * written. `from`/`to` are local dates, both included (default: the previous calendar month).
 * @example
 * const sim = await simulateRuleSet(ctx, draft, { from: '2026-11-01', to: '2026-11-30' });
 * sim.recipients[0] // { kind: 'advisor', name: 'Anna Nowak', oldMinor: 405000, newMinor: 472500, diffMinor: 67500, … }
 */
export async function simulateRuleSet(
  ctx: Ctx,
  draft: CommissionRuleSet,
  period: { from?: unknown; to?: unknown } = {},
  limits: { sales?: number; lines?: number } = {},
): Promise<Simulation> {
  requirePermission(ctx.actor, 'commissions:rules');
  const fallback = previousMonth(ctx);
  const from = period.from ?? fallback.from;
  const to = period.to ?? fallback.to;
  const problems = [];
  if (typeof from !== 'string' || !DATE.test(from))
    problems.push({ path: '/from', message: 'must be a date YYYY-MM-DD' });
  if (typeof to !== 'string' || !DATE.test(to)) problems.push({ path: '/to', message: 'must be a date YYYY-MM-DD' });
  else if (typeof from === 'string' && to < from) problems.push({ path: '/to', message: 'must not be before "from"' });
  if (problems.length) throw invalid('The simulation period is not valid', problems);
  const [f, e] = [from as string, to as string];
  const current = (await latestRuleSet(ctx)) ?? { version: 1, rules: [] };
  const candidate = composeRuleSet(current, draft, f, current.version + 1);
  const ruleTypes = ruleTypesOf(ctx.plugins);
  const s = ctx.t.sales;
  const where = and(
    scopeCondition(ctx.actor, 'commissions:read', { owner: s.advisorId, unit: s.unitId, partner: s.partnerId }),
    eq(s.status, 'active'),
    gte(s.saleDate, f),
    lte(s.saleDate, e),
  );
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(s).where(where);
  const cap = Math.min(limits.sales ?? MAX_SIMULATION_SALES, MAX_SIMULATION_SALES);
  const lineCap = Math.min(limits.lines ?? MAX_SIMULATION_LINES, MAX_SIMULATION_LINES);
  const rows = await ctx.db
    .select({
      id: s.id,
      saleDate: s.saleDate,
      provider: s.provider,
      product: s.product,
      unitId: s.unitId,
      facts: s.facts,
    })
    .from(s)
    .where(where)
    .orderBy(asc(s.saleDate), asc(s.id))
    .limit(cap);
  const recipients = new Map<string, SimulationRecipient>();
  const lines: SimulationLine[] = [];
  let linesTotal = 0;
  const totals = { oldMinor: 0, newMinor: 0, diffMinor: 0 };
  for (const row of rows) {
    const { sale, context } = storedSaleInput(row.facts, row.saleDate);
    const before = proposeCommissions(sale, context, current, ruleTypes);
    const after = proposeCommissions(sale, context, candidate, ruleTypes);
    const pairs = new Map<string, { old?: CommissionLine; new?: CommissionLine }>();
    for (const l of before) pairs.set(keyOf(l), { old: l });
    for (const l of after) {
      const p = pairs.get(keyOf(l));
      if (p) p.new = l;
      else pairs.set(keyOf(l), { new: l });
    }
    for (const p of pairs.values()) {
      const l = (p.new ?? p.old)!;
      const visible = canAccess(ctx.actor, 'commissions:read', {
        ownerId: l.beneficiary.kind === 'advisor' ? l.beneficiary.id : null,
        unitId: row.unitId,
        partnerId: l.beneficiary.kind === 'partner' ? l.beneficiary.id : null,
      });
      if (!visible) continue;
      const oldMinor = p.old?.amountMinor ?? 0;
      const newMinor = p.new?.amountMinor ?? 0;
      const rk = `${l.beneficiary.kind}:${l.beneficiary.id}`;
      let r = recipients.get(rk);
      if (!r)
        recipients.set(
          rk,
          (r = { ...l.beneficiary, name: null, oldMinor: 0, newMinor: 0, diffMinor: 0, changedLines: 0 }),
        );
      r.oldMinor += oldMinor;
      r.newMinor += newMinor;
      r.diffMinor += newMinor - oldMinor;
      totals.oldMinor += oldMinor;
      totals.newMinor += newMinor;
      totals.diffMinor += newMinor - oldMinor;
      const oldRuleId = p.old?.ruleId ?? null;
      const newRuleId = p.new?.ruleId ?? null;
      if (oldMinor === newMinor && oldRuleId === newRuleId) continue;
      r.changedLines++;
      linesTotal++;
      if (lines.length < lineCap)
        lines.push({
          saleId: row.id,
          saleDate: row.saleDate,
          provider: row.provider,
          product: row.product,
          ledger: l.ledger,
          component: l.component,
          recipient: { ...l.beneficiary, name: null },
          oldMinor,
          newMinor,
          diffMinor: newMinor - oldMinor,
          oldRuleId,
          newRuleId,
        });
    }
  }
  const ids: Record<BeneficiaryKind, Set<string>> = {
    provider: new Set(),
    advisor: new Set(),
    partner: new Set(),
    unit: new Set(),
  };
  for (const r of recipients.values()) ids[r.kind].add(r.id);
  const names = await namesOf(ctx, ids);
  for (const r of recipients.values()) r.name = names.get(`${r.kind}:${r.id}`) ?? null;
  for (const l of lines) l.recipient.name = names.get(`${l.recipient.kind}:${l.recipient.id}`) ?? null;
  return {
    from: f,
    to: e,
    salesTotal: Number(n),
    salesSimulated: rows.length,
    totals,
    recipients: [...recipients.values()].sort(
      (a, b) => Math.abs(b.diffMinor) - Math.abs(a.diffMinor) || (a.name ?? a.id).localeCompare(b.name ?? b.id),
    ),
    lines,
    linesTotal,
  };
}
