/**
 * @module commissions/statements/generate
 * Statements for one ledger's month, one per recipient: each advisor, partner firm, unit, and on
 * the firm ledger each provider. A recipient's statement is generated when every line of THAT
 * recipient's month is approved (other recipients may still wait), and again for everyone when the
 * month is closed; a recipient whose approved lines have not changed keeps its statement,
 * otherwise a new revision with a new number replaces (supersedes) the previous one. Numbers:
 * `PR/YYYY/MM/<F|D|P|O>/NNNN`, in order of generation within the ledger's month.
 *
 * Nothing is rendered here: a PDF takes a large fraction of a second, and this runs inside the
 * approving transaction (on SQLite, holding the write lock). The document and its hash are stored;
 * the files are rendered on download, deterministically (see `statementFile`).
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { newId } from '../../ids/index.ts';
import type { Ledger } from '../rules/schema.ts';
import type { LineRow } from '../ledger/insert-lines.ts';
import { statementDocument, type StatementLine } from './document.ts';
import { documentHash, sha256 } from './render.ts';

export interface StatementSummary {
  id: string;
  number: string;
  ledger: string;
  period: string;
  recipientKind: string;
  recipientId: string;
  recipientName: string;
  revision: number;
  totalMinor: number;
  lineCount: number;
  contentHash: string;
  createdAt: Date;
  supersededAt: Date | null;
}

const codes: Record<Ledger, string> = { firm: 'F', advisor: 'D', partner: 'P', unit: 'O' };

async function recipientOf(ctx: Ctx, kind: string, id: string): Promise<{ name: string; lines: string[] }> {
  const { t } = ctx;
  const one = async <T>(q: Promise<T[]>) => (await q)[0];
  if (kind === 'advisor') {
    const u = await one(
      ctx.db.select({ name: t.users.name, knf: t.users.knfNumber }).from(t.users).where(eq(t.users.id, id)).limit(1),
    );
    return { name: u?.name ?? id, lines: ['Doradca', ...(u?.knf ? [`KNF: ${u.knf}`] : [])] };
  }
  if (kind === 'partner') {
    const p = await one(
      ctx.db
        .select({ name: t.partners.name, nip: t.partners.nip })
        .from(t.partners)
        .where(eq(t.partners.id, id))
        .limit(1),
    );
    const u = p
      ? undefined
      : await one(ctx.db.select({ name: t.users.name }).from(t.users).where(eq(t.users.partnerId, id)).limit(1));
    return { name: p?.name ?? u?.name ?? id, lines: ['Partner', ...(p?.nip ? [`NIP ${p.nip}`] : [])] };
  }
  if (kind === 'unit') {
    const u = await one(
      ctx.db.select({ name: t.units.name, code: t.units.code }).from(t.units).where(eq(t.units.id, id)).limit(1),
    );
    return { name: u?.name ?? id, lines: u ? [`Oddział ${u.code}`] : [] };
  }
  const p = await one(
    ctx.db
      .select({ name: t.commissionProviders.name, details: t.commissionProviders.details })
      .from(t.commissionProviders)
      .where(eq(t.commissionProviders.id, id))
      .limit(1),
  );
  return { name: p?.name ?? id, lines: p?.details ?? [] };
}

/**
 * (Re)generate the statements of one ledger's month from its approved lines, in `ctx`'s transaction:
 * every recipient's, or only those of `recipients`.
 * @example
 * const made = await generateStatements(tx, 'advisor', '2026-03');
 * const annas = await generateStatements(tx, 'advisor', '2026-03', [{ kind: 'advisor', id: annaId }]);
 */
