/**
 * @module compliance/config-schema
 * The `compliance` section of `crm.config.json`: which product categories need an advisor's valid
 * KNF registration and OC insurance on the sale date, how many days before an item lapses its
 * reminders go, and the pre-contract disclosure (art. 17 of the mortgage credit act) with the
 * statuses it must precede. Optional; by default nothing is guarded.
 */
import type { FromSchema } from 'json-schema-to-ts';

const category = { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } as const;
const status = { type: 'string', minLength: 1, maxLength: 100 } as const;

export const defaultCompliance = {
  requireRegistrationFor: [],
  remindDaysBefore: [30, 7],
  reminderEmails: [],
  disclosure: { categories: ['mortgage'], requiredBefore: [], activityType: 'note' },
} as const;

export const complianceConfigSchema = {
  type: 'object',
  description:
    "Intermediary compliance (mortgage credit act): the advisors' KNF registration and OC insurance, " +
    'reminders before they lapse, and the pre-contract disclosure.',
  properties: {
    requireRegistrationFor: {
      type: 'array',
      items: category,
      uniqueItems: true,
      default: [],
      description:
        'Product categories (of the commission catalogue, e.g. `mortgage`) a sale of which needs the ' +
        "advisor's KNF registration and a valid OC policy on the sale date; otherwise the move is a 422.",
    },
    remindDaysBefore: {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 366 },
      uniqueItems: true,
      maxItems: 5,
      default: [30, 7],
      description:
        'Days before a registration or an OC policy lapses that a reminder e-mail goes to the advisor ' +
        '(once per item and threshold).',
    },
    reminderEmails: {
      type: 'array',
      // A pattern, not `format: 'email'`: the published schema works in editors without ajv-formats.
      items: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 254 },
      uniqueItems: true,
      maxItems: 10,
      default: [],
      description: "Compliance officer's addresses copied on every reminder.",
    },
    disclosure: {
      type: 'object',
      description: 'The pre-contract disclosure (art. 17 of the mortgage credit act).',
      properties: {
        categories: {
          type: 'array',
          items: category,
          uniqueItems: true,
          default: ['mortgage'],
          description: 'Product categories a disclosure may be generated for; its lenders are their providers.',
        },
        requiredBefore: {
          type: 'array',
          items: status,
          uniqueItems: true,
          default: [],
          description:
            'Workflow statuses (e.g. `application-filed`) a client may not enter until a disclosure was ' +
            'delivered to them; empty: no guard.',
        },
        activityType: {
          type: 'string',
          minLength: 1,
          default: 'note',
          description:
            "The activity type (workflow `activityTypes`) the delivery is recorded as on the client's history.",
        },
      },
      additionalProperties: false,
      default: defaultCompliance.disclosure,
    },
  },
  additionalProperties: false,
  default: defaultCompliance,
} as const;

/** The `compliance` section after loading: defaults filled in. */
export type ComplianceConfig = FromSchema<typeof complianceConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    compliance: ComplianceConfig;
  }
}
