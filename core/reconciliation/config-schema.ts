/**
 * @module reconciliation/config-schema
 * The `reconciliation` section of `crm.config.json`: how each provider's monthly commission
 * statement is laid out (which column holds what), the tolerance within which a received amount
 * counts as paid in full, and whether the advisor's and partner's lines follow what the firm
 * actually received. Optional; a provider without a mapping cannot be imported.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id } from '../config/index.ts';

const header = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const reconciliationConfigSchema = {
  type: 'object',
  description: 'Bank reconciliation: provider statement layouts and matching tolerances.',
  properties: {
    toleranceMinor: {
      type: 'integer',
      minimum: 0,
      default: 100,
      description: 'A received amount within this many grosze of the expected one is paid in full (default 1 zł).',
    },
    dateToleranceDays: {
      type: 'integer',
      minimum: 0,
      maximum: 366,
      default: 45,
      description: 'Matching by amount and date: the payment date may be this many days after the sale date.',
    },
    followReceived: {
      type: 'boolean',
      default: false,
      description:
        "When a difference is adjusted, the advisor's and partner's lines of the sale follow what the firm " +
        'received, in the same proportion.',
    },
    providers: {
      type: 'object',
      description: 'A statement mapping per provider id (as in the product catalogue).',
      propertyNames: id,
      additionalProperties: {
        type: 'object',
        properties: {
          columns: {
            type: 'object',
            description: 'The header of the column holding each value, exactly as in the file.',
            properties: {
              amount: { ...header, description: 'The commission paid (e.g. "Kwota prowizji"): required.' },
              reference: { ...header, description: "The provider's reference of the sale (contract number)." },
              identifier: { ...header, description: "The client's PESEL, NIP or REGON." },
              date: { ...header, description: 'The date of the disbursement or payment (DD.MM.YYYY or YYYY-MM-DD).' },
              currency: { ...header, description: 'The currency code; any value but PLN is refused.' },
            },
            required: ['amount'],
            additionalProperties: false,
          },
          ignoreColumns: {
            type: 'array',
            items: header,
            default: [],
            description: 'Other columns the file has and the import should skip; any column not named is refused.',
          },
          referenceField: {
            type: 'string',
            minLength: 1,
            description: "A client field holding the provider's reference (e.g. the loan number).",
          },
        },
        required: ['columns'],
        additionalProperties: false,
      },
      default: {},
    },
  },
  additionalProperties: false,
  default: {},
} as const;

/** The `reconciliation` section after loading: defaults filled in. */
export type ReconciliationConfig = FromSchema<typeof reconciliationConfigSchema>;
/** One provider's statement mapping. */
export type ProviderMapping = NonNullable<ReconciliationConfig['providers']>[string];

declare module '../config/index.ts' {
  interface FirmSections {
    reconciliation: ReconciliationConfig;
  }
}
