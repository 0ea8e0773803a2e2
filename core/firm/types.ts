/**
 * @module firm/types
 * TypeScript types of the firm configuration, derived from its composed JSON Schema.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { FirmSections } from '../config/index.ts';
import type { configSchema } from './schema.ts';

/** The configuration after loading: defaults filled in. */
export type FirmConfig = FromSchema<typeof configSchema>;
/** The configuration as written in a file or passed to `defineConfig`: defaulted keys optional. */
export type FirmConfigInput = FromSchema<typeof configSchema, { keepDefaultedPropertiesOptional: true }>;

/**
 * Compile-time proof that the composed type is what the modules read through `ctx.config` (the
 * sections they declare in their `config-schema.ts`): a module that declares a section the schema
 * does not compose, or composes differently, fails here.
 */
export type ComposedMatchesSections = FirmConfig extends FirmSections ? true : never;
export const composedMatchesSections: ComposedMatchesSections = true;
