/**
 * @module cli/import-command
 * `broker-crm import clients FILE.csv|FILE.xlsx [--dry-run] [--encoding utf-8|windows-1250]
 * [--kind person|company] [--owner EMAIL]`, `broker-crm import undo ID`, `broker-crm import list`:
 * the spreadsheet import from a terminal, with a progress bar, the import's id and every problem
 * by row and column.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Crm } from '../crm.ts';
import { CrmError } from '../errors.ts';
import {
  dryRun,
  importClients,
  listImports,
  mappingFor,
  readSpreadsheet,
  undoImport,
  type Encoding,
  type ImportProblem,
} from '../import/index.ts';
import { findUserByEmail } from '../org/index.ts';
import { progressBar } from './progress.ts';

export const importUsage = `Usage: broker-crm import clients <file.csv|file.xlsx> [--dry-run]
                                  [--encoding utf-8|windows-1250] [--kind person|company] [--owner e-mail]
       broker-crm import undo <import id>
       broker-crm import list`;

export interface ImportFlags {
  'dry-run'?: boolean;
  encoding?: string;
  kind?: string;
  owner?: string;
}

const problemLine = (p: ImportProblem) =>
  `row ${p.row}, column "${p.column || p.field}": ${p.message}${p.duplicate ? ' (duplicate, not imported)' : ''}`;

/** Runs one `import` subcommand; the exit code is 1 when the file had problems or the command failed. */
export async function importCommand(args: string[], flags: ImportFlags, open: () => Promise<Crm>): Promise<number> {
  const [sub, arg] = args;
  if (sub === 'clients' && arg) return importFile(arg, flags, open);
  if (sub === 'undo' && arg) return withCrm(open, (crm) => undo(crm, arg));
  if (sub === 'list') return withCrm(open, list);
  console.error(importUsage);
  return 1;
}

async function withCrm(open: () => Promise<Crm>, f: (crm: Crm) => Promise<number>): Promise<number> {
  const crm = await open();
  try {
    return await f(crm);
  } catch (e) {
    if (!(e instanceof CrmError)) throw e;
    console.error(`${e.message}${e.details ? `\n${JSON.stringify(e.details, null, 2)}` : ''}`);
    return 1;
  } finally {
    await crm.close();
  }
}

async function importFile(file: string, flags: ImportFlags, open: () => Promise<Crm>): Promise<number> {
  const encoding = flags.encoding as Encoding | undefined;
  if (encoding && encoding !== 'utf-8' && encoding !== 'windows-1250') {
    console.error(`--encoding must be utf-8 or windows-1250, not "${encoding}"`);
    return 1;
  }
  const kind = flags.kind === 'company' ? 'company' : 'person';
  return withCrm(open, async (crm) => {
    const ctx = crm.system('cli import');
    const sheet = await readSpreadsheet(new Uint8Array(readFileSync(file)), encoding ? { encoding } : {});
    const { mapping, saved } = await mappingFor(ctx, kind, sheet.header);
    const how = sheet.format === 'xlsx' ? 'XLSX, first sheet' : `${sheet.encoding}, separator "${sheet.separator}"`;
    console.log(`${file}: ${how}, ${sheet.rows.length} rows of ${kind} clients`);
    console.log(saved ? 'Column mapping (saved from an earlier import):' : 'Column mapping (guessed from the header):');
    for (const [column, field] of Object.entries(mapping)) console.log(`  ${column} → ${field}`);
    const ignored = sheet.header.filter((h) => h && !mapping[h]);
    if (ignored.length) console.log(`  not imported: ${ignored.join(', ')}`);
    if (flags['dry-run']) {
      const report = dryRun(crm.config, sheet, { kind, mapping });
      for (const p of report.problems) console.log(problemLine(p));
      console.log(`${report.valid.length} rows valid, ${report.total - report.valid.length} with problems (dry run)`);
      return report.problems.length ? 1 : 0;
    }
    let ownerId: string | undefined;
    if (flags.owner) {
      const owner = await findUserByEmail(ctx, flags.owner);
      if (!owner) {
        console.error(`No user with the e-mail ${flags.owner}`);
        return 1;
      }
      ownerId = owner.id;
    }
    const bar = progressBar();
    const imp = await importClients(
      ctx,
      {
        fileName: basename(file),
        encoding: sheet.encoding,
        header: sheet.header,
        total: sheet.rows.length,
        rows: sheet.rows,
      },
      {
        kind,
        mapping,
        ...(ownerId ? { ownerId } : { ownerId: null }),
        onProgress: (p) => bar('import', p.processed, p.rows),
      },
    );
    for (const p of imp.problems) console.log(problemLine(p));
    console.log(
      `Import ${imp.id}: ${imp.imported} imported, ${imp.duplicates} duplicates, ${imp.errors} with errors ` +
        `(of ${imp.rows} rows)`,
    );
    console.log(`Undo it with: broker-crm import undo ${imp.id}`);
    return 0;
  });
}

async function undo(crm: Crm, id: string): Promise<number> {
  const { removed, import: imp } = await undoImport(crm.system('cli import undo'), id);
  console.log(`Import ${imp.id} (${imp.fileName}) undone: ${removed} clients removed`);
  return 0;
}

async function list(crm: Crm): Promise<number> {
  const page = await listImports(crm.system('cli import list'), { limit: 50 });
  if (!page.items.length) console.log('No imports yet');
  for (const i of page.items)
    console.log(
      `${i.id}  ${i.createdAt.toISOString().slice(0, 16).replace('T', ' ')}  ${i.status.padEnd(7)}  ` +
        `${String(i.imported).padStart(6)} of ${String(i.rows).padEnd(6)}  ${i.fileName}`,
    );
  return 0;
}
