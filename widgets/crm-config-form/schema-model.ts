/**
 * @module widgets/crm-config-form/schema-model
 * The pure half of `<crm-config-form>`: a JSON Schema and a value become a tree of form nodes
 * (`plan`), and the tree gives the value back (`collect`). Objects → fieldsets, maps
 * (`additionalProperties` with a schema) → keyed entries, arrays → lists, enums → selects, booleans →
 * checkboxes, strings and numbers → inputs, `anyOf`/`oneOf` → a branch picker. Anything the
 * generator does not understand (a keyword it does not handle, a key the schema does not list, a value
 * of the wrong type) becomes a `json` node edited as JSON, so no value is ever dropped.
 * No DOM here: the round trip `collect(plan(schema, value))` is tested in Node.
 */

export type JsonSchema = Record<string, unknown>;
export type Path = (string | number)[];

interface Base {
  path: Path;
  schema: JsonSchema;
}
export interface ObjectNode extends Base {
  kind: 'object';
  /** False when the value is absent (an optional section not written yet). */
  present: boolean;
  fields: { key: string; required: boolean; node: FormNode }[];
  /** Keys the schema does not list, kept and edited as JSON. */
  extras: { key: string; node: FormNode }[];
  /** The value's own key order, kept when the value is collected. */
  order: string[];
}
export interface MapNode extends Base {
  kind: 'map';
  present: boolean;
  valueSchema: JsonSchema;
  keyPattern: string | undefined;
  entries: { key: string; node: FormNode }[];
}
export interface ArrayNode extends Base {
  kind: 'array';
  present: boolean;
  itemSchema: JsonSchema;
  items: FormNode[];
}
export interface ChoiceNode extends Base {
  kind: 'choice';
  branches: JsonSchema[];
  /** The branch the value matches (-1 when absent). */
  index: number;
  node: FormNode | undefined;
}
export interface LeafNode extends Base {
  kind: 'enum' | 'boolean' | 'string' | 'integer' | 'number' | 'const';
  value: unknown;
}
export interface JsonNode extends Base {
  kind: 'json';
  value: unknown;
}
export type FormNode = ObjectNode | MapNode | ArrayNode | ChoiceNode | LeafNode | JsonNode;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A client field's own JSON Schema (a property of `clients.fields.person|company.properties`), as a form. */
export const clientFieldSchema: JsonSchema = {
  type: 'object',
  properties: {
    'x-crm-label': {
      type: 'object',
      description: 'A name shown to people, in Polish and English.',
      properties: { pl: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
      required: ['pl', 'en'],
    },
    type: { type: 'string', enum: ['string', 'integer', 'number', 'boolean'] },
    enum: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    'x-crm-enum-labels': {
      type: 'object',
      propertyNames: { pattern: '^.+$' },
      additionalProperties: {
        type: 'object',
        properties: { pl: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
        required: ['pl', 'en'],
      },
    },
    format: { type: 'string', enum: ['date', 'date-time', 'email', 'uri'] },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 1 },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    pattern: { type: 'string' },
    description: { type: 'string' },
    'x-crm-identifier': { type: 'string', enum: ['pesel', 'nip', 'regon', 'iban', 'phone'] },
    'x-crm-searchable': { type: 'boolean' },
    'x-crm-pii': { type: 'boolean' },
    'x-crm-financial': { type: 'boolean' },
    'x-crm-encrypted': { type: 'boolean' },
  },
  required: ['type'],
};

/** The schema to use for a map's values: client fields get `clientFieldSchema`, others their own. */
function valueSchemaOf(schema: JsonSchema, path: Path): JsonSchema | undefined {
  const ap = schema['additionalProperties'];
  if (!isPlainObject(ap)) return undefined;
  if (path.length === 4 && path[0] === 'clients' && path[1] === 'fields' && path[3] === 'properties')
    return clientFieldSchema;
  const keys = Object.keys(ap).filter((k) => k !== 'description');
  // `{ type: 'object' }` alone says nothing about the value: edit such values as JSON.
  if (keys.length === 0 || (keys.length === 1 && ap['type'] === 'object')) return {};
  return ap;
}

/** Which branch of `anyOf`/`oneOf` a value matches, by JSON type and const (-1 when none). */
export function branchFor(branches: JsonSchema[], value: unknown): number {
  if (value === undefined) return -1;
  return branches.findIndex((b) => {
    if ('const' in b) return b['const'] === value;
    if (Array.isArray(b['enum'])) return (b['enum'] as unknown[]).includes(value);
    return typeMatches(b['type'], value);
  });
}

function typeMatches(type: unknown, value: unknown): boolean {
  if (type === undefined) return true;
  if (Array.isArray(type)) return type.some((t) => typeMatches(t, value));
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

/** The form tree of `value` under `schema`. */
export function plan(schema: JsonSchema, value: unknown, path: Path = []): FormNode {
  const json = (): JsonNode => ({ kind: 'json', path, schema, value });
  const branches = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) {
    const index = branchFor(branches, value);
    if (value !== undefined && index < 0) return json();
    const branch = branches[index];
    const node = branch ? plan({ ...branch, description: schema['description'] }, value, path) : undefined;
    return { kind: 'choice', path, schema, branches, index, node };
  }
  if (value !== undefined && !typeMatches(schema['type'], value)) return json();
  if ('const' in schema) return value === undefined || value === schema['const'] ? leaf('const') : json();
  if (Array.isArray(schema['enum'])) {
    return value === undefined || (schema['enum'] as unknown[]).includes(value) ? leaf('enum') : json();
  }
  switch (schema['type']) {
    case 'boolean':
    case 'string':
    case 'integer':
    case 'number':
      return leaf(schema['type']);
    case 'array':
      return planArray();
    case 'object':
      return planObject();
    default:
      return json();
  }

  function leaf(kind: LeafNode['kind']): LeafNode {
    return { kind, path, schema, value };
  }

  function planArray(): FormNode {
    const itemSchema = (isPlainObject(schema['items']) ? schema['items'] : {}) as JsonSchema;
    const list = (value ?? []) as unknown[];
    return {
      kind: 'array',
      path,
      schema,
      present: value !== undefined,
      itemSchema,
      items: list.map((v, i) => plan(itemSchema, v, [...path, i])),
    };
  }

  function planObject(): FormNode {
    const obj = (value ?? {}) as Record<string, unknown>;
    const props = (isPlainObject(schema['properties']) ? schema['properties'] : undefined) as
      Record<string, JsonSchema> | undefined;
    const valueSchema = valueSchemaOf(schema, path);
    if (!props && valueSchema) {
      const keyPattern = (schema['propertyNames'] as JsonSchema | undefined)?.['pattern'] as string | undefined;
      return {
        kind: 'map',
        path,
        schema,
        present: value !== undefined,
        valueSchema,
        keyPattern,
        entries: Object.keys(obj).map((key) => ({ key, node: plan(valueSchema, obj[key], [...path, key]) })),
      };
    }
    if (!props) return json();
    const required = new Set((schema['required'] ?? []) as string[]);
    return {
      kind: 'object',
      path,
      schema,
      present: value !== undefined,
      fields: Object.keys(props).map((key) => ({
        key,
        required: required.has(key),
        node: plan(props[key] as JsonSchema, obj[key], [...path, key]),
      })),
      extras: Object.keys(obj)
        .filter((key) => !Object.hasOwn(props, key))
        .map((key) => ({ key, node: { kind: 'json', path: [...path, key], schema: {}, value: obj[key] } })),
      order: Object.keys(obj),
    };
  }
}

/**
 * The value a form tree stands for: `collect(plan(schema, v))` deep-equals `v`. Keys come back in
 * the value's own order (schema order for keys the value did not have).
 */
export function collect(node: FormNode): unknown {
  switch (node.kind) {
    case 'object': {
      if (!node.present) return undefined;
      const all = new Map<string, unknown>();
      for (const f of node.fields) all.set(f.key, collect(f.node));
      for (const e of node.extras) all.set(e.key, collect(e.node));
      const keys = [...node.order, ...[...all.keys()].filter((k) => !node.order.includes(k))];
      const out: Record<string, unknown> = {};
      for (const key of keys) if (all.get(key) !== undefined) out[key] = all.get(key);
      return out;
    }
    case 'map': {
      if (!node.present) return undefined;
      return Object.fromEntries(node.entries.map((e) => [e.key, collect(e.node)]));
    }
    case 'array':
      return node.present ? node.items.map(collect) : undefined;
    case 'choice':
      return node.node ? collect(node.node) : undefined;
    default:
      return node.value;
  }
}

/** The value at `path` in `root`. */
export function getAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/**
 * A copy of `root` with `value` at `path` (`undefined` removes the key; an array index is replaced).
 * Only the objects on the path are copied; object keys keep their order.
 *
 * @example
 * setAt({ a: { b: 1 } }, ['a', 'c'], 2); // { a: { b: 1, c: 2 } }
 */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) {
    const copy = root.slice();
    const i = Number(head);
    const next = setAt(copy[i], rest, value);
    if (next === undefined && rest.length === 0) copy.splice(i, 1);
    else copy[i] = next;
    return copy;
  }
  const obj = isPlainObject(root) ? root : {};
  const next = setAt(obj[head], rest, value);
  const copy: Record<string, unknown> = { ...obj };
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** `obj` with `from` renamed to `to` in place (the same position among its keys). */
export function renameKey(obj: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

/** A copy of `list` with item `i` moved by `by` places (clamped). */
export function moveItem<T>(list: readonly T[], i: number, by: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + by));
  const copy = list.slice();
  const [item] = copy.splice(i, 1);
  copy.splice(j, 0, item as T);
  return copy;
}

/** A starting value for a new entry or item: required properties filled with their own starting values. */
export function initialValue(schema: JsonSchema): unknown {
  if ('default' in schema) return structuredClone(schema['default']);
  if ('const' in schema) return schema['const'];
  const branches = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches[0]) return initialValue(branches[0]);
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[])[0];
  switch (schema['type']) {
    case 'object': {
      const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, unknown> = {};
      for (const key of (schema['required'] ?? []) as string[]) if (props[key]) out[key] = initialValue(props[key]);
      return out;
    }
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 0;
    case 'string':
      return '';
    default:
      return {};
  }
}

/** `['workflow', 'statuses', 'new']` → `/workflow/statuses/new` (JSON Pointer). */
export function pointerOf(path: Path): string {
  return path.map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * A problem's path as a JSON Pointer, from a pointer (`/a/b/0`), a dotted path (`a.b[0]`, `$.a.b`) or
 * a path array.
 */
export function normalizePath(path: string | Path): string {
  if (Array.isArray(path)) return pointerOf(path);
  if (path === '' || path === '/' || path === '$') return '';
  if (path.startsWith('/')) return path;
  const parts = path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  return pointerOf(parts);
}
