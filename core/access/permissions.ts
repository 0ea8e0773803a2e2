/**
 * @module access/permissions
 * The catalogue of permissions (resource:action) and the scopes they are granted with.
 * Each module that adds a resource adds its permissions here, so a firm's config that names an
 * unknown permission is caught at load time with its JSON path.
 */

/** How far a permission reaches, narrowest first. `referred` is the partner's scope. */
export const scopes = ['own', 'team', 'unit', 'subtree', 'all', 'referred'] as const;
export type Scope = (typeof scopes)[number];

/** The linear scopes in order of reach; `referred` stands apart. */
export const scopeRank: Record<Exclude<Scope, 'referred'>, number> = { own: 0, team: 1, unit: 2, subtree: 3, all: 4 };

export const permissionCatalog = {
  'units:read': 'See branches, regions and the structure',
  'units:write': 'Create, rename, move and archive units',
  'users:read': 'See users and their memberships',
  'users:write': 'Create users, change roles, move users between units, disable users',
  'roles:read': 'See the roles and their permissions',
  'clients:read': 'See clients and everything that hangs off a client',
  'clients:write': 'Create and edit clients, record activities and status changes',
  'clients:assign': 'Assign clients to advisors and move them between advisors',
  'clients:export': 'Export clients and their activities to Excel (within clients:read, masked)',
  'clients:import': 'Import clients from spreadsheets (CSV, XLSX), review and undo imports (within its scope)',
  'clients:delete': 'Erase or pseudonymise clients (GDPR)',
  'gdpr:manage':
    'Data-subject requests (GDPR Art. 15–21): register, export what is held about a person, restrict, run retention',
  'pii:read': 'See personal data fields (name, PESEL, phone, e-mail, address…)',
  'financial:read': 'See financial fields (income, amounts, commissions on a client)',
  'pii:masked':
    'See identifiers (PESEL, phone, e-mail…) masked to their last 4 characters where pii:read does not reach',
  'commissions:read': 'See commission lines',
  'commissions:export': 'Export sales and commission lines to Excel (within commissions:read)',
  'commissions:correct': 'Correct proposed commission amounts (with a reason)',
  'commissions:approve': 'Approve commission lines',
  'commissions:rules': 'Manage commission rules and rule sets',
  'settlements:read': 'See settlement periods and statements',
  'settlements:close': 'Close settlement periods',
  'reports:read': 'Run reports',
  'reports:export': 'Export reports to Excel and subscribe to scheduled report e-mails (within reports:read)',
  'leads:write': 'Enter leads (integrations, portals)',
  'partners:read': 'See partner firms and their people',
  'partners:write': 'Manage partner firms and their people',
  'calendar:read': 'See calendars',
  'calendar:write': 'Create and change calendar items, delegate tasks',
  'calendar:export': 'Export calendars to Excel (within calendar:read)',
  'calendar:disclose':
    "The iCal feed discloses client items' titles, notes and places (off without it: a feed leaves the firm)",
  'apikeys:write': 'Create and revoke API keys',
  'audit:read': 'Read the audit log',
  'notifications:read': 'See outgoing SMS and e-mail, their state and the dead letters',
  'notifications:retry': 'Send a failed or dead-lettered message again, or cancel one not yet sent',
  'compliance:read': "See advisors' KNF registration, OC insurance and training records, and who is about to lapse",
  'compliance:write': "Record advisors' KNF registration, OC insurance and training records",
  'config:read': 'Read the firm configuration',
  'config:write': 'Change the firm configuration',
} as const satisfies Record<string, string>;

export type Permission = keyof typeof permissionCatalog;

export function isPermission(p: string): p is Permission {
  return Object.hasOwn(permissionCatalog, p);
}
