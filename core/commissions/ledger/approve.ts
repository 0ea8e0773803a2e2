/**
 * @module commissions/ledger/approve
 * Approval, one line or many at once, all or nothing: if any line is outside the actor's
 * `commissions:approve` scope the whole request is refused (403) and nothing changes; a missing
 * line must be corrected (an amount entered) before it can be approved. Approved lines are locked.
 * A recipient's statement for a month (an advisor's, a partner firm's, a unit's, a provider's) is
 * produced in the same transaction as soon as THAT recipient's lines of the month are all
 * approved, whatever other recipients still wait; the answer names the recipients still waiting
 * and how many lines each. See `approve-matching.ts` for "approve everything this filter matches".
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { canAccess, requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { CrmError, forbidden, invalid } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import type { Ledger } from '../rules/schema.ts';
import { generateStatements, type StatementSummary } from '../statements/generate.ts';
import type { LineRow } from './insert-lines.ts';
import { lineOwnership, linesById } from './lines.ts';
import { recipientKey, recipientNames, type RecipientRef } from './names.ts';

/** A recipient whose statement for the month this approval did not produce: lines still wait. */
export interface WaitingStatement {
  ledger: Ledger;
  period: string;
  recipientKind: string;
  recipientId: string;
  recipientName: string;
  /** Lines of this recipient's month still waiting for approval (in anyone's scope). */
  pending: number;
}

export interface ApprovalResult {
  approved: string[];
  alreadyApproved: string[];
  /** Statements produced because their recipient's month is now fully approved (those the actor may read). */
  statements: StatementSummary[];
  /** Recipients touched by this approval (whose statements the actor may read) whose month still waits. */
  waiting: WaitingStatement[];
}

/** Rows per statement: well under both engines' limits on bound parameters. */
const CHUNK = 500;
const chunks = <T>(list: readonly T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * @example
 * const r = await approveLines(ctx, ['01J…', '01J…']);
 * r.statements // statements produced because their recipient's month is now fully approved
 * r.waiting    // [{ recipientName: 'Bank Aurora', pending: 3, … }]: why no statement yet
 */
export async function approveLines(ctx: Ctx, ids: readonly string[]): Promise<ApprovalResult> {
  requirePermission(ctx.actor, 'commissions:approve');
  const unique = [...new Set(ids)];
  if (!unique.length) throw invalid('Nothing to approve', [{ path: '/ids', message: 'give at least one line id' }]);
  return inTransaction(ctx, async (tx) => {
    const lines = await linesById(tx, unique);
    const found = new Set(lines.map((l) => l.id));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length)
      throw new CrmError('not_found', `${unknown.length} commission line(s) were not found`, { ids: unknown });
    const outside = lines.filter((l) => !canAccess(tx.actor, 'commissions:approve', lineOwnership(l))).map((l) => l.id);
    if (outside.length)
      throw forbidden(`${outside.length} line(s) are outside your commissions:approve scope; nothing was approved`, {
        permission: 'commissions:approve',
        ids: outside,
      });
    const unreviewed = lines.filter((l) => l.missing && l.status === 'proposed').map((l) => l.id);
    if (unreviewed.length)
      throw invalid(
        'Lines flagged as missing a rule need an amount entered (a correction with a reason) before approval',
        unreviewed.map((id) => ({
          path: `/ids/${unique.indexOf(id)}`,
          message: `line ${id} has no rule behind it; correct it first`,
        })),
      );
    const result = await approveRows(
      tx,
      lines.filter((l) => l.status !== 'approved'),
    );
    const done = new Set(result.approved);
    return { ...result, alreadyApproved: lines.filter((l) => !done.has(l.id)).map((l) => l.id) };
  });
}

/**
 * Approves `todo` (lines checked by the caller). Each line is switched from waiting to approved
 * once: the update says which lines it changed, and only those get an approval record, so a
 * second request racing the first (a double click) approves and records nothing twice. Then each
 * touched recipient's month gets its statement when none of its lines waits any more.
 */
