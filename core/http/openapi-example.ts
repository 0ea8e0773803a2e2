/**
 * @module http/openapi-example
 * An example value for a JSON Schema, for operations whose route declares no `example`: the
 * schema's own `examples`/`default`/`const`/`enum` first, then a plausible value for its format
 * and type. The result validates against the schema for the schemas routes use (a test checks it).
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  examples?: unknown[];
  example?: unknown;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: boolean | Schema;
};

const byFormat: Record<string, string> = {
  'date-time': '2026-03-02T09:30:00.000Z',
  date: '2026-03-02',
  email: 'anna.nowak@example.pl',
  uri: 'https://example.pl/',
  uuid: '0b8f6c1e-5a3e-4c1f-9d2a-7c5b1e2f3a4b',
};

/** Valid (checksummed) Polish identifiers, for fields that carry `x-crm-identifier`. */
const byIdentifier: Record<string, string> = {
  pesel: '44051401359',
  nip: '5252248481',
  regon: '123456785',
  phone: '+48501234567',
  iban: 'PL61109010140000071219812874',
};

/** An optional property is shown only when a plain value surely fits it (no pattern, no checksum). */
function plain(schema: unknown): boolean {
  const s = (schema ?? {}) as Schema & Record<string, unknown>;
  if (s.examples?.length || s.const !== undefined || s.enum?.length) return true;
  if (s.pattern || s['x-crm-identifier'] || (s.format && !byFormat[s.format])) return false;
  return !s.properties || Object.values(s.properties).every(plain);
}

/**
 * @example
 * exampleFor({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }); // { id: 'string' }
 */
export function exampleFor(schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Schema;
  if (s.examples?.length) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return exampleFor(alt[0], depth);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((x) => exampleFor(x, depth) as object));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : [];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      if (depth > 6) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (s.required?.includes(k) || plain(v)) out[k] = exampleFor(v, depth + 1);
      return out;
    }
    case 'array':
      return depth > 6 || !s.items ? [] : [exampleFor(s.items, depth + 1)];
    case 'integer':
      return Math.max(s.minimum ?? 0, 1);
    case 'number':
      return Math.max(s.minimum ?? 0, 1.5);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string': {
      const identifier = (s as { 'x-crm-identifier'?: string })['x-crm-identifier'];
      if (identifier && byIdentifier[identifier]) return byIdentifier[identifier];
      return (s.format && byFormat[s.format]) ?? 'string'.padEnd(s.minLength ?? 0, 'x');
    }
    default:
      return {};
  }
}
