/**
 * @module org/config-schema
 * The sections of `crm.config.json` about the firm's network: `branchTypes` (the kinds of unit and
 * which contains which) and `commissionGroups` (the rate groups advisors, partner firms and units are
 * put in; commission rules refer to them).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id, labelSchema } from '../config/index.ts';

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
      description:
        'Run by a partner firm that takes a share of commissions: the unit ledger pays units of such types ' +
        'only (commission rules on the unit ledger give no line to other units).',
    },
  },
  required: ['label'],
  additionalProperties: false,
} as const;

export const branchTypesConfigSchema = {
  type: 'object',
  description: 'Types of units in the branch network, keyed by id.',
  propertyNames: id,
  additionalProperties: branchType,
  minProperties: 1,
} as const;

export const commissionGroupsConfigSchema = {
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
} as const;

/** The `branchTypes` section after loading. */
export type BranchTypesConfig = FromSchema<typeof branchTypesConfigSchema>;
/** The `commissionGroups` section after loading. */
export type CommissionGroupsConfig = FromSchema<typeof commissionGroupsConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    branchTypes: BranchTypesConfig;
    commissionGroups: CommissionGroupsConfig;
  }
}
