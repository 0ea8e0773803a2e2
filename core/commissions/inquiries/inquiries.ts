/**
 * @module commissions/inquiries/inquiries
 * Inquiries on commission lines and statements. The advisor or partner who sees a line
 * (`commissions:read`) or a statement (`settlements:read`) raises one with a reason code, a text and
 * an optional small attachment; the back office (`commissions:correct` over the line) answers it,
 * corrects the line through the ledger's correction path (a proposed line is corrected, an approved
 * one gets an adjustment line booked in the current month, so the next statement shows it), or
 * rejects it. One open inquiry per line or statement; every step is an event of the line's history.
 */
import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { canAccess, requirePermission, scopeCondition } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import { adjustLine, correctLine } from '../ledger/correct.ts';
import { lineOwnership } from '../ledger/lines.ts';
import { getStatement } from '../statements/queries.ts';

export const inquiryReasons = ['amount', 'rate', 'missing-line', 'beneficiary', 'clawback', 'other'] as const;
export type InquiryReason = (typeof inquiryReasons)[number];
export type InquiryStatus = 'open' | 'answered' | 'corrected' | 'rejected';

type Row = Ctx['t']['commissionInquiries']['$inferSelect'];
type EventRow = Ctx['t']['commissionInquiryEvents']['$inferSelect'];

export interface InquiryInput {
  reasonCode: string;
  text: string;
  attachment?: { name: string; contentType: string; base64: string } | null;
}

export interface Inquiry extends Omit<Row, 'attachment'> {
  attachment: { name: string; contentType: string; bytes: number } | null;
  events: Array<Pick<EventRow, 'id' | 'kind' | 'text' | 'data' | 'actorId' | 'at'>>;
}

/** An attachment is kept in the row: small files only (a scan, a screenshot). */
export const MAX_INQUIRY_ATTACHMENT_BYTES = 1024 * 1024;

function checkInput(i: InquiryInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!inquiryReasons.includes(i.reasonCode as InquiryReason))
    problems.push({ path: '/reasonCode', message: `must be one of ${inquiryReasons.join(', ')}` });
  if (!i.text?.trim()) problems.push({ path: '/text', message: 'say what is wrong', keyword: 'required' });
  const a = i.attachment;
  if (a) {
    const bytes = Buffer.from(a.base64, 'base64');
    if (!bytes.length || bytes.toString('base64').replace(/=+$/, '') !== a.base64.replace(/=+$/, ''))
      problems.push({ path: '/attachment/base64', message: 'must be base64' });
    else if (bytes.length > MAX_INQUIRY_ATTACHMENT_BYTES)
      problems.push({ path: '/attachment/base64', message: `at most ${MAX_INQUIRY_ATTACHMENT_BYTES} bytes` });
  }
  return problems;
}

const view = (r: Row, events: EventRow[] = []): Inquiry => ({
  ...r,
  attachment: r.attachment
    ? {
        name: r.attachment.name,
        contentType: r.attachment.contentType,
        bytes: Buffer.from(r.attachment.base64, 'base64').length,
      }
    : null,
  events: events.map(({ id, kind, text, data, actorId, at }) => ({ id, kind, text, data, actorId, at })),
});

async function addEvent(
  ctx: Ctx,
  inquiry: Pick<Row, 'id' | 'lineId'>,
  kind: EventRow['kind'],
  text: string | null,
  data: Record<string, unknown> | null = null,
): Promise<void> {
  await ctx.db.insert(ctx.t.commissionInquiryEvents).values({
    id: newId(),
    inquiryId: inquiry.id,
    lineId: inquiry.lineId,
    kind,
    text,
    data,
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
  });
}