export async function generateStatements(
  ctx: Ctx,
  ledger: Ledger,
  period: string,
  recipients?: ReadonlyArray<{ kind: string; id: string }>,
): Promise<StatementSummary[]> {
  const { t } = ctx;
  if (recipients && !recipients.length) return [];
  const c = t.commissionLines;
  const only = recipients
    ? or(
        ...recipients.map((r) =>
          and(eq(c.beneficiaryKind, r.kind as LineRow['beneficiaryKind']), eq(c.beneficiaryId, r.id)),
        ),
      )
    : undefined;
  const rows = await ctx.db
    .select({
      line: t.commissionLines,
      saleDate: t.sales.saleDate,
      amount: t.sales.amountMinor,
      product: t.sales.product,
      provider: t.sales.provider,
      productName: t.commissionProducts.name,
      providerName: t.commissionProviders.name,
    })
    .from(t.commissionLines)
    .innerJoin(t.sales, eq(t.sales.id, t.commissionLines.saleId))
    .leftJoin(t.commissionProducts, eq(t.commissionProducts.id, t.sales.product))
    .leftJoin(t.commissionProviders, eq(t.commissionProviders.id, t.sales.provider))
    .where(
      and(
        eq(t.commissionLines.ledger, ledger),
        eq(t.commissionLines.period, period),
        eq(t.commissionLines.status, 'approved'),
        only,
      ),
    )
    .orderBy(asc(t.commissionLines.id));
  const groups = new Map<string, StatementLine[]>();
  for (const r of rows) {
    const key = `${r.line.beneficiaryKind}|${r.line.beneficiaryId}`;
    const list = groups.get(key) ?? [];
    list.push({
      line: r.line,
      saleDate: r.saleDate,
      saleAmountMinor: r.amount,
      productName: r.productName ?? r.product,
      providerName: r.providerName ?? r.provider,
    });
    groups.set(key, list);
  }
  const made: StatementSummary[] = [];
  for (const [key, lines] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [kind, id] = key.split('|') as [string, string];
    const linesHash = sha256(JSON.stringify(lines.map((l) => [l.line.id, l.line.amountMinor]).sort()));
    const cond = and(
      eq(t.commissionStatements.ledger, ledger),
      eq(t.commissionStatements.period, period),
      eq(t.commissionStatements.recipientKind, kind),
      eq(t.commissionStatements.recipientId, id),
      isNull(t.commissionStatements.supersededAt),
    );
    const [current] = await ctx.db.select().from(t.commissionStatements).where(cond).limit(1);
    if (current?.linesHash === linesHash) continue;
    const [count] = await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(t.commissionStatements)
      .where(and(eq(t.commissionStatements.ledger, ledger), eq(t.commissionStatements.period, period)));
    const serial = String(Number(count?.n ?? 0) + 1).padStart(4, '0');
    const number = `PR/${period.replace('-', '/')}/${codes[ledger]}/${serial}`;
    const revision = (current?.revision ?? 0) + 1;
    const recipient = await recipientOf(ctx, kind, id);
    const now = ctx.clock.now();
    const { totalMinor, ...document } = statementDocument(ctx.config, {
      ledger,
      period,
      number,
      revision,
      recipient,
      lines: lines,
      issuedAt: now,
    });
    if (current)
      await ctx.db
        .update(t.commissionStatements)
        .set({ supersededAt: now })
        .where(eq(t.commissionStatements.id, current.id));
    const unitId = kind === 'unit' ? id : kind === 'provider' ? null : (lines.at(-1)!.line.unitId ?? null);
    const row = {
      id: newId(),
      number,
      ledger,
      period,
      recipientKind: kind,
      recipientId: id,
      revision,
      document: document as unknown as Record<string, unknown>,
      totalMinor,
      lineCount: lines.length,
      linesHash,
      contentHash: documentHash(document),
      pdfHash: null,
      xlsxHash: null,
      supersededAt: null,
      ownerId: kind === 'advisor' ? id : null,
      unitId,
      partnerId: kind === 'partner' ? id : null,
      createdAt: now,
    };
    await ctx.db.insert(t.commissionStatements).values(row);
    made.push(summaryOf(row, recipient.name));
  }
  return made;
}

export const summaryOf = (
  r: Ctx['t']['commissionStatements']['$inferSelect'],
  recipientName?: string,
): StatementSummary => ({
  id: r.id,
  number: r.number,
  ledger: r.ledger,
  period: r.period,
  recipientKind: r.recipientKind,
  recipientId: r.recipientId,
  recipientName: recipientName ?? (r.document as { recipient?: { name?: string } }).recipient?.name ?? r.recipientId,
  revision: r.revision,
  totalMinor: r.totalMinor,
  lineCount: r.lineCount,
  contentHash: r.contentHash,
  createdAt: r.createdAt,
  supersededAt: r.supersededAt,
});
