/**
 * @module firm
 * The firm's configuration composed above the modules: the JSON Schema of `crm.config.json` made of
 * the sections the modules own, its types, the modules' checks, the loader bound to them, and the
 * starter file `broker-crm init` writes.
 */
export { configSchema, labelSchema } from './schema.ts';
export type { FirmConfig, FirmConfigInput } from './types.ts';
export { firmChecks } from './checks.ts';
export { defineConfig, loadConfigFile, parseConfig, resolveConfig } from './load.ts';
export { starterConfig, starterSchemaPath } from './starter.ts';
export { ConfigError, formatProblem, type ConfigCheck, type ConfigProblem } from '../config/index.ts';
