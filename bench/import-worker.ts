/**
 * @module bench/import-worker
 * One contender of the import bench, alone in its own process so that its peak RSS is its own, on
 * a fresh database: `ours` reads a generated Windows-1250 CSV of `n` clients and imports it through
 * the import path (`readSpreadsheet`, row checks, `importClients`: batches through the clients
 * module with validation, keyed hashes, encryption, history, audit, import links); `baseline` writes
 * the same rows (already normalised) with plain multi-row inserts of 500 into the clients table and
 * nothing else; `floor` loads everything and imports nothing (what RSS owes to Node, tsx and the
 * modules). Prints one JSON line: `{ "ms": …, "rows": …, "peakRssMb": … }`.
 *
 * Usage: `node --import tsx bench/import-worker.ts <ours|baseline|floor> <database-url> <n>`
 */
import { randomBytes } from 'node:crypto';
import { createCrm } from '../core/crm.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { peselCheckDigit } from '../core/ids/index.ts';
import { newId } from '../core/ids/index.ts';
import { importClients, readSpreadsheet } from '../core/import/index.ts';
import { createUnit, createUser } from '../core/org/index.ts';
import { openDatabase } from '../core/storage/database.ts';

const config = new URL('../examples/demo-firm/crm.config.json', import.meta.url).pathname;
const two = (n: number) => String(n).padStart(2, '0');
const pesel = (i: number) => {
  const serial = String(i % 10_000).padStart(4, '0');
  const ten = `${two(40 + Math.floor(i / 10_000))}${two((i % 12) + 1)}${two((i % 28) + 1)}${serial}`;
  return `${ten}${peselCheckDigit(ten)}`;
};
const names = ['Łukasz', 'Żaneta', 'Ścibor', 'Małgorzata', 'Józef'];

/** The CSV as Polish Excel saves it: Windows-1250, `;`, decimal commas. */
function csv(n: number): Uint8Array {
  const map: Record<string, number> = {
    ł: 0xb3,
    Ł: 0xa3,
    Ż: 0xaf,
    ż: 0xbf,
    Ś: 0x8c,
    ó: 0xf3,
    Ó: 0xd3,
    ź: 0x9f,
    ę: 0xea,
    ą: 0xb9,
  };
  const lines = ['Imię;Nazwisko;PESEL;Telefon;E-mail;Miejscowość;Dochód netto'];
  for (let i = 0; i < n; i++)
    lines.push(
      `${names[i % 5]};Wójcik-${i};${pesel(i)};+48 5${String(i).padStart(8, '0')};k${i}@poczta.example;Łódź;` +
        `${4000 + (i % 100)},50`,
    );
  const text = lines.join('\r\n');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = map[text[i]!] ?? text.charCodeAt(i);
  return out;
}

async function main(): Promise<void> {
  const [mode, url, n0] = process.argv.slice(2) as [string, string, string];
  const n = Number(n0);
  const database = await openDatabase(url);
  // Keys of its own for this run: encrypted fields are sealed as in a real install.
  const keys = { secret: randomBytes(32).toString('base64url'), dataKey: randomBytes(32).toString('base64') };
  const crm = await createCrm({ config: loadConfigFile(config), database, keys });
  const sys = crm.system('bench');
  const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
  const admin = await createUser(sys, {
    email: 'admin@bench.pl',
    name: 'Admin',
    roles: ['admin'],
    unitId: hq.id,
    password: 'bench-password-2026',
  });
  const bytes = mode === 'floor' ? csv(10) : csv(n);
  const started = performance.now();
  let rows = 0;
  if (mode === 'ours' || mode === 'floor') {
    const sheet = await readSpreadsheet(bytes);
    const source = { fileName: 'bench.csv', encoding: sheet.encoding, header: sheet.header, total: sheet.rows.length };
    const imp = await importClients(await crm.asUser(admin.id), { ...source, rows: sheet.rows });
    rows = mode === 'floor' ? 0 : imp.imported;
  } else {
    const { db, t } = database;
    const now = new Date();
    for (let i = 0; i < n; i += 500) {
      const batch = [];
      for (let j = i; j < Math.min(n, i + 500); j++) {
        const data = {
          firstName: names[j % 5]!,
          lastName: `Wójcik-${j}`,
          pesel: pesel(j),
          phone: `+485${String(j).padStart(8, '0')}`,
          email: `k${j}@poczta.example`,
          city: 'Łódź',
          netMonthlyIncomeMinor: (4000 + (j % 100)) * 100 + 50,
        };
        batch.push({
          id: newId(),
          kind: 'person',
          type: 'private',
          source: null,
          displayName: `${data.firstName} ${data.lastName}`,
          ownerId: admin.id,
          unitId: hq.id,
          status: 'new',
          data,
          searchText: `${data.firstName} ${data.lastName} lodz`.toLowerCase(),
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
      }
      await db.insert(t.clients).values(batch);
      rows += batch.length;
    }
  }
  const ms = performance.now() - started;
  await crm.close();
  console.log(JSON.stringify({ ms, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

await main();
process.exit(0); // a PostgreSQL listener of the CRM may keep the event loop alive after close
