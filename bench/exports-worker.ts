/**
 * @module bench/exports-worker
 * One contender of the exports bench, alone in its own process so that its peak RSS is its own:
 * `ours` exports the clients through the export path (`exportListTo`: export permission and scope,
 * `listClients` keyset pages with field masking, names, typed cells, formula neutralisation, audit);
 * `baseline` reads the same rows in the same keyset pages straight from the table and writes the
 * same columns with exceljs's streaming writer and nothing else. Prints one JSON line:
 * `{ "ms": …, "rows": …, "peakRssMb": … }`. `floor` exports an empty list: the process's own RSS.
 *
 * Usage: `node --import tsx bench/exports-worker.ts <ours|baseline|floor> <database-url> <manager-id> <out.xlsx>`
 */
import { asc, gt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createCrm } from '../core/crm.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { exportListTo } from '../core/reports/export/index.ts';
import { openDatabase } from '../core/storage/database.ts';
import { benchConfigPath } from '../scripts/bench-data.ts';

/** The 20 columns both contenders write. */
export const BENCH_COLUMNS = [
  'id',
  'displayName',
  'type',
  'source',
  'status',
  'owner',
  'unit',
  'createdAt',
  'updatedAt',
  'data.firstName',
  'data.lastName',
  'data.pesel',
  'data.phone',
  'data.email',
  'data.street',
  'data.postalCode',
  'data.city',
  'data.employment',
  'data.netMonthlyIncomeMinor',
  'data.householdSize',
] as const;

async function main(): Promise<void> {
  const [mode, url, managerId, out] = process.argv.slice(2) as [string, string, string, string];
  const database = await openDatabase(url, { migrate: false });
  const crm = await createCrm({ config: loadConfigFile(benchConfigPath), database, secret: 'bench-exports-secret' });
  const started = performance.now();
  let rows = 0;
  if (mode === 'floor') {
    // The process with everything loaded and the actor built, but no export: what RSS owes to Node, tsx
    // and the modules rather than to the rows.
    const ctx = await crm.asUser(managerId);
    await exportListTo(ctx, 'clients', { ownerId: 'nobody' }, out, { columns: BENCH_COLUMNS });
  } else if (mode === 'ours') {
    const ctx = await crm.asUser(managerId);
    rows = (await exportListTo(ctx, 'clients', {}, out, { columns: BENCH_COLUMNS })).rows;
  } else {
    const { db, t } = database;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Klienci');
    sheet.addRow([...BENCH_COLUMNS]).commit();
    let after = '';
    for (;;) {
      const page = await db
        .select()
        .from(t.clients)
        .where(gt(t.clients.id, after))
        .orderBy(asc(t.clients.id))
        .limit(200);
      for (const c of page) {
        const d = c.data as Record<string, string | number | undefined>;
        sheet
          .addRow([
            c.id,
            c.displayName,
            c.type,
            c.source,
            c.status,
            c.ownerId,
            c.unitId,
            c.createdAt,
            c.updatedAt,
            d.firstName,
            d.lastName,
            d.pesel,
            d.phone,
            d.email,
            d.street,
            d.postalCode,
            d.city,
            d.employment,
            typeof d.netMonthlyIncomeMinor === 'number' ? d.netMonthlyIncomeMinor / 100 : null,
            d.householdSize,
          ])
          .commit();
        rows += 1;
        if (rows % 32 === 0) await new Promise((r) => setImmediate(r)); // as the export path does
      }
      if (page.length < 200) break;
      after = page[page.length - 1]!.id;
    }
    sheet.commit();
    await workbook.commit();
  }
  const ms = performance.now() - started;
  await database.close();
  console.log(JSON.stringify({ ms, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

await main();
