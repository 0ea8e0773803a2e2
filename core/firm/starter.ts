/**
 * @module config/starter
 * The `crm.config.json` that `broker-crm init` writes: a smaller cousin of the demo firm
 * (headquarters, regions, own and franchise branches; admin, branch manager, advisor, back office,
 * partner) that loads as it is and is meant to be edited.
 */
import { permissionCatalog, type Permission, type Scope } from '../access/index.ts';

/** Installed projects find the published schema here, so editors complete and check keys. */
export const starterSchemaPath = './node_modules/broker-crm/dist/core/config/crm.config.schema.json';

const label = (pl: string, en: string) => ({ pl, en });
const grant = (scope: Scope, perms: Permission[]) => Object.fromEntries(perms.map((p) => [p, scope]));

function starterObject(firmName: string) {
  return {
    $schema: starterSchemaPath,
    'x-readme':
      'Reference: docs/configuration.md in the broker-crm package. Keys starting with x- are yours; broker-crm ' +
      'ignores them.',
    version: 1,
    firm: { name: firmName, timeZone: 'Europe/Warsaw', currency: 'PLN', locale: 'pl-PL' },
    branchTypes: {
      // Small firms hang branches straight under the headquarters; larger ones add (nested) regions.
      hq: {
        label: label('Centrala', 'Headquarters'),
        contains: ['region', 'own-branch', 'franchise-branch'],
        root: true,
      },
      region: {
        label: label('Region', 'Region'),
        contains: ['region', 'own-branch', 'franchise-branch'],
        region: true,
      },
      'own-branch': { label: label('Oddział własny', 'Own branch') },
      'franchise-branch': { label: label('Oddział franczyzowy', 'Franchise branch'), franchise: true },
    },
    roles: {
      // Every permission in the catalogue, so the first administrator can set up everything else.
      admin: {
        label: label('Administrator', 'Administrator'),
        permissions: grant('all', Object.keys(permissionCatalog) as Permission[]),
      },
      'branch-manager': {
        label: label('Dyrektor oddziału', 'Branch manager'),
        permissions: {
          ...grant('all', ['units:read', 'partners:read']),
          ...grant('unit', [
            'users:read',
            'clients:read',
            'clients:write',
            'clients:assign',
            'pii:read',
            'financial:read',
            'commissions:read',
            'commissions:correct',
            'commissions:approve',
            'settlements:read',
            'reports:read',
            'leads:write',
            'calendar:read',
            'calendar:write',
          ]),
        },
      },
      advisor: {
        label: label('Doradca', 'Advisor'),
        permissions: {
          ...grant('all', ['units:read', 'partners:read']),
          'users:read': 'unit',
          ...grant('own', [
            'clients:read',
            'clients:write',
            'pii:read',
            'financial:read',
            'commissions:read',
            'settlements:read',
            'reports:read',
            'leads:write',
            'calendar:read',
            'calendar:write',
          ]),
        },
      },
      'back-office': {
        label: label('Rozliczenia', 'Back office (settlements)'),
        permissions: grant('all', [
          'units:read',
          'users:read',
          'clients:read',
          'financial:read',
          'commissions:read',
          'commissions:correct',
          'commissions:approve',
          'commissions:rules',
          'settlements:read',
          'settlements:close',
          'reports:read',
          'partners:read',
        ]),
      },
      partner: {
        label: label('Partner', 'Partner'),
        partner: true,
        permissions: grant('referred', ['clients:read', 'commissions:read', 'settlements:read']),
      },
    },
    commissionGroups: {
      advisor: { label: label('Doradca', 'Advisor'), for: 'advisor' },
      'partner-standard': { label: label('Partner standard', 'Standard partner'), for: 'partner' },
      franchise: { label: label('Franczyza', 'Franchise'), for: 'unit' },
    },
    security: {
      sessionHours: 12,
      idleMinutes: 120,
      passwordMinLength: 10,
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
    },
  };
}

/**
 * The JSON text of a starter configuration for the named firm.
 * @example
 * writeFileSync('crm.config.json', starterConfig('Kredyt-Dom sp. z o.o.'));
 */
export function starterConfig(firmName: string): string {
  const name = firmName.trim();
  if (!name) throw new Error('The firm name must not be empty: it is printed on statements.');
  return `${compactJson(starterObject(name), '')}\n`;
}

/** Pretty JSON that keeps short objects and arrays on one line, as a person would write them. */
function compactJson(value: unknown, indent: string): string {
  const flat = oneLine(value);
  if (typeof value !== 'object' || value === null || indent.length + flat.length <= 100) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const lines = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value);
  return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')} }` : '{}';
}
