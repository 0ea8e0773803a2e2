import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { configSchemaJson, schemaFile } from '../../scripts/gen-config-schema.ts';
import { starterConfig } from './starter.ts';

describe('crm.config.schema.json (the schema editors complete from)', () => {
  it('is exactly what the schema in code produces (run `npm run config:schema` after changing schema.ts)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(configSchemaJson());
  });

  it('declares draft-07 and is pretty-printed', () => {
    const text = configSchemaJson();
    expect(text.startsWith('{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "$id": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('works on its own, as an editor uses it: accepts the demo firm and the starter, flags a typo', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const demo = JSON.parse(readFileSync(new URL('../../examples/demo-firm/crm.config.json', import.meta.url), 'utf8'));
    expect(validate(demo), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(starterConfig('Kredyt-Dom')))).toBe(true);
    expect(validate({ ...demo, firm: { ...demo.firm, timezone: 'Europe/Warsaw' } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/firm',
      keyword: 'additionalProperties',
      params: { additionalProperty: 'timezone' },
    });
  });
});
