import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveConfig } from '../config-versions/index.ts';
import { createCrm, type Crm } from '../crm.ts';
import { freshDatabase } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { configVersionsCommand } from './config-versions.ts';

let crm: Crm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase('libsql');
  crm = await createCrm({ config: demoConfig(), database });
});
afterAll(async () => {
  await crm.close();
  await database.drop();
});

const run = async (args: string[], why?: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await configVersionsCommand(
    crm,
    args,
    why ? { why } : {},
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
};

it('lists the versions (the running one starred) and rolls back to the file with a why', async () => {
  const config = JSON.parse(crm.configVersion.text);
  config.firm.name = 'Kredyt-Dom (nowa nazwa)';
  await saveConfig(crm.system('test'), { text: JSON.stringify(config), baseVersion: 0, why: 'new name' });
  expect(crm.config.firm.name).toBe('Kredyt-Dom (nowa nazwa)');
  const listed = await run(['versions']);
  expect(listed.code).toBe(0);
  expect(listed.out).toEqual([
    expect.stringMatching(/^\* {4}1 {2}edit command line \S+Z {2}new name$/),
    expect.stringMatching(/^ {5}0 {2}file {2}/),
  ]);
  expect(await run(['rollback', '0'])).toMatchObject({ code: 1, err: [expect.stringContaining('--why')] });
  const back = await run(['rollback', '0'], 'IT resets to the file');
  expect(back).toMatchObject({
    code: 0,
    out: ['Version 0 restored as version 2; it runs now (servers on this database reload it)'],
  });
  expect(crm.configVersion.version).toBe(2);
  expect(crm.config.firm.name).toBe(demoConfig().firm.name);
  expect((await run(['rollback', 'x'])).code).toBe(1);
});
