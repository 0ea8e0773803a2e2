/**
 * @module commissions/rules/clawback-schema
 * The JSON Schema of a clawback rule (storno) in a rule set's `clawbacks`: for which sales
 * (provider, product, product category), which cancellation kinds, within which window from the
 * sale date, what share of each line is reversed, on which ledgers, in force from which date.
 * What a schema cannot say (overlaps, gaps, tables in order, n ≤ d) is checked in `clawback-checks.ts`.
 */
import type { FromSchema } from 'json-schema-to-ts';

import { idSchema as id } from '../../config/index.ts';

export const clawbackKinds = ['withdrawal', 'rejection', 'early-repayment', 'other'] as const;
export type ClawbackKind = (typeof clawbackKinds)[number];

const values = (what: string) =>
  ({
    type: 'array',
    items: { type: 'string', minLength: 1 },
    minItems: 1,
    uniqueItems: true,
    description: `The sale's ${what} is one of these.`,
  }) as const;
const count = { type: 'integer', minimum: 1, maximum: 1200 } as const;

const tableRow = {
  type: 'object',
  description:
    'From `fromMonth` full months after the sale (inclusive) until the next row, reverse numerator/denominator.',
  properties: {
    fromMonth: { type: 'integer', minimum: 0, maximum: 1200, description: 'Full months elapsed since the sale.' },
    numerator: { type: 'integer', minimum: 0, maximum: 1200 },
    denominator: { type: 'integer', minimum: 1, maximum: 1200 },
  },
  required: ['fromMonth', 'numerator', 'denominator'],
  additionalProperties: false,
} as const;

const fraction = {
  description:
    'The share of each line reversed: "full"; "none" (the kind is allowed but nothing is clawed back); ' +
    '{ "unexpiredMonths": M } = (M − full months elapsed) / M; or { "table": [...] } by full months elapsed.',
  anyOf: [
    { type: 'string', enum: ['full', 'none'] },
    {
      type: 'object',
      properties: { unexpiredMonths: { ...count, description: 'M: the share is (M − full months elapsed) / M.' } },
      required: ['unexpiredMonths'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { table: { type: 'array', items: tableRow, minItems: 1, description: 'Rows by fromMonth, from 0.' } },
      required: ['table'],
      additionalProperties: false,
    },
  ],
} as const;

export const clawbackRuleSchema = {
  type: 'object',
  description: 'Which cancellations of which sales reverse what share of their commission lines.',
  properties: {
    id: { ...id, description: 'Unique among the clawback rules; shown in every reversing line.' },
    label: { type: 'string', description: 'A note for people; not used in computation.' },
    validFrom: {
      type: 'string',
      format: 'date',
      description: 'First SALE date the rule governs (the terms agreed when the sale was made apply).',
    },
    validTo: { type: 'string', format: 'date', description: 'First sale date no longer governed (half-open).' },
    when: {
      type: 'object',
      description: 'Conditions on the sale; all given ones must hold. A missing condition matches anything.',
      properties: {
        provider: values('provider'),
        product: values('product'),
        productCategory: values('product category'),
      },
      additionalProperties: false,
    },
    kinds: {
      type: 'array',
      items: { type: 'string', enum: clawbackKinds },
      minItems: 1,
      uniqueItems: true,
      description:
        "Cancellation kinds this rule allows: withdrawal (the consumer's right), rejection (by the provider), " +
        'early-repayment, other. A kind no rule allows for a sale is refused (422).',
    },
    window: {
      type: 'object',
      description:
        'How long after the sale date the kind is possible ({ "days": 14 } or { "months": 12 }); a later ' +
        'cancellation of this kind is refused (422). Omit for any time.',
      properties: { days: count, months: count },
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
    },
    fraction,
    ledgers: {
      type: 'array',
      items: { type: 'string', enum: ['firm', 'advisor', 'partner', 'unit'] },
      minItems: 1,
      uniqueItems: true,
      description: 'Ledgers whose lines are reversed; default all four.',
    },
    priority: {
      type: 'integer',
      default: 0,
      description: 'Among rules that all apply, the highest priority wins; equal priorities that overlap are an error.',
    },
  },
  required: ['id', 'validFrom', 'kinds', 'fraction'],
  additionalProperties: false,
} as const;

export type ClawbackRule = FromSchema<typeof clawbackRuleSchema, { keepDefaultedPropertiesOptional: true }>;
export type ClawbackFraction = ClawbackRule['fraction'];
