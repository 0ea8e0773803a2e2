/**
 * @module compliance/state
 * Whether an advisor may act as a credit intermediary on a given local date: a KNF register entry
 * in force that day and an OC policy covering it. What is missing or lapsed is named, item by item,
 * so a refusal can say exactly which policy expired when. No permission check: the guard asks this
 * on behalf of whoever records the sale.
 */
import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { today } from './dates.ts';

export type ItemStatus = 'valid' | 'missing' | 'lapsed' | 'not-yet-valid';

export interface ComplianceProblem {
  item: 'registration' | 'policy';
  status: Exclude<ItemStatus, 'valid'>;
  /** The KNF number or the policy number concerned, when there is one. */
  reference: string | null;
  /** The last valid day of a lapsed item. */
  validTo: string | null;
  message: string;
}

export interface ComplianceState {
  date: string;
  registration: { status: ItemStatus; knfNumber: string | null; agentType: string | null; validTo: string | null };
  policy: { status: ItemStatus; policyNumber: string | null; validTo: string | null };
  /** Empty when the advisor may act that day. */
  missing: ComplianceProblem[];
}

/**
 * @example
 * const s = await complianceState(ctx, advisorId, '2026-04-02');
 * s.missing[0]?.message // 'the OC policy OC/2025/7 expired on 2026-03-31'
 */
export async function complianceState(ctx: Ctx, userId: string, date: string = today(ctx)): Promise<ComplianceState> {
  const { t } = ctx;
  const missing: ComplianceProblem[] = [];
  const [reg] = await ctx.db
    .select()
    .from(t.complianceRegistrations)
    .where(eq(t.complianceRegistrations.userId, userId))
    .limit(1);
  let regStatus: ItemStatus = 'valid';
  if (!reg) {
    regStatus = 'missing';
    missing.push({
      item: 'registration',
      status: 'missing',
      reference: null,
      validTo: null,
      message: 'no entry in the KNF register of credit intermediaries is recorded for the advisor',
    });
  } else if (date < reg.validFrom) {
    regStatus = 'not-yet-valid';
    missing.push({
      item: 'registration',
      status: 'not-yet-valid',
      reference: reg.knfNumber,
      validTo: reg.validTo,
      message: `the KNF registration ${reg.knfNumber} is in force only from ${reg.validFrom}`,
    });
  } else if (reg.validTo && date > reg.validTo) {
    regStatus = 'lapsed';
    missing.push({
      item: 'registration',
      status: 'lapsed',
      reference: reg.knfNumber,
      validTo: reg.validTo,
      message: `the KNF registration ${reg.knfNumber} ended on ${reg.validTo}`,
    });
  }
  const p = t.compliancePolicies;
  const [cover] = await ctx.db
    .select()
    .from(p)
    .where(and(eq(p.userId, userId), lte(p.validFrom, date), gte(p.validTo, date)))
    .orderBy(desc(p.validTo))
    .limit(1);
  let policy: ComplianceState['policy'] = {
    status: 'valid',
    policyNumber: cover?.policyNumber ?? null,
    validTo: cover?.validTo ?? null,
  };
  if (!cover) {
    // The latest policy that ended before the date names what lapsed; otherwise there is none at all.
    const [last] = await ctx.db
      .select()
      .from(p)
      .where(and(eq(p.userId, userId), lte(p.validTo, date)))
      .orderBy(desc(p.validTo))
      .limit(1);
    if (last) {
      policy = { status: 'lapsed', policyNumber: last.policyNumber, validTo: last.validTo };
      missing.push({
        item: 'policy',
        status: 'lapsed',
        reference: last.policyNumber,
        validTo: last.validTo,
        message: `the OC policy ${last.policyNumber} expired on ${last.validTo}`,
      });
    } else {
      policy = { status: 'missing', policyNumber: null, validTo: null };
      missing.push({
        item: 'policy',
        status: 'missing',
        reference: null,
        validTo: null,
        message: `no OC (professional liability) policy covers ${date}`,
      });
    }
  }
  return {
    date,
    registration: {
      status: regStatus,
      knfNumber: reg?.knfNumber ?? null,
      agentType: reg?.agentType ?? null,
      validTo: reg?.validTo ?? null,
    },
    policy,
    missing,
  };
}
