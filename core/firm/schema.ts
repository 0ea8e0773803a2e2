/**
 * @module firm/schema
 * The JSON Schema of the firm's configuration file (`crm.config.json`), composed from the sections
 * each module owns. It is the single source of truth for validation (ajv), TypeScript types
 * (json-schema-to-ts), the published `crm.config.schema.json` editors complete from, and
 * `docs/configuration.md`.
 *
 * Sections are optional and closed (`additionalProperties: false`): an unknown key is an error, and
 * a later version adds new optional sections, never new required ones, so older files stay valid.
 * Keys starting with `x-` are free for a firm's own notes and tools.
 */
import { rolesConfigSchema } from '../access/index.ts';
import { securityConfigSchema } from '../auth/index.ts';
import { remindersConfigSchema } from '../calendar/index.ts';
import { clientsConfigSchema } from '../clients/index.ts';
import { complianceConfigSchema } from '../compliance/index.ts';
import { purposesConfigSchema } from '../consents/index.ts';
import { firmSectionSchema, labelSchema } from '../config/index.ts';
import { retentionConfigSchema } from '../gdpr/index.ts';
import { leadsConfigSchema } from '../leads/index.ts';
import { branchTypesConfigSchema, commissionGroupsConfigSchema } from '../org/index.ts';
import { partnersConfigSchema } from '../partners/index.ts';
import { reconciliationConfigSchema } from '../reconciliation/index.ts';
import { workflowSchema } from '../workflow/index.ts';

export { labelSchema };

export const configSchema = {
  $id: 'https://broker-crm.dev/schemas/crm.config.schema.json',
  title: 'broker-crm firm configuration',
  type: 'object',
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
    version: { type: 'integer', const: 1, description: 'Format version of this file.' },
    firm: firmSectionSchema,
    branchTypes: branchTypesConfigSchema,
    roles: rolesConfigSchema,
    commissionGroups: commissionGroupsConfigSchema,
    security: securityConfigSchema,
    clients: clientsConfigSchema,
    workflow: workflowSchema,
    reminders: remindersConfigSchema,
    leads: leadsConfigSchema,
    partners: partnersConfigSchema,
    reconciliation: reconciliationConfigSchema,
    compliance: complianceConfigSchema,
    retention: retentionConfigSchema,
    purposes: purposesConfigSchema,
  },
  patternProperties: { '^x-': {} },
  required: ['version', 'firm', 'branchTypes', 'roles'],
  additionalProperties: false,
} as const;
