/**
 * @module tests/keys-cli
 * The key commands as a person runs them: `serve` refuses to start without keys (no default
 * secret), `init` writes new keys to a file outside the project that `migrate` and `serve` then
 * find, `keys rotate` adds a data key keeping the old one, and `encrypt` re-encrypts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../bin/broker-crm.js', import.meta.url).pathname;

describe('broker-crm keys', () => {
  it('refuses to serve without keys; init writes them outside the project; rotate keeps the old key', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crm-keys-home-'));
    const dir = mkdtempSync(join(tmpdir(), 'crm-keys-project-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: home,
      DATABASE_URL: `file:${join(dir, 'crm.db')}`,
    };
    delete env.CRM_SECRET;
    delete env.CRM_DATA_KEY;
    const cli = (args: string[]) =>
      run('node', [bin, ...args], { cwd: dir, env }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    const printed = await cli(['keys', 'generate']); // for the environment; no file written
    expect(printed.stdout).toMatch(/^CRM_SECRET=\S{40,}\nCRM_DATA_KEY=\S{40,}$/m);
    const demo = new URL('../examples/demo-firm/crm.config.json', import.meta.url).pathname;
    const refused = await cli(['serve', '--config', demo, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/No keys: broker-crm needs a secret and a data key, and has no default/);

    const init = await cli(['init', '--name', 'Klucze', '--yes']);
    expect(init.code).toBe(0);
    const file = /Wrote the keys to (\S+)/.exec(init.stdout)![1]!;
    expect(file.startsWith(join(home, 'broker-crm', 'keys'))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keys = JSON.parse(readFileSync(file, 'utf8')) as { secret: string; dataKey: string };
    expect(readFileSync(join(dir, 'crm.config.json'), 'utf8')).not.toContain(keys.dataKey);
    expect((await cli(['migrate'])).stdout).toMatch(/Migrated/); // found the key file on its own

    const rotated = await cli(['keys', 'rotate']);
    expect(rotated.stdout).toMatch(/New data key [0-9a-f]{8} .*the old key [0-9a-f]{8} is kept for reading/);
    const after = JSON.parse(readFileSync(file, 'utf8')) as { dataKey: string; previousDataKeys: string[] };
    expect(after.previousDataKeys).toEqual([keys.dataKey]);
    expect(after.dataKey).not.toBe(keys.dataKey);
    const enc = await cli(['encrypt', '--batch', '100']);
    expect(enc.stdout).toMatch(/Done: 0 of 0 clients rewritten/);
  }, 180_000);
});