export async function approveRows(tx: Ctx, todo: readonly LineRow[]): Promise<Omit<ApprovalResult, 'alreadyApproved'>> {
  const { t } = tx;
  const c = t.commissionLines;
  const now = tx.clock.now();
  const batchId = newId();
  const changed = new Set<string>();
  for (const part of chunks(todo)) {
    const rows = await tx.db
      .update(c)
      .set({ status: 'approved', approvedBy: tx.actor.userId, approvedAt: now })
      .where(
        and(
          inArray(
            c.id,
            part.map((l) => l.id),
          ),
          ne(c.status, 'approved'),
        ),
      )
      .returning({ id: c.id });
    for (const r of rows) changed.add(r.id);
  }
  const done = todo.filter((l) => changed.has(l.id));
  for (const part of chunks(done))
    await tx.db.insert(t.commissionApprovals).values(
      part.map((l) => ({
        id: newId(),
        lineId: l.id,
        batchId,
        amountMinor: l.amountMinor,
        actorId: tx.actor.userId,
        at: now,
      })),
    );
  if (done.length)
    await writeAudit(tx, {
      action: 'commissions.line.approve',
      entity: 'commission-approval',
      entityId: batchId,
      data: { lines: done.length },
    });
  const statements: StatementSummary[] = [];
  const waiting: Omit<WaitingStatement, 'recipientName'>[] = [];
  const touched = new Map(
    done.map((l) => [
      `${l.ledger}|${l.period}|${l.beneficiaryKind}|${l.beneficiaryId}`,
      { ledger: l.ledger, period: l.period, kind: l.beneficiaryKind, id: l.beneficiaryId, unitId: l.unitId },
    ]),
  );
  // The answer names only statements the actor may read (settlements:read), made or still waiting: a
  // branch manager's approval may complete a bank's firm-wide statement, whose totals are not theirs to see.
  const readable = (r: { kind: string; id: string; unitId: string | null }) =>
    canAccess(tx.actor, 'settlements:read', {
      ownerId: r.kind === 'advisor' ? r.id : null,
      unitId: r.kind === 'unit' ? r.id : r.kind === 'provider' ? null : r.unitId,
      partnerId: r.kind === 'partner' ? r.id : null,
    });
  const ready = new Map<string, { ledger: Ledger; period: string; recipients: RecipientRef[] }>();
  const unitOf = new Map([...touched.values()].map((r) => [r.id, r.unitId]));
  for (const r of [...touched.values()].sort((a, b) => a.ledger.localeCompare(b.ledger))) {
    const pending = await pendingOf(tx, r.ledger, r.period, r);
    if (pending) {
      if (readable(r))
        waiting.push({ ledger: r.ledger, period: r.period, recipientKind: r.kind, recipientId: r.id, pending });
      continue;
    }
    const month = ready.get(`${r.ledger}|${r.period}`) ?? { ledger: r.ledger, period: r.period, recipients: [] };
    month.recipients.push({ kind: r.kind, id: r.id });
    ready.set(`${r.ledger}|${r.period}`, month);
  }
  for (const m of ready.values())
    for (const made of await generateStatements(tx, m.ledger, m.period, m.recipients))
      if (readable({ kind: made.recipientKind, id: made.recipientId, unitId: unitOf.get(made.recipientId) ?? null }))
        statements.push(made);
  const names = await recipientNames(
    tx,
    waiting.map((w) => ({ kind: w.recipientKind, id: w.recipientId })),
  );
  return {
    approved: done.map((l) => l.id),
    statements,
    waiting: waiting.map((w) => ({
      ...w,
      recipientName: names.get(recipientKey({ kind: w.recipientKind, id: w.recipientId })) ?? w.recipientId,
    })),
  };
}

/** Lines of a ledger's month (of one recipient, when given) not approved yet. */
export async function pendingOf(ctx: Ctx, ledger: Ledger, period: string, recipient?: RecipientRef): Promise<number> {
  const c = ctx.t.commissionLines;
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(c)
    .where(
      and(
        eq(c.ledger, ledger),
        eq(c.period, period),
        ne(c.status, 'approved'),
        recipient ? eq(c.beneficiaryKind, recipient.kind as LineRow['beneficiaryKind']) : undefined,
        recipient ? eq(c.beneficiaryId, recipient.id) : undefined,
      ),
    );
  return Number(r?.n ?? 0);
}
