import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJson, readLeaf } from './leaf-check.ts';
import {
  collect,
  initialValue,
  moveItem,
  normalizePath,
  plan,
  renameKey,
  setAt,
  type FormNode,
  type JsonSchema,
} from './schema-model.ts';
import { propertyLabel } from './words.ts';

const schema = JSON.parse(readFileSync('core/config/crm.config.schema.json', 'utf8')) as JsonSchema;
const demo = JSON.parse(readFileSync('examples/demo-firm/crm.config.json', 'utf8')) as Record<string, unknown>;

function find(node: FormNode, path: string): FormNode | undefined {
  if (node.path.join('/') === path) return node;
  const kids: FormNode[] =
    node.kind === 'object'
      ? [...node.fields.map((f) => f.node), ...node.extras.map((e) => e.node)]
      : node.kind === 'map'
        ? node.entries.map((e) => e.node)
        : node.kind === 'array'
          ? node.items
          : node.kind === 'choice' && node.node
            ? [node.node]
            : [];
  for (const k of kids) {
    const hit = find(k, path);
    if (hit) return hit;
  }
  return undefined;
}

function count(node: FormNode, kind: FormNode['kind']): number {
  const own = node.kind === kind ? 1 : 0;
  if (node.kind === 'object')
    return own + [...node.fields, ...node.extras].reduce((n, f) => n + count(f.node, kind), 0);
  if (node.kind === 'map') return own + node.entries.reduce((n, e) => n + count(e.node, kind), 0);
  if (node.kind === 'array') return own + node.items.reduce((n, i) => n + count(i, kind), 0);
  if (node.kind === 'choice') return own + (node.node ? count(node.node, kind) : 0);
  return own;
}

describe('config form model', () => {
  it('gives the demo config back exactly, key order included (nothing dropped)', () => {
    const tree = plan(schema, demo);
    expect(JSON.stringify(collect(tree))).toBe(JSON.stringify(demo));
    // The demo is mostly forms, not JSON boxes: only free-form parts (x- keys, role permission maps…) are JSON.
    expect(count(tree, 'string')).toBeGreaterThan(100);
    expect(count(tree, 'json')).toBeLessThan(count(tree, 'string') / 5);
  });

  it('generates the kinds the schema asks for', () => {
    const tree = plan(schema, demo);
    expect(find(tree, 'workflow/statuses')?.kind).toBe('map');
    expect(find(tree, 'workflow/statuses/new/initial')?.kind).toBe('boolean');
    expect(find(tree, 'workflow/transitions')?.kind).toBe('array');
    // `from` is anyOf ["*", [ids]]: a branch picker on the list branch.
    const from = find(tree, 'workflow/transitions/0/from');
    expect(from?.kind).toBe('choice');
    expect(from?.kind === 'choice' && from.index).toBe(1);
    // A client field is edited as a form of its own schema (label, type, list values and their labels).
    const employment = find(tree, 'clients/fields/person/properties/employment');
    expect(employment?.kind).toBe('object');
    expect(find(tree, 'clients/fields/person/properties/employment/enum')?.kind).toBe('array');
    expect(find(tree, 'clients/fields/person/properties/employment/x-crm-enum-labels')?.kind).toBe('map');
    expect(find(tree, 'workflow/fields/saleDate/schema/format')?.kind).toBe('enum');
  });

  it('keeps what it does not understand as JSON: unknown keys and values of the wrong type', () => {
    const odd = structuredClone(demo);
    (odd['workflow'] as Record<string, unknown>)['x-note'] = { any: ['thing'] };
    (odd['firm'] as Record<string, unknown>)['name'] = 42;
    const tree = plan(schema, odd);
    expect(find(tree, 'firm/name')?.kind).toBe('json');
    expect(collect(tree)).toEqual(odd);
  });

  it('edits by path without touching the rest, keeping key order', () => {
    const next = setAt(demo, ['workflow', 'statuses', 'callback'], { label: { pl: 'Oddzwonić', en: 'Call back' } });
    expect(Object.keys((next as typeof demo)['workflow'] as object)).toEqual(Object.keys(demo['workflow'] as object));
    expect(collect(plan(schema, next))).toEqual(next);
    expect(demo['workflow']).not.toHaveProperty('statuses.callback');
    expect(setAt({ a: [1, 2, 3] }, ['a', 1], undefined)).toEqual({ a: [1, 3] });
    expect(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'x')).toEqual({ a: 1, x: 2, c: 3 });
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'x'))).toEqual(['a', 'x', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('starts new entries with their required parts', () => {
    const statuses = (schema['properties'] as Record<string, JsonSchema>)['workflow']!;
    const status = ((statuses['properties'] as Record<string, JsonSchema>)['statuses']!['additionalProperties'] ??
      {}) as JsonSchema;
    expect(initialValue(status)).toEqual({ label: { pl: '', en: '' } });
  });

  it('checks inputs as they are typed, in the page language', () => {
    expect(readLeaf({ type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }, '#12', false, 'pl').error).toMatch(
      /Niepoprawny format/,
    );
    expect(readLeaf({ type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }, '#123456', false, 'pl').value).toBe('#123456');
    expect(readLeaf({ type: 'integer', minimum: 1, maximum: 20 }, '21', true, 'en').error).toBe('At most 20.');
    expect(readLeaf({ type: 'integer' }, '2.5', true, 'pl').error).toBe('Wpisz liczbę całkowitą.');
    expect(readLeaf({ type: 'string', minLength: 1 }, '', true, 'pl').error).toBe('To pole jest wymagane.');
    expect(readLeaf({ type: 'string', format: 'email' }, 'a@b', false, 'en').error).toMatch(/e-mail/);
    expect(readLeaf({ type: 'integer' }, '', false, 'en')).toEqual({ value: undefined });
    expect(readJson('{"a":', 'pl').error).toMatch(/^To nie jest poprawny JSON/);
  });

  it('reads problem paths in any of the usual spellings', () => {
    expect(normalizePath('/workflow/statuses/new')).toBe('/workflow/statuses/new');
    expect(normalizePath('workflow.transitions[2].to')).toBe('/workflow/transitions/2/to');
    expect(normalizePath('$.firm.name')).toBe('/firm/name');
    expect(normalizePath(['a', 0])).toBe('/a/0');
  });

  it('names sections in Polish and falls back to the schema words', () => {
    expect(propertyLabel('statuses', {}, 'pl')).toBe('Statusy');
    expect(propertyLabel('statuses', {}, 'en')).toBe('Statuses');
    expect(propertyLabel('maxBodyBytes', {}, 'pl')).toBe('Max body bytes');
    expect(propertyLabel('foo', { title: 'Foo things' }, 'pl')).toBe('Foo things');
  });
});
