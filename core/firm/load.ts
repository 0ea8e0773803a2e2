/**
 * @module firm/load
 * Load and validate the firm's configuration: the config kernel's loader bound to the composed
 * schema and the modules' checks. Every problem is collected (not just the first) and reported with
 * file, line, column and JSON path in plain words; nothing is applied unless the whole file is valid.
 */
import { configLoader, type ConfigCheck } from '../config/index.ts';
import { firmChecks } from './checks.ts';
import { configSchema } from './schema.ts';
import type { FirmConfig, FirmConfigInput } from './types.ts';

const loader = configLoader<FirmConfig, FirmConfigInput>(configSchema, firmChecks);

/**
 * Validate configuration text. `file` only labels the problems.
 * @example
 * const config = parseConfig(readFileSync('crm.config.json', 'utf8'), 'crm.config.json');
 */
export function parseConfig(text: string, file = 'crm.config.json', extraChecks: ConfigCheck[] = []): FirmConfig {
  return loader.parseConfig(text, file, extraChecks);
}

/**
 * Read and validate a config file.
 * @example
 * const config = loadConfigFile('./crm.config.json');
 */
export function loadConfigFile(path: string, extraChecks: ConfigCheck[] = []): FirmConfig {
  return loader.loadConfigFile(path, extraChecks);
}

/**
 * Validate a configuration object (from TypeScript); problems carry the path but no line.
 * @example
 * const config = resolveConfig(defineConfig({ version: 1, firm: { name: 'Kredyt-Dom' }, … }));
 */
export function resolveConfig(input: FirmConfigInput | FirmConfig, label = 'config'): FirmConfig {
  return loader.resolveConfig(input, label);
}

/**
 * Typed authoring helper for firms that keep their configuration in TypeScript.
 * @example
 * export default defineConfig({ version: 1, firm: { name: 'Kredyt-Dom' }, branchTypes: {…}, roles: {…} });
 */
export function defineConfig(config: FirmConfigInput): FirmConfigInput {
  return config;
}
