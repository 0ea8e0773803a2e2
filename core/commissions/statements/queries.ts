/**
 * @module commissions/statements/queries
 * Statements as the actor may see them (`settlements:read`): an advisor their own, a partner their
 * firm's, a manager their units', the back office all (provider statements only at scope `all`).
 * Downloads render the stored document again: identical bytes every time.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { canAccess, scopeCondition } from '../../access/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Ledger } from '../rules/schema.ts';
import { markPeriodClosed } from '../ledger/periods.ts';
import { openInquiriesOfStatements } from '../inquiries/inquiries.ts';
import { generateStatements, summaryOf, type StatementSummary } from './generate.ts';
import { sha256, statementPdf, statementXlsx, type StoredDocument } from './render.ts';

export interface StatementFilter {
  period?: string;
  ledger?: string;
  recipientKind?: string;
  recipientId?: string;
  mine?: boolean;
  includeSuperseded?: boolean;
}

/** @example const list = await listStatements(ctx, { period: '2026-03' }); */
export async function listStatements(
  ctx: Ctx,
  f: StatementFilter = {},
): Promise<Array<StatementSummary & { openInquiries: number; final: boolean }>> {
  const s = ctx.t.commissionStatements;
  const mine = f.mine
    ? ctx.actor.partnerId
      ? eq(s.partnerId, ctx.actor.partnerId)
      : eq(s.ownerId, ctx.actor.userId ?? '-')
    : undefined;
  const rows = await ctx.db
    .select()
    .from(s)
    .where(
      and(
        scopeCondition(ctx.actor, 'settlements:read', { owner: s.ownerId, unit: s.unitId, partner: s.partnerId }),
        mine,
        f.includeSuperseded ? undefined : isNull(s.supersededAt),
        f.period ? eq(s.period, f.period) : undefined,
        f.ledger ? eq(s.ledger, f.ledger) : undefined,
        f.recipientKind ? eq(s.recipientKind, f.recipientKind) : undefined,
        f.recipientId ? eq(s.recipientId, f.recipientId) : undefined,
      ),
    )
    .orderBy(desc(s.period), desc(s.createdAt), desc(s.number))
    .limit(500);
  const open = await openInquiriesOfStatements(ctx, rows);
  const p = ctx.t.commissionPeriods;
  const closed = rows.length
    ? await ctx.db
        .select({ ledger: p.ledger, period: p.period })
        .from(p)
        .where(inArray(p.period, [...new Set(rows.map((r) => r.period))]))
    : [];
  const final = new Set(closed.map((x) => `${x.ledger}|${x.period}`));
  // A statement of a period with open inquiries says so: its figures may still change. A statement
  // of a closed month is final.
  return rows.map((r) => ({
    ...summaryOf(r),
    openInquiries: open.get(r.id) ?? 0,
    final: final.has(`${r.ledger}|${r.period}`),
  }));
}

async function scopedStatement(ctx: Ctx, id: string) {
  const s = ctx.t.commissionStatements;
  const [row] = await ctx.db.select().from(s).where(eq(s.id, id)).limit(1);
  if (
    !row ||
    !canAccess(ctx.actor, 'settlements:read', { ownerId: row.ownerId, unitId: row.unitId, partnerId: row.partnerId })
  )
    throw notFound('Statement', id);
  return row;
}

/** One statement with its document (lines and totals). 404 outside scope. */
export async function getStatement(
  ctx: Ctx,
  id: string,
): Promise<
  StatementSummary & {
    document: StoredDocument;
    pdfHash: string | null;
    xlsxHash: string | null;
    openInquiries: number;
  }
> {
  const row = await scopedStatement(ctx, id);
  return {
    ...summaryOf(row),
    openInquiries: (await openInquiriesOfStatements(ctx, [row])).get(row.id) ?? 0,
    document: row.document as unknown as StoredDocument,
    pdfHash: row.pdfHash,
    xlsxHash: row.xlsxHash,
  };
}

/**
 * The statement as a file: `{ bytes, filename, contentType }`.
 * @example
 * const { bytes } = await statementFile(ctx, id, 'pdf');
 */
export async function statementFile(
  ctx: Ctx,
  id: string,
  format: 'pdf' | 'xlsx',
): Promise<{ bytes: Uint8Array; filename: string; contentType: string }> {
  const row = await scopedStatement(ctx, id);
  const doc = row.document as unknown as StoredDocument;
  const bytes = format === 'pdf' ? await statementPdf(doc) : await statementXlsx(doc);
  // The first rendering records the file's hash; every later one must give the same bytes.
  const hash = sha256(bytes);
  const stored = format === 'pdf' ? row.pdfHash : row.xlsxHash;
  if (stored && stored !== hash)
    throw new Error(
      `Statement ${row.number}: the ${format} rendered now differs from the first rendering ` +
        `(${stored.slice(0, 12)}…); the renderer is no longer deterministic`,
    );
  if (!stored)
    await ctx.db
      .update(ctx.t.commissionStatements)
      .set(format === 'pdf' ? { pdfHash: hash } : { xlsxHash: hash })
      .where(eq(ctx.t.commissionStatements.id, row.id));
  const filename = `${row.number.replaceAll('/', '-')}.${format}`;
  return {
    bytes,
    filename,
    contentType:
      format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

/**
 * Close a ledger's month (`settlements:close`; all its lines approved, else 409) and generate its
 * final statements in the same transaction.
 * @example
 * const { statements } = await closePeriod(ctx, 'advisor', '2026-03');
 */
export async function closePeriod(
  ctx: Ctx,
  ledger: Ledger,
  period: string,
): Promise<{ ledger: Ledger; period: string; statements: StatementSummary[] }> {
  return inTransaction(ctx, async (tx) => {
    await markPeriodClosed(tx, ledger, period);
    await generateStatements(tx, ledger, period);
    const s = tx.t.commissionStatements;
    const rows = await tx.db
      .select()
      .from(s)
      .where(and(eq(s.ledger, ledger), eq(s.period, period), isNull(s.supersededAt)));
    return { ledger, period, statements: rows.map((r) => summaryOf(r)) };
  });
}
