/**
 * @module commissions/ledger/reserve
 * The holdback reserve (stornofond). A rule with `holdback: { bp, months }` keeps that share of an
 * advisor's or partner's line back as a reserve against clawbacks: a `reserve` line of −share in the
 * sale's month and a `reserve` line of +share in the month the reserve is released (N months on),
 * waiting there for approval like any line, so it appears on that month's statement. A clawback of
 * the line draws on the reserve first: the part of the reversal the unreleased reserve covers
 * (at most the reserve) comes back as a `reserve` line in the clawback's month, and the release is
 * lowered by as much — the person pays only what the reserve does not cover, and a full clawback
 * still nets the ledger to exactly 0.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { moneyEn, moneyPl } from '../engine/explain-format.ts';
import type { CommissionLine } from '../engine/types.ts';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { insertLines, type LineRow } from './insert-lines.ts';

/** `amount × bp / 10 000`, rounded half up away from zero (exact). */
export function holdbackOf(amountMinor: number, bp: number): number {
  const n = BigInt(Math.abs(amountMinor)) * BigInt(bp);
  const q = Number((2n * n + 10_000n) / 20_000n);
  return amountMinor < 0 ? -q : q;
}

/** `YYYY-MM` plus `months`. */
export function addPeriodMonths(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + months;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

function reserveLine(
  l: LineRow,
  amountMinor: number,
  text: { pl: string; en: string },
): CommissionLine & { missing?: false } {
  return {
    saleId: l.saleId,
    ledger: l.ledger,
    component: l.component,
    beneficiary: { kind: l.beneficiaryKind, id: l.beneficiaryId },
    amountMinor,
    ruleId: l.ruleId,
    ruleVersion: l.ruleVersion,
    explanation: {
      base: { of: 'ledger', ledger: l.ledger, amountMinor: l.amountMinor },
      rate: { kind: 'none', text: 'reserve' },
      arithmetic: `${amountMinor}`,
      ...text,
    },
  } as unknown as CommissionLine & { missing?: false };
}

/**
 * Holds the reserve of each new advisor or partner line whose rule has a `holdback`, in the sale's
 * transaction (called by `recordSale`).
 * @example
 * await holdReserves(tx, ruleSet, lines); // 10% of a 2 400 zł line: −240 zł now, +240 zł in six months
 */
export async function holdReserves(ctx: Ctx, ruleSet: CommissionRuleSet, lines: readonly LineRow[]): Promise<void> {
  for (const l of lines) {
    if ((l.ledger !== 'advisor' && l.ledger !== 'partner') || l.missing || l.amountMinor <= 0) continue;
    const hb = ruleSet.rules.find((r) => r.id === l.ruleId)?.holdback;
    if (!hb) continue;
    const share = holdbackOf(l.amountMinor, hb.bp);
    if (share <= 0) continue;
    const release = addPeriodMonths(l.period, hb.months);
    await insertLines(
      ctx,
      [
        reserveLine(l, -share, {
          pl:
            `Rezerwa (stornofond) ${pct(hb.bp)} × ${moneyPl(l.amountMinor)} = ${moneyPl(share)}, ` +
            `do zwolnienia w ${release}`,
          en: `Holdback reserve ${pct(hb.bp)} × ${moneyEn(l.amountMinor)} = ${moneyEn(share)}, released in ${release}`,
        }),
      ],
      { kind: 'reserve', wantedPeriod: l.period, unitId: l.unitId, relatesTo: [l.id] },
    );
    await insertLines(
      ctx,
      [
        reserveLine(l, share, {
          pl: `Zwolnienie rezerwy (stornofond) z ${l.period}: ${moneyPl(share)}`,
          en: `Holdback reserve from ${l.period} released: ${moneyEn(share)}`,
        }),
      ],
      { kind: 'reserve', wantedPeriod: release, unitId: l.unitId, relatesTo: [l.id] },
    );
  }
}

/**
 * Lets new clawback lines draw on the reserves of the lines they reverse (called by `insertLines`).
 * @example
 * await drawReserves(tx, clawbackRows);
 */
export async function drawReserves(ctx: Ctx, clawbacks: readonly LineRow[]): Promise<void> {
  const c = ctx.t.commissionLines;
  for (const cb of clawbacks) {
    if (!cb.relatesTo || cb.amountMinor >= 0 || (cb.ledger !== 'advisor' && cb.ledger !== 'partner')) continue;
    // Unreleased reserve: release lines of the reversed line not yet approved.
    const releases = await ctx.db
      .select()
      .from(c)
      .where(and(eq(c.relatesTo, cb.relatesTo), eq(c.kind, 'reserve'), inArray(c.status, ['proposed', 'corrected'])));
    let left = -cb.amountMinor;
    let drawn = 0;
    for (const r of releases) {
      if (r.amountMinor <= 0 || left <= 0) continue;
      const d = Math.min(left, r.amountMinor);
      left -= d;
      drawn += d;
      const reason = `Rezerwa pokryła storno ${moneyPl(d)}`;
      const patch = { amountMinor: r.amountMinor - d, status: 'corrected' as const, correctionReason: reason };
      await ctx.db
        .update(c)
        .set({ ...patch, correctedBy: ctx.actor.userId, correctedAt: ctx.clock.now() })
        .where(eq(c.id, r.id));
      await writeAudit(ctx, {
        action: 'commissions.reserve.draw',
        entity: 'commission-line',
        entityId: r.id,
        data: { from: r.amountMinor, to: patch.amountMinor, clawback: cb.id },
      });
    }
    if (drawn > 0)
      await insertLines(
        ctx,
        [
          reserveLine(cb, drawn, {
            pl: `Storno pokryte z rezerwy (stornofond): ${moneyPl(drawn)}`,
            en: `Clawback covered by the holdback reserve: ${moneyEn(drawn)}`,
          }),
        ],
        { kind: 'reserve', wantedPeriod: cb.period, unitId: cb.unitId, relatesTo: [cb.relatesTo] },
      );
  }
}
