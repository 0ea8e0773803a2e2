/**
 * @module gdpr/config-schema
 * The `retention` section of `crm.config.json` (GDPR Art. 5(1)(e), storage limitation): rules that
 * say which clients are anonymised when — e.g. leads never converted, 12 months after the last
 * contact; clients 5 years after their last sale. Optional: without it nothing is anonymised by time.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id, labelSchema } from '../config/index.ts';

const rule = {
  type: 'object',
  description:
    'A retention rule: clients matching every given condition are anonymised (as an erasure) once `after` ' +
    'has passed since `from`.',
  properties: {
    id,
    label: { ...labelSchema, description: 'What the rule is, for the dry-run report and the Art. 30 register.' },
    purpose: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'The purpose whose data the rule ends (e.g. "lead handling"), for the register.',
    },
    statuses: {
      type: 'array',
      items: id,
      minItems: 1,
      uniqueItems: true,
      description: 'Only clients in one of these workflow statuses.',
    },
    types: { type: 'array', items: id, minItems: 1, uniqueItems: true, description: 'Only these client types.' },
    kinds: {
      type: 'array',
      items: { type: 'string', enum: ['person', 'company'] },
      minItems: 1,
      uniqueItems: true,
      description: 'Only these kinds of client.',
    },
    sale: {
      type: 'string',
      enum: ['none', 'any'],
      description: '`none`: only clients without a sale (leads never converted); `any`: only clients with one.',
    },
    from: {
      type: 'string',
      enum: ['created', 'last-contact', 'last-sale'],
      default: 'last-contact',
      description:
        'The date the period runs from: creation, the last contact (activity, status move or edit), or the last ' +
        "sale's date.",
    },
    after: {
      type: 'object',
      description: 'How long after `from` the client is anonymised.',
      properties: {
        months: { type: 'integer', minimum: 1, maximum: 1200 },
        years: { type: 'integer', minimum: 1, maximum: 100 },
      },
      minProperties: 1,
      additionalProperties: false,
    },
  },
  required: ['id', 'label', 'after'],
  additionalProperties: false,
} as const;

export const retentionConfigSchema = {
  type: 'object',
  description:
    'Storage limitation (GDPR Art. 5(1)(e)): when clients are anonymised. `broker-crm retention --dry-run` lists ' +
    'who would be and why; `broker-crm serve` runs the rules daily. Commission lines and statements are kept ' +
    '(pseudonymised) whatever the rules say.',
  properties: {
    rules: { type: 'array', items: rule, default: [] },
    everyHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      default: 24,
      description: 'How often `serve` runs the rules.',
    },
    enabled: {
      type: 'boolean',
      default: true,
      description: 'false: `serve` does not run the rules (the command and the dry run still work).',
    },
  },
  additionalProperties: false,
  default: { rules: [] },
} as const;

/** The `retention` section after loading. */
export type RetentionConfig = FromSchema<typeof retentionConfigSchema>;
export type RetentionRule = RetentionConfig['rules'] extends Array<infer R> | undefined ? R : never;

declare module '../config/index.ts' {
  interface FirmSections {
    retention: RetentionConfig;
  }
}
