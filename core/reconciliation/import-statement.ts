/**
 * @module reconciliation/import-statement
 * Importing a provider's monthly statement: read (CSV or XLSX), parse through the provider's
 * mapping, match against the firm ledger and store the import with every row — or, on any bad
 * row, store nothing and answer 422 with every problem. One active import per provider and month;
 * an import is undone as a whole (kept, marked), unless a difference was already adjusted.
 */
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { keyedHash } from '../auth/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { requireBackOffice } from './access.ts';
import { expectedSales } from './expected.ts';
import { matchPayments } from './match.ts';
import { parseStatementRows } from './parse-rows.ts';
import { readStatementFile } from './read-file.ts';

export type ImportRow = Ctx['t']['reconciliationImports']['$inferSelect'];
export type ReconciliationRow = Ctx['t']['reconciliationRows']['$inferSelect'];

export interface StatementImportInput {
  provider: string;
  /** `YYYY-MM`: the month of the firm-ledger lines the statement pays. */
  period: string;
  fileName: string;
  content: Uint8Array;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const kindOf = (digits: string) =>
  digits.length === 11 ? 'pesel' : digits.length === 10 ? 'nip' : [9, 14].includes(digits.length) ? 'regon' : null;

function identifierHash(secret: string, identifier: string | null): string | null {
  const digits = identifier?.replace(/\D/g, '') ?? '';
  const kind = kindOf(digits);
  if (!kind) return null;
  try {
    return keyedHash(secret, kind, digits);
  } catch {
    return null; // not a valid identifier of that kind: it cannot match a client, the row still counts
  }
}

/**
 * @example
 * const { import: imp } = await importStatement(ctx, { provider: 'bank-aurora', period: '2026-03',
 *   fileName: 'aurora-2026-03.csv', content: await readFile('aurora-2026-03.csv') });
 */
export async function importStatement(ctx: Ctx, input: StatementImportInput): Promise<ImportRow> {
  requireBackOffice(ctx);
  // An own property only: a provider named `constructor` or `__proto__` has no mapping, not Object's.
  const providers = ctx.config.reconciliation?.providers ?? {};
  const mapping = Object.hasOwn(providers, input.provider) ? providers[input.provider] : undefined;
  const problems = [];
  if (!mapping)
    problems.push({
      path: '/provider',
      message: `the provider "${input.provider}" has no statement mapping (reconciliation.providers in the config)`,
    });
  if (!PERIOD.test(input.period)) problems.push({ path: '/period', message: 'must be a month YYYY-MM' });
  if (problems.length) throw invalid('The statement cannot be imported', problems);
  const table = await readStatementFile(input.content);
  const parsed = parseStatementRows(table, mapping!);
  if (parsed.problems.length)
    throw invalid(`The statement has ${parsed.problems.length} problem(s); nothing was imported`, parsed.problems);
  const { toleranceMinor, dateToleranceDays } = ctx.config.reconciliation;
  return inTransaction(ctx, async (tx) => {
    const i = tx.t.reconciliationImports;
    const [active] = await tx.db
      .select({ id: i.id })
      .from(i)
      .where(and(eq(i.provider, input.provider), eq(i.period, input.period), eq(i.status, 'active')))
      .limit(1);
    if (active)
      throw conflict(`A statement of ${input.provider} for ${input.period} is already imported; undo it first`, {
        importId: active.id,
      });
    const expected = await expectedSales(tx, input.provider, input.period, mapping!);
    const matched = matchPayments(
      expected,
      parsed.rows.map((r) => ({ ...r, identifierHash: identifierHash(tx.secret, r.identifier) })),
      { toleranceMinor: toleranceMinor ?? 100, dateToleranceDays: dateToleranceDays ?? 45 },
    );
    const byLine = new Map(parsed.rows.map((r) => [r.line, r]));
    const id = newId();
    const row: ImportRow = {
      id,
      provider: input.provider,
      period: input.period,
      fileName: input.fileName.slice(0, 200),
      encoding: table.encoding,
      status: 'active',
      rowCount: parsed.rows.length,
      expectedMinor: expected.reduce((s, e) => s + e.expectedMinor, 0),
      receivedMinor: parsed.rows.reduce((s, r) => s + r.amountMinor, 0),
      createdBy: tx.actor.userId,
      createdAt: tx.clock.now(),
      undoneBy: null,
      undoneAt: null,
    };
    await tx.db.insert(i).values(row);
    const rows: ReconciliationRow[] = matched.map((m) => {
      const src = m.line === null ? undefined : byLine.get(m.line);
      const digits = src?.identifier?.replace(/\D/g, '') ?? '';
      return {
        id: newId(),
        importId: id,
        ...m,
        reference: src?.reference ?? null,
        identifierHint: digits ? `…${digits.slice(-4)}` : null,
        paidOn: src?.paidOn ?? null,
        resolution: null,
        resolutionReason: null,
        adjustedLineIds: null,
        resolvedBy: null,
        resolvedAt: null,
      };
    });
    if (rows.length) await tx.db.insert(tx.t.reconciliationRows).values(rows);
    await writeAudit(tx, {
      action: 'reconciliation.import',
      entity: 'reconciliation-import',
      entityId: id,
      data: { provider: input.provider, period: input.period, rows: row.rowCount, fileName: row.fileName },
    });
    return row;
  });
}

/**
 * Undoes an import: it stays, marked `undone`, and the month can be imported again. 409 once a
 * difference of it was adjusted on the ledger (reverse the adjustment first) or when already undone.
 * @example
 * await undoImport(ctx, importId);
 */
export async function undoImport(ctx: Ctx, importId: string): Promise<ImportRow> {
  requireBackOffice(ctx);
  return inTransaction(ctx, async (tx) => {
    const i = tx.t.reconciliationImports;
    const [imp] = await tx.db.select().from(i).where(eq(i.id, importId)).limit(1);
    if (!imp) throw notFound('Statement import', importId);
    if (imp.status !== 'active') throw conflict('This import is already undone', { importId });
    const r = tx.t.reconciliationRows;
    const [adjusted] = await tx.db
      .select({ id: r.id })
      .from(r)
      .where(and(eq(r.importId, importId), eq(r.resolution, 'adjusted')))
      .limit(1);
    if (adjusted)
      throw conflict('A difference of this import was adjusted on the ledger; it cannot be undone', {
        importId,
        rowId: adjusted.id,
      });
    const patch = { status: 'undone' as const, undoneBy: tx.actor.userId, undoneAt: tx.clock.now() };
    await tx.db.update(i).set(patch).where(eq(i.id, importId));
    await writeAudit(tx, {
      action: 'reconciliation.undo',
      entity: 'reconciliation-import',
      entityId: importId,
      data: { provider: imp.provider, period: imp.period },
    });
    return { ...imp, ...patch };
  });
}
