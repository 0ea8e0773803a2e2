/**
 * @module clients/config-schema
 * The `clients` section of `crm.config.json`: per kind (person, company) a JSON Schema of the
 * firm's fields with `x-crm-*` annotations, which fields make the display name, the client types
 * with their detailed sources, and the identifier kinds that mark duplicates.
 * The section is optional: without it a firm gets a minimal default.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id, labelSchema as label } from '../config/index.ts';

const kindFields = {
  type: 'object',
  description:
    "A JSON Schema (type object) of this kind's fields. Property keywords: any of JSON Schema, plus `x-crm-pii` " +
    '/ `x-crm-financial` (masked without pii:read / financial:read), `x-crm-searchable` (filterable; found by ' +
    'the search box), `x-crm-identifier` (pesel, nip, regon, iban, phone: checked by checksum, stored ' +
    'normalised, searched and de-duplicated by keyed hash), `x-crm-encrypted` (stored encrypted with AES-256-GCM, ' +
    'found only by keyed hashes; not on display-name fields), `x-crm-label` ({pl, en}), `x-crm-enum-labels` ' +
    '(labels of an enum\'s values: {"sp-zoo": {"pl": "Spółka z o.o.", "en": "Limited liability company"}}). ' +
    'Unknown fields in requests ' +
    'are rejected (additionalProperties is always false).',
  properties: {
    type: { const: 'object' },
    description: { type: 'string' },
    properties: {
      type: 'object',
      propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
      additionalProperties: { type: 'object' },
      minProperties: 1,
      description: 'Field name (camelCase) → its JSON Schema.',
    },
    required: {
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
      default: [],
      description:
        'Fields a client must have. A field made required later is enforced on the next edit of each stored client.',
    },
  },
  required: ['type', 'properties'],
  additionalProperties: false,
} as const;

const source = {
  type: 'object',
  description: 'A detailed source within a client type.',
  properties: {
    label,
    referral: {
      type: 'string',
      enum: ['none', 'external', 'internal'],
      default: 'none',
      description:
        'external: a partner firm referred the client (partnerId required, referrerId = its person); internal: ' +
        'another user referred the client (referrerId required).',
    },
  },
  required: ['label'],
  additionalProperties: false,
} as const;

const clientType = {
  type: 'object',
  description: 'A client type (e.g. private, company-acquired, partner-referred) and its detailed sources.',
  properties: {
    label,
    sources: {
      type: 'object',
      propertyNames: id,
      additionalProperties: source,
      default: {},
      description: 'Detailed sources, keyed by id.',
    },
    sourceRequired: { type: 'boolean', default: false, description: 'A client of this type must name a source.' },
  },
  required: ['label'],
  additionalProperties: false,
} as const;

export const defaultClientsSection = {
  fields: {
    person: {
      type: 'object',
      properties: {
        firstName: {
          type: 'string',
          minLength: 1,
          maxLength: 100,
          'x-crm-pii': true,
          'x-crm-searchable': true,
          'x-crm-label': { pl: 'Imię', en: 'First name' },
        },
        lastName: {
          type: 'string',
          minLength: 1,
          maxLength: 100,
          'x-crm-pii': true,
          'x-crm-searchable': true,
          'x-crm-label': { pl: 'Nazwisko', en: 'Last name' },
        },
        phone: {
          type: 'string',
          'x-crm-identifier': 'phone',
          'x-crm-pii': true,
          'x-crm-searchable': true,
          'x-crm-label': { pl: 'Telefon', en: 'Phone' },
        },
        email: {
          type: 'string',
          format: 'email',
          maxLength: 254,
          'x-crm-pii': true,
          'x-crm-searchable': true,
          'x-crm-label': { pl: 'E-mail', en: 'E-mail' },
        },
      },
      required: ['lastName'],
    },
    company: {
      type: 'object',
      properties: {
        companyName: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          'x-crm-searchable': true,
          'x-crm-label': { pl: 'Nazwa firmy', en: 'Company name' },
        },
        nip: {
          type: 'string',
          'x-crm-identifier': 'nip',
          'x-crm-searchable': true,
          'x-crm-label': { pl: 'NIP', en: 'Tax id (NIP)' },
        },
      },
      required: ['companyName'],
    },
  },
  displayName: { person: ['firstName', 'lastName'], company: ['companyName'] },
  types: { private: { label: { pl: 'Klient prywatny', en: 'Private client' } } },
} as const;

export const clientsConfigSchema = {
  type: 'object',
  description: 'Clients: the fields of persons and companies, client types and sources, duplicates.',
  properties: {
    fields: {
      type: 'object',
      description: 'The fields of each kind of client.',
      properties: { person: kindFields, company: kindFields },
      required: ['person', 'company'],
      additionalProperties: false,
    },
    displayName: {
      type: 'object',
      description: 'Per kind, the fields joined (with spaces) into the name shown in lists and searched.',
      properties: {
        person: { type: 'array', items: { type: 'string' }, minItems: 1 },
        company: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
      required: ['person', 'company'],
      additionalProperties: false,
    },
    types: {
      type: 'object',
      description: 'Client types keyed by id.',
      propertyNames: id,
      additionalProperties: clientType,
      minProperties: 1,
    },
    dedupe: {
      type: 'array',
      items: { type: 'string', enum: ['pesel', 'nip', 'regon', 'iban', 'phone', 'email'] },
      uniqueItems: true,
      default: ['pesel', 'nip', 'regon', 'phone', 'email'],
      description: 'Identifier kinds on which two clients count as duplicates (compared by keyed hash).',
    },
  },
  required: ['fields', 'displayName', 'types'],
  additionalProperties: false,
  default: defaultClientsSection,
} as const;

/** The `clients` section after loading: defaults filled in. */
export type ClientsConfig = FromSchema<typeof clientsConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    clients: ClientsConfig;
  }
}
