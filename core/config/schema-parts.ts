/**
 * @module config/schema-parts
 * Small JSON Schema pieces every configuration section uses. A file of its own so that section
 * schemas (in their modules) and the root schema (which imports them) do not import each other.
 */

/** A kebab-case id: statuses, roles, types, sources, rules… */
export const idSchema = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'kebab-case id' } as const;

/** A name shown to people, in Polish and English. */
export const labelSchema = {
  type: 'object',
  description: 'A name shown to people, in Polish and English.',
  properties: {
    pl: { type: 'string', minLength: 1, description: 'Polish name.' },
    en: { type: 'string', minLength: 1, description: 'English name.' },
  },
  required: ['pl', 'en'],
  additionalProperties: false,
} as const;
