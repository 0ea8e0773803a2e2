import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionCatalog } from '../access/index.ts';
import { configDocsBlocks, docsFile, updateConfigDocs } from '../../scripts/gen-config-docs.ts';
import { configSchema } from './schema.ts';

describe('docs/configuration.md', () => {
  const page = readFileSync(docsFile, 'utf8');

  it('is up to date with the schema, the permissions and the loader (run `npm run docs:config`)', () => {
    expect(updateConfigDocs(page)).toBe(page);
  });

  it('documents every key of the schema and every permission', () => {
    const { reference, permissions } = configDocsBlocks();
    const keys: string[] = [];
    const walk = (node: unknown, prefix: string): void => {
      const n = node as { properties?: Record<string, unknown>; additionalProperties?: unknown };
      for (const [k, child] of Object.entries(n.properties ?? {})) {
        keys.push(`${prefix}${k}`);
        walk(child, `${prefix}${k}.`);
      }
      if (n.additionalProperties && typeof n.additionalProperties === 'object')
        walk(n.additionalProperties, `${prefix}<id>.`);
    };
    walk(configSchema, '');
    for (const key of keys.filter((k) => !/\.label\.(pl|en)$/.test(k))) {
      expect(reference, key).toContain(`| \`${key}\` |`);
    }
    for (const p of Object.keys(permissionCatalog)) expect(permissions).toContain(`| \`${p}\` |`);
  });

  it('shows a real listing: the example file fails with one problem per mistake', () => {
    const { errors } = configDocsBlocks();
    expect(errors).toContain('6 problems in the configuration:');
    expect(errors).toContain('crm.config.json:3:35  /firm/timezone  unknown key "timezone"');
  });

  it('keeps the hand-written text around the generated blocks', () => {
    const md =
      'intro\n<!-- generated:errors -->\nold\n<!-- /generated:errors -->\nmiddle\n<!-- generated:permissions ' +
      '--><!-- /generated:permissions -->\n<!-- generated:reference -->\n<!-- /generated:reference -->\nend\n';
    const out = updateConfigDocs(md);
    expect(out.startsWith('intro\n<!-- generated:errors -->\n```json')).toBe(true);
    expect(out).not.toContain('\nold\n');
    expect(out).toContain('<!-- /generated:errors -->\nmiddle\n');
    expect(out.endsWith('<!-- /generated:reference -->\nend\n')).toBe(true);
    expect(updateConfigDocs(out)).toBe(out);
  });

  it('refuses a page that lost a marker, naming it', () => {
    expect(() => updateConfigDocs('no markers')).toThrow('<!-- generated:reference -->');
  });
});