async function insertInquiry(
  ctx: Ctx,
  target: Pick<Row, 'lineId' | 'statementId' | 'period' | 'ownerId' | 'unitId' | 'partnerId'>,
  input: InquiryInput,
): Promise<Inquiry> {
  const problems = checkInput(input);
  if (problems.length) throw invalid('The inquiry is incomplete', problems);
  const i = ctx.t.commissionInquiries;
  const same = target.lineId ? eq(i.lineId, target.lineId) : eq(i.statementId, target.statementId!);
  const [open] = await ctx.db
    .select({ id: i.id })
    .from(i)
    .where(and(same, eq(i.status, 'open')))
    .limit(1);
  if (open)
    throw conflict('An inquiry on this is already open; add to it or wait for its answer', { inquiryId: open.id });
  const row: Row = {
    id: newId(),
    ...target,
    reasonCode: input.reasonCode,
    text: input.text.trim(),
    attachment: input.attachment ?? null,
    status: 'open',
    answer: null,
    correctionLineId: null,
    raisedBy: ctx.actor.userId,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: ctx.clock.now(),
  };
  await ctx.db.insert(i).values(row);
  await addEvent(ctx, row, 'raised', row.text, { reasonCode: row.reasonCode });
  await writeAudit(ctx, {
    action: 'commissions.inquiry.raise',
    entity: row.lineId ? 'commission-line' : 'statement',
    entityId: (row.lineId ?? row.statementId)!,
    data: { inquiryId: row.id, reasonCode: row.reasonCode },
  });
  return getInquiry(ctx, row.id);
}

/**
 * Raise an inquiry on a line the actor sees (`commissions:read`); 404 otherwise, 409 if one is open.
 * @example
 * await raiseLineInquiry(ctx, lineId, { reasonCode: 'rate', text: 'Umowa przewiduje 45%, nie 40%' });
 */
export async function raiseLineInquiry(ctx: Ctx, lineId: string, input: InquiryInput): Promise<Inquiry> {
  requirePermission(ctx.actor, 'commissions:read');
  return inTransaction(ctx, async (tx) => {
    const [line] = await tx.db.select().from(tx.t.commissionLines).where(eq(tx.t.commissionLines.id, lineId)).limit(1);
    if (!line || !canAccess(tx.actor, 'commissions:read', lineOwnership(line)))
      throw notFound('Commission line', lineId);
    return insertInquiry(
      tx,
      {
        lineId,
        statementId: null,
        period: line.period,
        ownerId: line.ownerId,
        unitId: line.unitId,
        partnerId: line.partnerId,
      },
      input,
    );
  });
}

/**
 * Raise an inquiry on a whole statement the actor sees (`settlements:read`).
 * @example
 * await raiseStatementInquiry(ctx, statementId, { reasonCode: 'missing-line', text: 'Brak sprzedaży z 12.03' });
 */
export async function raiseStatementInquiry(ctx: Ctx, statementId: string, input: InquiryInput): Promise<Inquiry> {
  requirePermission(ctx.actor, 'settlements:read');
  return inTransaction(ctx, async (tx) => {
    await getStatement(tx, statementId); // 404 outside the actor's scope
    const s = tx.t.commissionStatements;
    const [st] = await tx.db.select().from(s).where(eq(s.id, statementId)).limit(1);
    return insertInquiry(
      tx,
      {
        lineId: null,
        statementId,
        period: st!.period,
        ownerId: st!.ownerId,
        unitId: st!.unitId,
        partnerId: st!.partnerId,
      },
      input,
    );
  });
}

const inquiryScope = (ctx: Ctx): SQL | undefined => {
  const i = ctx.t.commissionInquiries;
  return scopeCondition(ctx.actor, 'commissions:read', { owner: i.ownerId, unit: i.unitId, partner: i.partnerId });
};

/** One inquiry with its events (`commissions:read` over its line or statement). */
export async function getInquiry(ctx: Ctx, id: string): Promise<Inquiry> {
  requirePermission(ctx.actor, 'commissions:read');
  const i = ctx.t.commissionInquiries;
  const [row] = await ctx.db
    .select()
    .from(i)
    .where(and(eq(i.id, id), inquiryScope(ctx)))
    .limit(1);
  if (!row) throw notFound('Inquiry', id);
  const e = ctx.t.commissionInquiryEvents;
  const events = await ctx.db.select().from(e).where(eq(e.inquiryId, id)).orderBy(asc(e.at), asc(e.id));
  return view(row, events);
}

