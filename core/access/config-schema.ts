/**
 * @module access/config-schema
 * The `roles` section of `crm.config.json`: roles keyed by id, each permission with its scope.
 * Required: a firm has at least one role.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { idSchema as id, labelSchema } from '../config/index.ts';
import { scopes } from './permissions.ts';

const role = {
  type: 'object',
  description: 'A role people are given; its permissions each carry a scope.',
  properties: {
    label: labelSchema,
    description: { type: 'string', description: 'A note for administrators on what the role is for.' },
    permissions: {
      type: 'object',
      description: 'Permission (resource:action) → scope. Scopes: own, team, unit, subtree, all, referred.',
      propertyNames: { pattern: '^[a-z]+:[a-z]+$' },
      additionalProperties: { type: 'string', enum: scopes },
      default: {},
    },
    partner: {
      type: 'boolean',
      default: false,
      description: "A partner's login: its permissions may only use the scopes `referred` and `own`.",
    },
  },
  required: ['label', 'permissions'],
  additionalProperties: false,
} as const;

export const rolesConfigSchema = {
  type: 'object',
  description: 'Roles keyed by id. A user may have several; for each permission the widest scope applies.',
  propertyNames: id,
  additionalProperties: role,
  minProperties: 1,
} as const;

/** The `roles` section after loading. */
export type RolesConfig = FromSchema<typeof rolesConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    roles: RolesConfig;
  }
}
