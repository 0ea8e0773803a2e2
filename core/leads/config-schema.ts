/**
 * @module leads/config-schema
 * The `leads` section of `crm.config.json`: which client fields a lead may carry, the consent
 * purposes with their versioned texts, duplicates, the protection window for partner referrals,
 * assignment rules, spam limits and portal mappings. Optional, with defaults.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id, labelSchema } from '../config/index.ts';

const fieldName = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$', description: 'A client field name.' } as const;
const text = { ...labelSchema, description: 'The text a person is shown, in Polish and English.' } as const;

const consent = {
  type: 'object',
  description:
    'A consent purpose: its texts by version. A lead names the version it showed; old versions stay so past ' +
    'evidence can be read.',
  properties: {
    required: { type: 'boolean', default: false, description: 'A lead without this consent is refused (422).' },
    current: { type: 'string', minLength: 1, description: 'The version forms show now.' },
    versions: {
      type: 'object',
      additionalProperties: text,
      minProperties: 1,
      description: 'Version id → the text shown.',
    },
  },
  required: ['current', 'versions'],
  additionalProperties: false,
} as const;

const rule = {
  type: 'object',
  description: 'An assignment rule: the first whose `when` matches a new lead decides who gets it.',
  properties: {
    id,
    when: {
      type: 'object',
      description: 'All given conditions must hold; an empty `when` matches every lead.',
      properties: {
        sources: { type: 'array', items: id, minItems: 1, description: "The lead's source is one of these." },
        fields: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
          description:
            'Field → accepted values (e.g. region: city, postal-code prefix "80-"). A value ending in "*" ' +
            'matches by prefix.',
        },
        partner: { type: 'boolean', description: 'true: only partner referrals; false: only leads without a partner.' },
      },
      additionalProperties: false,
      default: {},
    },
    unit: {
      type: 'string',
      minLength: 1,
      description: "Unit code: round-robin among the unit's active users with an assignable role.",
    },
    user: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', description: 'Or a fixed user, by e-mail.' },
  },
  required: ['id'],
  additionalProperties: false,
} as const;

const mapping = {
  type: 'object',
  description:
    "A portal's own JSON shape → a lead. Each field is read by a JSON pointer, optionally through a value map, " +
    'else its default.',
  properties: {
    clientType: id,
    source: id,
    fields: {
      type: 'object',
      description: 'Lead field (a client field, or `consents`, `partnerRef`, `note`) → where to read it.',
      additionalProperties: {
        type: 'object',
        properties: {
          pointer: {
            type: 'string',
            pattern: '^(/.*)?$',
            description: "RFC 6901 JSON pointer into the portal's payload.",
          },
          map: {
            type: 'object',
            additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
            description: 'Portal value → our value.',
          },
          default: { description: 'Used when the pointer finds nothing.' },
        },
        additionalProperties: false,
      },
    },
    consents: {
      type: 'array',
      description:
        'Consents the portal collected under its own terms: purpose, version, and optionally the pointer of a ' +
        'boolean saying it was given.',
      items: {
        type: 'object',
        properties: { purpose: id, version: { type: 'string' }, pointer: { type: 'string' } },
        required: ['purpose', 'version'],
        additionalProperties: false,
      },
      default: [],
    },
  },
  required: ['clientType', 'source', 'fields'],
  additionalProperties: false,
} as const;

export const defaultLeadsSection = {
  clientType: 'private',
  fields: { person: ['firstName', 'lastName', 'phone', 'email'], company: ['companyName', 'nip'] },
  consents: {
    contact: {
      required: true,
      current: '1',
      versions: {
        1: {
          pl: 'Zgadzam się na kontakt w sprawie mojego zapytania.',
          en: 'I agree to be contacted about my enquiry.',
        },
      },
    },
  },
  dedupe: ['pesel', 'nip', 'phone', 'email'],
  protectionDays: 90,
  assignment: { rules: [], roles: ['advisor'] },
  activityType: 'note',
  spam: {},
  mappings: {},
} as const;

export const leadsConfigSchema = {
  type: 'object',
  description:
    'Leads: what landing pages, portals and partners may send, consents, duplicates, assignment and spam limits.',
  properties: {
    clientType: {
      ...id,
      default: defaultLeadsSection.clientType,
      description: 'Client type of leads that do not say (public keys fix their own).',
    },
    fields: {
      type: 'object',
      description: "Per kind, the client fields a lead may carry. The kind's required fields must be among them.",
      properties: {
        person: { type: 'array', items: fieldName, uniqueItems: true },
        company: { type: 'array', items: fieldName, uniqueItems: true },
      },
      additionalProperties: false,
      default: defaultLeadsSection.fields,
    },
    consents: {
      type: 'object',
      propertyNames: id,
      additionalProperties: consent,
      default: defaultLeadsSection.consents,
      description: 'Consent purposes keyed by id.',
    },
    dedupe: {
      type: 'array',
      items: { type: 'string', enum: ['pesel', 'nip', 'regon', 'phone', 'email'] },
      uniqueItems: true,
      default: defaultLeadsSection.dedupe,
      description:
        'Keys on which a lead matches an existing client (keyed hash); a match adds an activity instead of a ' +
        'duplicate.',
    },
    protectionDays: {
      type: 'integer',
      minimum: 0,
      maximum: 3650,
      default: 90,
      description:
        "Within this many days of a partner's referral, another partner's referral of the same person is a " +
        'conflict and the first keeps it.',
    },
    assignment: {
      type: 'object',
      description: 'Who gets a new lead.',
      properties: {
        rules: { type: 'array', items: rule, default: [] },
        roles: {
          type: 'array',
          items: id,
          minItems: 1,
          default: ['advisor'],
          description: 'Roles a round-robin may assign to.',
        },
      },
      additionalProperties: false,
      default: {},
    },
    activityType: {
      ...id,
      default: 'note',
      description: 'Activity type recorded on an existing client when a lead matches it.',
    },
    spam: {
      type: 'object',
      description: 'Limits on public source keys.',
      properties: {
        minFillSeconds: {
          type: 'integer',
          minimum: 0,
          maximum: 600,
          default: 3,
          description: 'A form sent sooner after it was shown is treated as a bot.',
        },
        tokenMaxAgeHours: { type: 'integer', minimum: 1, maximum: 168, default: 24 },
        perIpPerMinute: { type: 'integer', minimum: 1, default: 10 },
        perKeyPerMinute: { type: 'integer', minimum: 1, default: 600 },
        maxBodyBytes: { type: 'integer', minimum: 1024, maximum: 1048576, default: 16384 },
        honeypot: {
          type: 'string',
          pattern: '^[a-z][a-zA-Z]*$',
          default: 'website',
          description: 'The hidden field a person leaves empty.',
        },
      },
      additionalProperties: false,
      default: {},
    },
    mappings: {
      type: 'object',
      propertyNames: id,
      additionalProperties: mapping,
      default: {},
      description: 'Portal mappings keyed by id (POST /api/leads?mapping=<id>).',
    },
  },
  additionalProperties: false,
  default: defaultLeadsSection,
} as const;

/** The `leads` section after loading: defaults filled in. */
export type LeadsConfig = FromSchema<typeof leadsConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    leads: LeadsConfig;
  }
}
