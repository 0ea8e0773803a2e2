import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Each test starts the real command in a child process (TypeScript through tsx): slow on a busy machine.
const SLOW = 90_000;

const run = promisify(execFile);
const bin = new URL('../bin/broker-crm.js', import.meta.url).pathname;
const cli = (args: string[], cwd: string) =>
  run('node', [bin, ...args], { cwd, env: { ...process.env, DATABASE_URL: '' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('the broker-crm command', () => {
  it(
    'init writes a starter config that loads, creates the database and the first administrator',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
      const r = await cli(
        [
          'init',
          '--name',
          'Finanse Bałtyk',
          '--admin-email',
          'szef@finanse-baltyk.pl',
          '--database',
          `file:${join(dir, 'crm.db')}`,
        ],
        dir,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/first administrator: szef@finanse-baltyk\.pl \/ \S{12,}/);
      expect(JSON.parse(readFileSync(join(dir, 'crm.config.json'), 'utf8')).firm.name).toBe('Finanse Bałtyk');
      const again = await cli(['init'], dir);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
    },
    SLOW,
  );

  it(
    'a bad config exits non-zero listing every problem with file:line:column and JSON path, and writes nothing',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
      writeFileSync(
        join(dir, 'bad.json'),
        '{\n  "version": 1,\n  "firm": { "name": "X", "colour": "red" },\n  "branchTypes": { "hq": { "label": { ' +
          '"pl": "C", "en": "HQ" }, "root": "yes" } },\n  "roles": {}\n}\n',
      );
      const r = await cli(['migrate', '--config', 'bad.json', '--database', `file:${join(dir, 'crm.db')}`], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('bad.json:3:26  /firm/colour  unknown key "colour"');
      expect(r.stderr).toMatch(/bad\.json:4:\d+ +\/branchTypes\/hq\/root/);
      expect(r.stderr).toMatch(/bad\.json:5:\d+ +\/roles/);
      expect(() => readFileSync(join(dir, 'crm.db'))).toThrow();
    },
    SLOW,
  );
});
