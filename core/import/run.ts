/**
 * @module import/run
 * Importing a spreadsheet's rows as clients, in batches, through the clients module's own batch
 * create (validation, normalisation, keyed hashes, history, audit). The import's row is written
 * first (status `running`); each batch then commits its clients, their links to the import and the
 * import's counts in one transaction, so a crash mid-import leaves an import whose undo removes
 * exactly what was written. Duplicates (within the file, or of an existing client by keyed hash)
 * and invalid rows are reported by row and column, never written.
 */
import { eq } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { createClients, type BatchPlacement, type ClientKind } from '../clients/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';
import { rowChecker, type ImportProblem } from './dry-run.ts';
import type { ColumnMapping } from './mapping.ts';
import { getImport, MAX_STORED_PROBLEMS, type ImportRecord } from './records.ts';
import { saveMapping } from './saved-mapping.ts';

export interface ImportSource {
  fileName: string;
  /** `utf-8`, `windows-1250` or `xlsx`. */
  encoding: string;
  header: string[];
  /** Number of data rows (for the progress bar). */
  total: number;
  rows: Iterable<{ line: number; cells: string[] }> | AsyncIterable<{ line: number; cells: string[] }>;
}

export interface ImportOptions {
  kind?: ClientKind;
  /** Default: the mapping guessed from the header. */
  mapping?: ColumnMapping;
  /** Client type of every imported client (default: the config's first type). */
  type?: string;
  source?: string | null;
  /** Owner of every imported client (default: the importing user; the unit follows the owner). */
  ownerId?: string | null;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Called after each batch with the import as stored (counts so far). */
  onProgress?: (progress: ImportRecord) => void;
}

/**
 * Writes the import's row (`running`, nothing imported yet) and its `import.start` audit entry.
 * @example
 * const imp = await startImport(ctx, source, { kind: 'person' }); // then runImport(ctx, imp.id, source)
 */
export async function startImport(ctx: Ctx, source: ImportSource, options: ImportOptions = {}): Promise<ImportRecord> {
  requirePermission(ctx.actor, 'clients:import');
  const checker = rowChecker(ctx.config, source.header, options);
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  const placement = placementOf(ctx, checker.kind, options);
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(tx.t.imports).values({
      id,
      actorId: ctx.actor.userId,
      fileName: source.fileName,
      encoding: source.encoding,
      kind: checker.kind,
      mapping: checker.mapping,
      options: {
        type: placement.type,
        source: placement.source ?? null,
        ownerId: placement.ownerId === undefined ? ctx.actor.userId : placement.ownerId,
      },
      rows: source.total,
      processed: 0,
      imported: 0,
      duplicates: 0,
      errors: 0,
      problems: [],
      status: 'running',
      failure: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      undoneAt: null,
      undoneBy: null,
    });
    await saveMapping(tx, checker.kind, source.header, checker.mapping);
    await writeAudit(tx, {
      action: 'import.start',
      entity: 'import',
      entityId: id,
      data: { fileName: source.fileName, encoding: source.encoding, kind: checker.kind, rows: source.total },
    });
  });
  return getImport(ctx, id);
}

function placementOf(ctx: Ctx, kind: ClientKind, options: ImportOptions): BatchPlacement {
  return {
    kind,
    type: options.type ?? Object.keys(ctx.config.clients.types)[0] ?? 'private',
    source: options.source ?? null,
    ...(options.ownerId !== undefined ? { ownerId: options.ownerId } : {}),
  };
}

const label = (field: string) => (/^(pesel|nip|regon|iban)$/i.test(field) ? field.toUpperCase() : field);

/**
 * Reads the rows in batches and imports them into the started import; ends `done` (or `failed`
 * with the reason, what was written staying linked for undo) with an `import.finish` audit entry.
 * @example
 * const done = await runImport(ctx, imp.id, source, { onProgress: (p) => bar(p.processed, p.rows) });
 */
export async function runImport(
  ctx: Ctx,
  importId: string,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportRecord> {
  const started = await getImport(ctx, importId);
  const checker = rowChecker(ctx.config, source.header, { kind: started.kind as ClientKind, mapping: started.mapping });
  const placement = placementOf(ctx, checker.kind, {
    ...options,
    type: String(started.options.type),
    source: (started.options.source as string | null) ?? null,
    ownerId: (started.options.ownerId as string | null) ?? null,
  });
  const batchSize = options.batchSize ?? 500;
  const counts = { processed: 0, imported: 0, duplicates: 0, errors: 0 };
  const problems: ImportProblem[] = [];
  const keep = (p: ImportProblem[]) => problems.push(...p.slice(0, MAX_STORED_PROBLEMS - problems.length));
  const progress = (tx: Ctx) =>
    tx.db
      .update(tx.t.imports)
      .set({ ...counts, problems: problems as unknown as Array<Record<string, unknown>>, updatedAt: ctx.clock.now() })
      .where(eq(tx.t.imports.id, importId));
  let batch: Array<{ row: number; data: Record<string, unknown> }> = [];
  let read = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    const out = await createClients(ctx, placement, rows, {
      permission: 'clients:import',
      audit: { importId },
      onCreated: async (tx, created) => {
        for (let i = 0; i < created.length; i += 500)
          await tx.db
            .insert(tx.t.importClients)
            .values(created.slice(i, i + 500).map((c) => ({ importId, clientId: c.id, row: c.row })));
        counts.imported += created.length;
        counts.processed = read;
        await progress(tx);
      },
    });
    for (const d of out.duplicates) {
      counts.duplicates++;
      const what = d.clientId ? 'an existing client' : `row ${d.sameAsRow}`;
      keep([
        {
          row: d.row,
          column: checker.columnOf(d.field),
          field: d.field,
          message: `the same ${label(d.field)} as ${what}`,
          duplicate: true,
        },
      ]);
    }
    for (const bad of out.invalid) {
      counts.errors++;
      keep(
        bad.problems.map((p) => {
          const field = p.path.split('/')[1] ?? '';
          return { row: bad.row, column: checker.columnOf(field), field, message: p.message };
        }),
      );
    }
    counts.processed = read;
    await progress(ctx);
    options.onProgress?.(await getImport(ctx, importId));
  };
  try {
    for await (const { line, cells } of source.rows) {
      read++;
      const r = checker.check(line, cells);
      if (r.ok) batch.push({ row: line, data: r.data });
      else {
        if (r.problems.some((p) => p.duplicate)) counts.duplicates++;
        else counts.errors++;
        keep(r.problems);
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (e) {
    const failure = e instanceof Error ? e.message : String(e);
    await ctx.db
      .update(ctx.t.imports)
      .set({ status: 'failed', failure, finishedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(eq(ctx.t.imports.id, importId));
    await writeAudit(ctx, {
      action: 'import.fail',
      entity: 'import',
      entityId: importId,
      data: { ...counts, failure },
    });
    throw e;
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(tx.t.imports)
      .set({ status: 'done', rows: read, finishedAt: now, updatedAt: now })
      .where(eq(tx.t.imports.id, importId));
    await writeAudit(tx, { action: 'import.finish', entity: 'import', entityId: importId, data: { ...counts } });
  });
  return getImport(ctx, importId);
}

/**
 * `startImport` then `runImport`: the whole import, returning its record.
 * @example
 * const imp = await importClients(ctx, await readSpreadsheet(bytes, 'klienci.csv'), { kind: 'person' });
 * imp.imported; // 9996
 */
export async function importClients(
  ctx: Ctx,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportRecord> {
  const imp = await startImport(ctx, source, options);
  return runImport(ctx, imp.id, source, options);
}
