/**
 * @module scripts/gen-config-schema
 * Writes `core/config/crm.config.schema.json`, the published JSON Schema editors complete from, out
 * of `configSchema`. A test compares the committed file with `configSchemaJson()`, so it cannot
 * drift from the schema the loader validates with. Usage: `npm run config:schema`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configSchema } from '../core/firm/index.ts';

/** Where the published schema lives (shipped in the package as `broker-crm/config-schema.json`). */
export const schemaFile = fileURLToPath(new URL('../core/config/crm.config.schema.json', import.meta.url));

/**
 * The text of the published schema: draft-07 `$schema` first, pretty-printed, newline at the end.
 * @example
 * JSON.parse(configSchemaJson()).$schema // 'http://json-schema.org/draft-07/schema#'
 */
export function configSchemaJson(): string {
  // ajv's default class (the one the loader uses) implements draft-07; say so for editors.
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...configSchema }, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = configSchemaJson();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(schemaFile, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error(`${schemaFile} is stale: run npm run config:schema`);
      process.exit(1);
    }
  } else {
    writeFileSync(schemaFile, text);
    console.log(`wrote ${schemaFile}`);
  }
}
