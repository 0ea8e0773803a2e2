/**
 * `broker-crm import clients FILE`, `import list` and `import undo ID`, run as the real command on a
 * file database: a Polish CSV (Windows-1250, `;`) is imported for an owner given by e-mail, its
 * problems printed by row and column with the import's id, listed, and undone.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { createCrm } from '../core/crm.ts';
import { createUnit, createUser } from '../core/org/index.ts';
import { pesel, windows1250 } from './fixtures/cp1250.ts';

const run = promisify(execFile);
const bin = new URL('../bin/broker-crm.js', import.meta.url).pathname;
const config = new URL('../examples/demo-firm/crm.config.json', import.meta.url).pathname;

it('imports a Windows-1250 CSV for an owner, prints problems and the id, lists and undoes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-import-cli-'));
  const url = `file:${join(dir, 'crm.db')}`;
  const crm = await createCrm({ config, database: url });
  const hq = await createUnit(crm.system(), { code: 'HQ', name: 'Centrala', type: 'hq' });
  await createUser(crm.system(), {
    email: 'doradca@kredyt-dom.pl',
    name: 'Doradca Testowy',
    roles: ['advisor'],
    unitId: hq.id,
    password: 'dobre-haslo-2026',
  });
  await crm.close();
  const file = join(dir, 'klienci.csv');
  writeFileSync(
    file,
    windows1250(
      'Imię;Nazwisko;PESEL;Telefon;Dochód netto\r\n' +
        `Łucja;Żółkiewska;${pesel(1)};600 100 200;5 400,50\r\n` +
        'Zły;Numer;80010112345;600 100 201;1\r\n' +
        `Świętosław;Ćwik;${pesel(2)};600 100 202;7000\r\n`,
    ),
  );
  const cli = (...args: string[]) => run('node', [bin, ...args, '--config', config, '--database', url]);

  const out = (await cli('import', 'clients', file, '--owner', 'doradca@kredyt-dom.pl')).stdout;
  expect(out).toContain('klienci.csv: windows-1250, separator ";", 3 rows of person clients');
  expect(out).toContain('Imię → firstName');
  expect(out).toMatch(/row 3, column "PESEL": .+/);
  const id = /Import (\S+): 2 imported, 0 duplicates, 1 with errors \(of 3 rows\)/.exec(out)?.[1];
  expect(id).toBeTruthy();

  // A dry run with a bad row exits 1; the mapping confirmed by the import is offered again.
  const again = await cli('import', 'clients', file, '--dry-run').catch((e: { code: number; stdout: string }) => e);
  expect(again).toMatchObject({ code: 1, stdout: expect.stringContaining('Column mapping (saved from an earlier') });
  expect((again as { stdout: string }).stdout).toContain('2 rows valid, 1 with problems (dry run)');

  expect((await cli('import', 'list')).stdout).toMatch(new RegExp(`${id} .+ done +2 of 3 +klienci\\.csv`));
  expect((await cli('import', 'undo', id!)).stdout).toContain(`Import ${id} (klienci.csv) undone: 2 clients removed`);
  const twice = await cli('import', 'undo', id!).catch((e: { code: number; stderr: string }) => e);
  expect(twice).toMatchObject({ code: 1, stderr: expect.stringContaining('already been undone') });
}, 240_000); // five runs of the real command; each starts Node with tsx (seconds on a loaded machine)
