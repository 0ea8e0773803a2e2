/**
 * @module config/types
 * TypeScript types of the firm configuration, derived from its JSON Schema.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { configSchema } from './schema.ts';

/** The configuration after loading: defaults filled in. */
export type FirmConfig = FromSchema<typeof configSchema>;
/** The configuration as written in a file or passed to `defineConfig`: defaulted keys optional. */
export type FirmConfigInput = FromSchema<typeof configSchema, { keepDefaultedPropertiesOptional: true }>;
