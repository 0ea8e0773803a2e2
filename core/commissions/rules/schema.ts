/**
 * @module commissions/rules/schema
 * The JSON Schema of a commission rule set: the single source of validation (ajv), of the
 * TypeScript types (json-schema-to-ts) and of the published `commission-rules.schema.json` that
 * editors complete from. What a schema cannot say (overlaps, gaps, cycles, unknown groups, "exactly
 * one kind of rate") is checked in `checks.ts`, with the same JSON paths.
 *
 * Rates and amounts are kept loose here (any integer, any decimal string) on purpose: a negative
 * rate is then reported by the checks in words ("a rate must not be negative") rather than as a
 * pattern mismatch.
 */
import type { FromSchema } from 'json-schema-to-ts';

import { idSchema as id } from '../../config/index.ts';
import { clawbackRuleSchema } from './clawback-schema.ts';
const minor = { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 } as const;
const decimal = {
  type: 'string',
  pattern: '^-?\\d{1,12}(\\.\\d{1,18})?$',
  description: 'An exact decimal fraction as a string: "0.0125" is 1.25 %.',
} as const;
const values = (what: string) =>
  ({
    type: 'array',
    items: { type: 'string', minLength: 1 },
    minItems: 1,
    uniqueItems: true,
    description: `The sale's ${what} is one of these.`,
  }) as const;
const groups = (who: string) =>
  ({
    type: 'array',
    items: id,
    minItems: 1,
    uniqueItems: true,
    description: `The ${who}'s commission group (config \`commissionGroups\`) on the sale date is one of these.`,
  }) as const;

export const ledgers = ['firm', 'advisor', 'partner', 'unit'] as const;
const ledger = {
  type: 'string',
  enum: ledgers,
  description: 'firm = receivable from the product provider; advisor; partner; unit = franchise/partner branch.',
} as const;

const tier = {
  type: 'object',
  description: "A tier starts at `fromMinor` (inclusive) and runs to the next tier's start. Give `bp` or `decimal`.",
  properties: {
    fromMinor: {
      ...minor,
      description: 'Start of the tier in grosze of the tier measure (sale amount or period volume).',
    },
    bp: { type: 'integer', description: 'Rate in basis points (1 bp = 0.01 %).' },
    decimal,
  },
  required: ['fromMinor'],
  additionalProperties: false,
} as const;

const rate = {
  type: 'object',
  description: 'Exactly one of: `bp`, `decimal`, `fixedMinor`, or `tiers` (with `by` and `mode`).',
  properties: {
    bp: { type: 'integer', description: 'Basis points of the base: 90 = 0.90 %.' },
    decimal,
    fixedMinor: { ...minor, description: 'A fixed amount per sale, in grosze.' },
    tiers: { type: 'array', items: tier, minItems: 1, description: 'Ascending tiers; the first starts at 0.' },
    by: {
      type: 'string',
      enum: ['saleAmount', 'periodVolume'],
      default: 'saleAmount',
      description: "Tier measure: the sale's amount, or the beneficiary's volume in the period including this sale.",
    },
    mode: {
      type: 'string',
      enum: ['marginal', 'whole'],
      default: 'marginal',
      description:
        "marginal: each slice at its tier's rate (like tax bands); whole: the tier reached applies to everything.",
    },
  },
  additionalProperties: false,
} as const;

const when = {
  type: 'object',
  description: 'Conditions on the sale; all given ones must hold. A missing condition matches anything.',
  properties: {
    provider: values('provider (bank, insurer, leasing firm)'),
    product: values('product'),
    productCategory: values('product category'),
    clientType: values('client type'),
    source: values('lead source'),
    unitType: values("unit's branch type"),
    advisorGroup: groups('advisor'),
    partnerGroup: groups('partner'),
    unitGroup: groups('unit'),
    amount: {
      type: 'object',
      description: 'The sale amount lies in [fromMinor, toMinor), in grosze.',
      properties: { fromMinor: minor, toMinor: minor },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const ruleSchema = {
  type: 'object',
  properties: {
    id: { ...id, description: 'Unique within the rule set; shown in every explanation.' },
    version: { type: 'integer', minimum: 1, description: "This rule's version; defaults to the rule set's version." },
    label: { type: 'string', description: 'A note for people; not used in computation.' },
    ledger,
    component: {
      ...id,
      default: 'commission',
      description:
        'Rules compete within (ledger, component): the one with the highest priority wins. An add-on such as a ' +
        'bonus uses its own component and gives its own line.',
    },
    validFrom: { type: 'string', format: 'date', description: "First day in force (local date in the firm's zone)." },
    validTo: {
      type: 'string',
      format: 'date',
      description: 'First day no longer in force (half-open); omit for open-ended.',
    },
    when,
    base: {
      type: 'object',
      description: "What the rate applies to: the sale amount, or another ledger's line on the same sale.",
      properties: { of: { type: 'string', enum: ['sale', 'ledger'] }, ledger },
      required: ['of'],
      additionalProperties: false,
      default: { of: 'sale' },
    },
    rate,
    minMinor: { ...minor, description: 'The line is at least this (grosze).' },
    maxMinor: { ...minor, description: 'The line is at most this (grosze).' },
    type: {
      type: 'string',
      minLength: 1,
      default: 'standard',
      description: '`standard`, or a rule type registered by a plugin.',
    },
    options: { type: 'object', description: "Options of a plugin's rule type, validated by its optionsSchema." },
    priority: {
      type: 'integer',
      default: 0,
      description: 'Among rules that all apply, the highest priority wins; equal priorities that overlap are an error.',
    },
    holdback: {
      type: 'object',
      description:
        "Holdback reserve (stornofond) on an advisor's or partner's line: this share is held back as a reserve " +
        'against clawbacks and released `months` later (docs/commissions.md).',
      properties: {
        bp: { type: 'integer', minimum: 1, maximum: 10000, description: 'The share held back, in basis points.' },
        months: { type: 'integer', minimum: 1, maximum: 120, description: 'Months until the reserve is released.' },
      },
      required: ['bp', 'months'],
      additionalProperties: false,
    },
  },
  required: ['id', 'ledger', 'validFrom'],
  additionalProperties: false,
} as const;

export const ruleSetSchema = {
  $id: 'https://broker-crm.dev/schemas/commission-rules.json',
  title: 'broker-crm commission rule set',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    version: { type: 'integer', minimum: 1, description: 'Version of the rule set; raise it with every change.' },
    description: { type: 'string' },
    rules: { type: 'array', items: ruleSchema },
    clawbacks: {
      type: 'array',
      items: clawbackRuleSchema,
      description: 'Clawback (storno) rules: which cancellations reverse what share of which lines.',
    },
  },
  required: ['version', 'rules'],
  additionalProperties: false,
} as const;

export type Ledger = (typeof ledgers)[number];
export type CommissionRuleSet = FromSchema<typeof ruleSetSchema, { keepDefaultedPropertiesOptional: true }>;
export type CommissionRule = FromSchema<typeof ruleSchema, { keepDefaultedPropertiesOptional: true }>;
export type RuleRate = NonNullable<CommissionRule['rate']>;
export type RuleConditions = NonNullable<CommissionRule['when']>;
