/**
 * @module partners/config-schema
 * The `partners` section of `crm.config.json`: the kinds of partner firm, the role a partner's login
 * gets, and the defaults of the automatic partner reports. Optional, with defaults.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id, labelSchema as label } from '../config/index.ts';

export const defaultPartnersSection = {
  types: {
    'real-estate-agency': { label: { pl: 'Biuro nieruchomości', en: 'Real-estate agency' } },
    developer: { label: { pl: 'Deweloper', en: 'Property developer' } },
    intermediary: { label: { pl: 'Inny pośrednik', en: 'Other intermediary' } },
    internal: { label: { pl: 'Partner wewnętrzny (doradca)', en: 'Internal partner (advisor)' }, internal: true },
  },
  loginRole: 'partner',
  reports: { fromName: 'broker-crm', locale: 'pl' },
} as const;

export const partnersConfigSchema = {
  type: 'object',
  description: 'Partners: kinds of partner firm, the role of partner logins, automatic reports.',
  properties: {
    types: {
      type: 'object',
      description: 'Kinds of partner firm, keyed by id.',
      propertyNames: id,
      additionalProperties: {
        type: 'object',
        properties: {
          label,
          internal: {
            type: 'boolean',
            default: false,
            description: 'An internal partner: another advisor of the firm (the partner names the user).',
          },
        },
        required: ['label'],
        additionalProperties: false,
      },
      minProperties: 1,
      default: defaultPartnersSection.types,
    },
    loginRole: {
      ...id,
      default: 'partner',
      description: 'The role (with "partner": true) given to a representative\'s login.',
    },
    reports: {
      type: 'object',
      description: 'Automatic partner reports.',
      properties: {
        fromName: {
          type: 'string',
          minLength: 1,
          default: 'broker-crm',
          description: 'The sender name shown on report e-mails.',
        },
        locale: {
          type: 'string',
          enum: ['pl', 'en'],
          default: 'pl',
          description: 'Default language of a new subscription.',
        },
      },
      additionalProperties: false,
      default: {},
    },
  },
  additionalProperties: false,
  default: defaultPartnersSection,
} as const;

/** The `partners` section after loading: defaults filled in. */
export type PartnersConfig = FromSchema<typeof partnersConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    partners: PartnersConfig;
  }
}
