/**
 * @module commissions/inquiries/history
 * A commission line's history, oldest first: proposed (with the engine's amount), corrected (amount
 * and reason), approved, adjusted or clawed back by later lines, and every inquiry step (raised,
 * answered, corrected, rejected) — what an advisor asking "why is this amount what it is" needs.
 */
import { and, asc, eq } from 'drizzle-orm';
import { canAccess, requirePermission } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { lineOwnership } from '../ledger/lines.ts';

export interface LineHistoryStep {
  at: Date;
  kind: 'proposed' | 'corrected' | 'approved' | 'adjustment' | 'clawback' | `inquiry-${string}`;
  actorId: string | null;
  amountMinor?: number;
  text?: string | null;
  /** The other line (an adjustment or clawback) or the inquiry this step belongs to. */
  ref?: string;
}

/**
 * @example
 * const steps = await lineHistory(ctx, lineId);
 * steps.map((s) => s.kind) // ['proposed', 'approved', 'inquiry-raised', 'inquiry-corrected', 'adjustment']
 */
export async function lineHistory(ctx: Ctx, lineId: string): Promise<LineHistoryStep[]> {
  requirePermission(ctx.actor, 'commissions:read');
  const { t } = ctx;
  const c = t.commissionLines;
  const [line] = await ctx.db.select().from(c).where(eq(c.id, lineId)).limit(1);
  if (!line || !canAccess(ctx.actor, 'commissions:read', lineOwnership(line)))
    throw notFound('Commission line', lineId);
  const steps: LineHistoryStep[] = [
    { at: line.createdAt, kind: 'proposed', actorId: null, amountMinor: line.originalMinor },
  ];
  if (line.correctedAt)
    steps.push({
      at: line.correctedAt,
      kind: 'corrected',
      actorId: line.correctedBy,
      amountMinor: line.amountMinor,
      text: line.correctionReason,
    });
  const approvals = await ctx.db
    .select()
    .from(t.commissionApprovals)
    .where(eq(t.commissionApprovals.lineId, lineId))
    .orderBy(asc(t.commissionApprovals.at));
  for (const a of approvals) steps.push({ at: a.at, kind: 'approved', actorId: a.actorId, amountMinor: a.amountMinor });
  const later = await ctx.db.select().from(c).where(eq(c.relatesTo, lineId)).orderBy(asc(c.createdAt), asc(c.id));
  for (const l of later)
    if (l.kind === 'adjustment' || l.kind === 'clawback')
      steps.push({
        at: l.createdAt,
        kind: l.kind,
        actorId: null,
        amountMinor: l.amountMinor,
        text: l.correctionReason,
        ref: l.id,
      });
  const e = t.commissionInquiryEvents;
  const events = await ctx.db
    .select()
    .from(e)
    .where(and(eq(e.lineId, lineId)))
    .orderBy(asc(e.at), asc(e.id));
  for (const ev of events)
    steps.push({ at: ev.at, kind: `inquiry-${ev.kind}`, actorId: ev.actorId, text: ev.text, ref: ev.inquiryId });
  // Stable: by time, then in the order the steps happen to one line.
  const order = (k: string) => ['proposed', 'corrected', 'approved', 'inquiry-raised'].indexOf(k) + 1 || 9;
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || order(a.s.kind) - order(b.s.kind) || a.i - b.i)
    .map(({ s }) => s);
}