/**
 * Inquiries the actor may see, newest first.
 * @example
 * const open = await listInquiries(ctx, { status: 'open', period: '2026-03' });
 */
export async function listInquiries(
  ctx: Ctx,
  f: { status?: string; period?: string; lineId?: string; statementId?: string } = {},
): Promise<Inquiry[]> {
  requirePermission(ctx.actor, 'commissions:read');
  const i = ctx.t.commissionInquiries;
  const rows = await ctx.db
    .select()
    .from(i)
    .where(
      and(
        inquiryScope(ctx),
        f.status ? eq(i.status, f.status as InquiryStatus) : undefined,
        f.period ? eq(i.period, f.period) : undefined,
        f.lineId ? eq(i.lineId, f.lineId) : undefined,
        f.statementId ? eq(i.statementId, f.statementId) : undefined,
      ),
    )
    .orderBy(desc(i.createdAt), desc(i.id))
    .limit(500);
  return rows.map((r) => view(r));
}

/** The open inquiry, for the back office: 404 outside `commissions:read`, 403 without `commissions:correct`. */
async function openForResolution(ctx: Ctx, id: string): Promise<Row> {
  requirePermission(ctx.actor, 'commissions:correct');
  const i = ctx.t.commissionInquiries;
  const [row] = await ctx.db.select().from(i).where(eq(i.id, id)).limit(1);
  const own = row ? { ownerId: row.ownerId, unitId: row.unitId, partnerId: row.partnerId } : {};
  if (!row || !(canAccess(ctx.actor, 'commissions:read', own) || canAccess(ctx.actor, 'commissions:correct', own)))
    throw notFound('Inquiry', id);
  if (!canAccess(ctx.actor, 'commissions:correct', own))
    throw forbidden('This inquiry is outside your commissions:correct scope', { permission: 'commissions:correct' });
  if (row.status !== 'open')
    throw conflict(`This inquiry is already ${row.status}`, { status: row.status, resolvedAt: row.resolvedAt });
  return row;
}

async function close(
  ctx: Ctx,
  row: Row,
  status: Exclude<InquiryStatus, 'open'>,
  answer: string,
  data: Record<string, unknown> | null,
  correctionLineId: string | null = null,
): Promise<Inquiry> {
  const i = ctx.t.commissionInquiries;
  await ctx.db
    .update(i)
    .set({ status, answer, correctionLineId, resolvedBy: ctx.actor.userId, resolvedAt: ctx.clock.now() })
    .where(and(eq(i.id, row.id), eq(i.status, 'open')));
  await addEvent(ctx, row, status, answer, data);
  await writeAudit(ctx, {
    action: `commissions.inquiry.${status}`,
    entity: 'inquiry',
    entityId: row.id,
    data: { lineId: row.lineId, statementId: row.statementId, ...(data ?? {}) },
  });
  return getInquiry(ctx, row.id);
}

const answerText = (text: unknown): string => {
  const t = typeof text === 'string' ? text.trim() : '';
  if (!t)
    throw invalid('The answer is empty', [{ path: '/text', message: 'an answer is required', keyword: 'required' }]);
  return t;
};

/** Answer without changing anything (the line was right); closes the inquiry. */
export async function answerInquiry(ctx: Ctx, id: string, input: { text: string }): Promise<Inquiry> {
  return inTransaction(ctx, async (tx) =>
    close(tx, await openForResolution(tx, id), 'answered', answerText(input.text), null),
  );
}

/** Reject the inquiry with a reason; closes it. */
export async function rejectInquiry(ctx: Ctx, id: string, input: { text: string }): Promise<Inquiry> {
  return inTransaction(ctx, async (tx) =>
    close(tx, await openForResolution(tx, id), 'rejected', answerText(input.text), null),
  );
}

/**
 * Correct the inquired line to `amountMinor` with a reason, through the ledger's correction path: a
 * line not yet approved is corrected in place; an approved one gets an adjustment line of the
 * difference (after earlier adjustments), booked in the current month and shown on its statement.
 * @example
 * await correctFromInquiry(ctx, inquiryId, { amountMinor: 337_500, reason: 'Stawka 45% wg aneksu do umowy' });
 */
