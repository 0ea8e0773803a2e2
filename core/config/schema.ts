/**
 * @module config/schema
 * The JSON Schema of the firm's configuration file (`crm.config.json`). It is the single source of
 * truth for validation (ajv), TypeScript types (json-schema-to-ts), the published
 * `crm.config.schema.json` editors complete from, and `docs/configuration.md`.
 *
 * Sections are optional and closed (`additionalProperties: false`): an unknown key is an error, and
 * a later version adds new optional sections, never new required ones, so older files stay valid.
 * Keys starting with `x-` are free for a firm's own notes and tools.
 */
import { idSchema, labelSchema } from './schema-parts.ts';
import { scopes } from '../access/permissions.ts';
import { clientsConfigSchema } from '../clients/config-schema.ts';
import { remindersConfigSchema } from '../calendar/config-schema.ts';
import { workflowSchema } from '../workflow/config-schema.ts';
import { leadsConfigSchema } from '../leads/config-schema.ts';
import { partnersConfigSchema } from '../partners/config-schema.ts';

const id = idSchema;
export { labelSchema };

const firm = {
  type: 'object',
  description: 'The firm itself.',
  properties: {
    name: { type: 'string', minLength: 1, description: 'Legal or trading name, printed on statements.' },
    timeZone: {
      type: 'string',
      default: 'Europe/Warsaw',
      description: 'IANA zone in which people schedule and periods close.',
    },
    currency: {
      type: 'string',
      enum: ['PLN'],
      default: 'PLN',
      description: 'Currency of all amounts; kept in integer grosze.',
    },
    locale: {
      type: 'string',
      enum: ['pl-PL', 'en-GB'],
      default: 'pl-PL',
      description: 'Default language of the UI and documents.',
    },
    knfNumber: {
      type: 'string',
      description: "The firm's entry in the KNF register of credit intermediaries, if any.",
    },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

const branchType = {
  type: 'object',
  description: 'A kind of unit in the branch network.',
  properties: {
    label: labelSchema,
    contains: {
      type: 'array',
      items: id,
      uniqueItems: true,
      default: [],
      description:
        'Types of unit this type may contain. A type may contain itself (nested regions); longer cycles are errors.',
    },
    root: {
      type: 'boolean',
      default: false,
      description: 'May stand at the top of the tree (usually only the headquarters).',
    },
    region: { type: 'boolean', default: false, description: 'Counts as a region in reports.' },
    franchise: {
      type: 'boolean',
      default: false,
      description: 'Run by a partner firm that takes a share of commissions.',
    },
  },
  required: ['label'],
  additionalProperties: false,
} as const;

const role = {
  type: 'object',
  description: 'A role people are given; its permissions each carry a scope.',
  properties: {
    label: labelSchema,
    description: { type: 'string', description: 'A note for administrators on what the role is for.' },
    permissions: {
      type: 'object',
      description: 'Permission (resource:action) → scope. Scopes: own, team, unit, subtree, all, referred.',
      propertyNames: { pattern: '^[a-z]+:[a-z]+$' },
      additionalProperties: { type: 'string', enum: scopes },
      default: {},
    },
    partner: {
      type: 'boolean',
      default: false,
      description: "A partner's login: its permissions may only use the scopes `referred` and `own`.",
    },
  },
  required: ['label', 'permissions'],
  additionalProperties: false,
} as const;

const security = {
  type: 'object',
  description: 'Sign-in and session settings.',
  properties: {
    sessionHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      default: 12,
      description: 'Absolute lifetime of a session.',
    },
    idleMinutes: {
      type: 'integer',
      minimum: 5,
      maximum: 1440,
      default: 120,
      description: 'A session unused this long ends.',
    },
    passwordMinLength: {
      type: 'integer',
      minimum: 8,
      maximum: 128,
      default: 10,
      description: 'Shortest password accepted, in characters.',
    },
    lockout: {
      type: 'object',
      description: 'Locking an account after repeated failed sign-ins.',
      properties: {
        maxFailures: {
          type: 'integer',
          minimum: 3,
          maximum: 100,
          default: 5,
          description: 'Failed sign-ins within the window that lock the account.',
        },
        windowMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: 1440,
          default: 15,
          description: 'How far back failed sign-ins are counted.',
        },
        lockMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: 1440,
          default: 15,
          description: 'How long a locked account stays locked.',
        },
      },
      additionalProperties: false,
      default: {},
    },
  },
  additionalProperties: false,
  default: {},
} as const;

export const configSchema = {
  $id: 'https://broker-crm.dev/schemas/crm.config.schema.json',
  title: 'broker-crm firm configuration',
  type: 'object',
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
    version: { type: 'integer', const: 1, description: 'Format version of this file.' },
    firm,
    branchTypes: {
      type: 'object',
      description: 'Types of units in the branch network, keyed by id.',
      propertyNames: id,
      additionalProperties: branchType,
      minProperties: 1,
    },
    roles: {
      type: 'object',
      description: 'Roles keyed by id. A user may have several; for each permission the widest scope applies.',
      propertyNames: id,
      additionalProperties: role,
      minProperties: 1,
    },
    commissionGroups: {
      type: 'object',
      description: 'Rate groups for advisors and partners, keyed by id; rules refer to them.',
      propertyNames: id,
      additionalProperties: {
        type: 'object',
        properties: {
          label: labelSchema,
          for: {
            type: 'string',
            enum: ['advisor', 'partner', 'unit'],
            description: 'Who is paid at these rates: advisors, partner firms, or units (franchise branches).',
          },
        },
        required: ['label', 'for'],
        additionalProperties: false,
      },
      default: {},
    },
    security,
    clients: clientsConfigSchema,
    workflow: workflowSchema,
    reminders: remindersConfigSchema,
    leads: leadsConfigSchema,
    partners: partnersConfigSchema,
  },
  patternProperties: { '^x-': {} },
  required: ['version', 'firm', 'branchTypes', 'roles'],
  additionalProperties: false,
} as const;
