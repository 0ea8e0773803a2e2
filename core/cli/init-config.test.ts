import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../firm/index.ts';
import { initConfig, initReadme } from './init-config.ts';
import { main } from './main.ts';

const demo = JSON.parse(
  readFileSync(new URL('../../examples/demo-firm/crm.config.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('broker-crm init: the firm starter', () => {
  it('keeps the chosen branch types and roles (plus hq and admin) and still loads', () => {
    const text = initConfig({ firmName: 'Finanse Bałtyk', branchTypes: ['own-branch'], roles: ['advisor'] });
    const config = parseConfig(text, 'crm.config.json');
    expect(Object.keys(config.branchTypes).sort()).toEqual(['hq', 'own-branch']);
    expect(Object.keys(config.roles).sort()).toEqual(['admin', 'advisor']);
    expect(config.firm.name).toBe('Finanse Bałtyk');
  });

  it('names an unknown role or branch type and the ones it knows', () => {
    expect(() => initConfig({ firmName: 'X', roles: ['cashier'] })).toThrow(/Unknown role cashier; choose from admin/);
    expect(() => initConfig({ firmName: 'X', branchTypes: ['kiosk'] })).toThrow(/Unknown branch type kiosk/);
  });

  it("takes the demo firm's workflow with moves narrowed to the firm's roles", () => {
    const text = initConfig({ firmName: 'X', roles: ['advisor', 'branch-manager'], demo });
    const config = parseConfig(text, 'crm.config.json');
    expect(Object.keys(config.workflow.statuses)).toEqual(
      Object.keys((demo.workflow as { statuses: object }).statuses),
    );
    const named = config.workflow.reopen.flatMap((r) => r.roles ?? []);
    expect(named.every((r) => ['admin', 'advisor', 'branch-manager'].includes(r))).toBe(true);
  });

  it('writes a README that explains the sections with what was chosen', () => {
    const readme = initReadme('crm.config.json', JSON.parse(initConfig({ firmName: 'Finanse Bałtyk' })));
    expect(readme).toMatch(/^# Finanse Bałtyk: the broker-crm configuration/);
    for (const section of ['## firm', '## branchTypes', '## roles', '## commissionGroups', '## security'])
      expect(readme).toContain(section);
    expect(readme).toContain('- `franchise-branch` — Franchise branch');
  });
});

describe('broker-crm config check', () => {
  it('prints each problem as file:line:column and fails; a good file is "valid"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-config-check-'));
    const file = join(dir, 'crm.config.json');
    const text = initConfig({ firmName: 'X' }).replace('"sessionHours": 12', '"sessionHours": "twelve"');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('"twelve"')) + 1;
    const errors: string[] = [];
    const logs: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    try {
      expect(await main(['config', 'check', file])).toBe(1);
      expect(errors[0]).toBe(`${file}:${line}:5: /security/sessionHours must be an integer, not string`);
      writeFileSync(file, initConfig({ firmName: 'X' }));
      expect(await main(['config', 'check', file])).toBe(0);
      expect(logs).toEqual([`${file}: valid`]);
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  });
});
