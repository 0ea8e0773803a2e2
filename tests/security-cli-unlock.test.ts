/**
 * Regression (issue 11, item 12): five wrong passwords must not lock out the only administrator
 * with no way back before the lock ends: `broker-crm unlock <e-mail>` lifts the lock from the
 * server's shell. Runs the real command against a file database, then signs in through the API.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { createUnit, createUser } from '../core/org/index.ts';

const run = promisify(execFile);
const bin = new URL('../bin/broker-crm.js', import.meta.url).pathname;
const config = new URL('../examples/demo-firm/crm.config.json', import.meta.url).pathname;

it('the only admin, locked by five wrong passwords, is unlocked by broker-crm unlock', async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'crm-unlock-')), 'crm.db')}`;
  let crm = await createCrm({ config, database: url });
  const hq = await createUnit(crm.system(), { code: 'HQ', name: 'Centrala', type: 'hq' });
  await createUser(crm.system(), {
    email: 'jedyny.admin@kredyt-dom.pl',
    name: 'Jedyny Administrator',
    roles: ['admin'],
    unitId: hq.id,
    password: 'dobre-haslo-2026',
  });
  const signIn = async (password: string) =>
    (
      await createHttpApi(crm, { log: () => {} }).request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'jedyny.admin@kredyt-dom.pl', password }),
      })
    ).status;
  for (let i = 0; i < 5; i++) expect(await signIn(`zle-${i}`)).toBe(401);
  expect(await signIn('dobre-haslo-2026')).toBe(423);
  await crm.close();
  const r = await run('node', [bin, 'unlock', 'Jedyny.Admin@kredyt-dom.pl', '--config', config, '--database', url]);
  expect(r.stdout).toContain('Unlocked jedyny.admin@kredyt-dom.pl');
  crm = await createCrm({ config, database: url });
  expect(await signIn('dobre-haslo-2026')).toBe(200);
  await crm.close();
  const unknown = await run('node', [bin, 'unlock', 'nikt@kredyt-dom.pl', '--config', config, '--database', url]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect((unknown as { code: number }).code).toBe(1);
}, 90_000);
