import { describe, expect, it } from 'vitest';
import { permissionCatalog } from '../access/index.ts';
import { parseConfig } from './index.ts';
import { starterConfig, starterSchemaPath } from './starter.ts';

describe('starterConfig', () => {
  it('loads as written by `broker-crm init`', () => {
    const config = parseConfig(starterConfig('Kredyt-Dom sp. z o.o.'), 'crm.config.json');
    expect(config.firm.name).toBe('Kredyt-Dom sp. z o.o.');
    expect(config.firm.timeZone).toBe('Europe/Warsaw');
    expect(Object.keys(config.branchTypes)).toEqual(['hq', 'region', 'own-branch', 'franchise-branch']);
    expect(Object.keys(config.roles)).toEqual(['admin', 'branch-manager', 'advisor', 'back-office', 'partner']);
  });

  it('points editors at the installed schema', () => {
    expect(JSON.parse(starterConfig('X')).$schema).toBe(
      './node_modules/broker-crm/dist/core/config/crm.config.schema.json',
    );
    expect(starterSchemaPath).toBe('./node_modules/broker-crm/dist/core/config/crm.config.schema.json');
  });

  it('gives the admin every permission and the partner only referred data', () => {
    const config = parseConfig(starterConfig('X'));
    expect(Object.keys(config.roles.admin?.permissions ?? {}).sort()).toEqual(Object.keys(permissionCatalog).sort());
    expect(config.roles.partner?.partner).toBe(true);
    expect(new Set(Object.values(config.roles.partner?.permissions ?? {}))).toEqual(new Set(['referred']));
    expect(config.roles.advisor?.permissions['clients:read']).toBe('own');
  });

  it('escapes the firm name and trims it', () => {
    const config = parseConfig(starterConfig('  Biuro "Pod Lipą", s.c.\n'));
    expect(config.firm.name).toBe('Biuro "Pod Lipą", s.c.');
  });

  it('refuses an empty firm name', () => {
    expect(() => starterConfig('   ')).toThrow('firm name');
  });
});