export async function correctFromInquiry(
  ctx: Ctx,
  id: string,
  input: { amountMinor: number; reason: string },
): Promise<Inquiry> {
  return inTransaction(ctx, async (tx) => {
    const row = await openForResolution(tx, id);
    if (!row.lineId)
      throw invalid('A statement inquiry names no line to correct: correct a line of it, or answer', [
        { path: '/amountMinor', message: 'the inquiry is on a whole statement' },
      ]);
    const c = tx.t.commissionLines;
    const [line] = await tx.db.select().from(c).where(eq(c.id, row.lineId)).limit(1);
    const reason = answerText(input.reason);
    if (line!.status !== 'approved') {
      const fixed = await correctLine(tx, line!.id, { amountMinor: input.amountMinor, reason });
      return close(tx, row, 'corrected', reason, { from: line!.amountMinor, to: fixed.amountMinor }, fixed.id);
    }
    const adjustments = await tx.db
      .select({ amountMinor: c.amountMinor })
      .from(c)
      .where(and(eq(c.relatesTo, line!.id), eq(c.kind, 'adjustment')));
    const current = adjustments.reduce((n, a) => n + a.amountMinor, line!.amountMinor);
    if (!Number.isSafeInteger(input.amountMinor))
      throw invalid('The corrected amount must be whole grosze', [{ path: '/amountMinor', message: 'not whole' }]);
    const adj = await adjustLine(tx, line!.id, { amountMinor: input.amountMinor - current, reason });
    return close(
      tx,
      row,
      'corrected',
      reason,
      { from: current, to: input.amountMinor, adjustmentLineId: adj.id, adjustmentMinor: adj.amountMinor },
      adj.id,
    );
  });
}

/** The open inquiry of each line (for line lists): line id → `{ id, reasonCode, createdAt }`. */
export async function openInquiriesOfLines(
  ctx: Ctx,
  lineIds: readonly string[],
): Promise<Map<string, { id: string; reasonCode: string; createdAt: Date }>> {
  const out = new Map<string, { id: string; reasonCode: string; createdAt: Date }>();
  if (!lineIds.length) return out;
  const i = ctx.t.commissionInquiries;
  for (let k = 0; k < lineIds.length; k += 500) {
    const rows = await ctx.db
      .select({ id: i.id, lineId: i.lineId, reasonCode: i.reasonCode, createdAt: i.createdAt })
      .from(i)
      .where(and(eq(i.status, 'open'), inArray(i.lineId, lineIds.slice(k, k + 500) as string[])));
    for (const r of rows) out.set(r.lineId!, { id: r.id, reasonCode: r.reasonCode, createdAt: r.createdAt });
  }
  return out;
}

/**
 * How many inquiries are open on each statement: on the statement itself, or on a line of its ledger,
 * period and recipient.
 */
export async function openInquiriesOfStatements(
  ctx: Ctx,
  statements: ReadonlyArray<{ id: string; ledger: string; period: string; recipientKind: string; recipientId: string }>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!statements.length) return out;
  const i = ctx.t.commissionInquiries;
  const c = ctx.t.commissionLines;
  const periods = [...new Set(statements.map((s) => s.period))];
  const rows = await ctx.db
    .select({
      statementId: i.statementId,
      ledger: c.ledger,
      period: i.period,
      kind: c.beneficiaryKind,
      beneficiaryId: c.beneficiaryId,
    })
    .from(i)
    .leftJoin(c, eq(c.id, i.lineId))
    .where(
      and(
        eq(i.status, 'open'),
        or(
          inArray(i.period, periods),
          inArray(
            i.statementId,
            statements.map((s) => s.id),
          ),
        ),
      ),
    );
  for (const s of statements)
    out.set(
      s.id,
      rows.filter(
        (r) =>
          r.statementId === s.id ||
          (r.ledger === s.ledger &&
            r.period === s.period &&
            r.kind === s.recipientKind &&
            r.beneficiaryId === s.recipientId),
      ).length,
    );
  return out;
}
