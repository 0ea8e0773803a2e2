/**
 * @module tests/security/support/bad-values
 * What an attacker or a confused client sends: hostile strings, impossible numbers and dates, wrong
 * types, deep and huge structures. `RAW(text)` marks a JSON token JSON.stringify cannot write
 * (`1e309`, `-0`, a 20-digit integer); `jsonText` splices it into the body text.
 */
import type { Rng } from './prng.ts';
import type { SchemaLike } from './routes.ts';

const RAW_MARK = '\u0001RAW:';
/** A JSON token written verbatim into the body text. */
export const RAW = (token: string) => `${RAW_MARK}${token}\u0001`;

/** JSON text of a value, with `RAW(...)` markers replaced by their tokens. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001RAW:([^"\\]*)\\u0001"/g, '$1');
}

export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'Kowal\u0000ski',
  '\uD800',
  'a\uDC00b',
  '\u202Egnp.exe',
  '\u2066Jan\u2069\u202D',
  '\u200B\uFEFF',
  '\r\n\t\b\f\v',
  "' OR '1'='1",
  "'; DROP TABLE clients; --",
  '" UNION SELECT password_hash FROM users --',
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  '9999-12-31',
  '0001-01-01',
  '2026-02-30',
  '2026-13-45',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-03-29T02:30:00+01:00',
  '1970-01-01T00:00:00Z',
  'Zażółć gęślą jaźń',
  '𝕳𝖊𝖑𝖑𝖔 👨‍👩‍👧‍👦',
  'ąę@przykład.pl',
  'a@b',
  '00000000-0000-0000-0000-000000000000',
  '01a248f4-69d9-7000-b3aa-cf11188cb112',
  'bck_x_' + 'a'.repeat(30),
  'bpk_' + 'x'.repeat(24),
  'eyJpZCI6IngifQ',
];

export const hostileNumbers: readonly unknown[] = [
  RAW('1e309'),
  RAW('-1e309'),
  RAW('-0'),
  RAW('123456789012345678901234567890'),
  RAW('1.0000000000000000000001'),
  RAW('0.1e-400'),
  -1,
  0,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  2 ** 31,
  -(2 ** 63),
  1e300,
  253402300800000,
];

/** A deeply nested array or object (`depth` levels). */
export function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** A forged list cursor: base64/base64url JSON that lies about its fields, or noise. */
export function forgedCursor(r: Rng): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString(r.chance(0.5) ? 'base64' : 'base64url');
  const v = r.pick<unknown>([
    'x',
    NaN,
    null,
    -1,
    '9999-12-31',
    "' OR 1=1 --",
    { $gt: '' },
    [1, 2],
    1e308,
    '\u0000',
    'A'.repeat(2000),
  ]);
  const shapes = [
    () => b64(JSON.stringify({ v, id: r.pick(['x', '', "';--", '\u0000']) })),
    () => b64(JSON.stringify({ createdAt: v, id: 'x' })),
    () => b64(JSON.stringify({ k: v, i: v, s: v, sort: 'displayName' })),
    () => b64(JSON.stringify([v, v, v])),
    () => b64(JSON.stringify(v)),
    () => b64('{"v":1e309,"id":"a"}'),
    () => b64('{not json'),
    () => b64('\uD800'),
    () => '%%%',
    () => '!!!not-base64!!!',
    () => 'A'.repeat(5000),
    () => b64(JSON.stringify({ __proto__: { admin: true }, id: 'x' })),
    () => 'eyJ2IjoiWiIsImlkIjoiWiJ9.forged-signature',
  ];
  return r.pick(shapes)();
}

/** A value of the wrong kind for `schema`, or a hostile value of the right kind. */
export function badValue(r: Rng, schema: SchemaLike | undefined): unknown {
  const roll = r.int(10);
  if (roll === 0) return r.pick([null, true, false, [], {}, [null], { '': '' }]);
  if (roll === 1) return deep(5 + r.int(400), r.chance(0.5) ? 'array' : 'object');
  if (roll === 2) return 'x'.repeat(r.pick([101, 201, 256, 1001, 5000, 70_000]));
  if (roll === 3) return Array.from({ length: r.pick([11, 21, 101, 5000]) }, (_, i) => r.pick([i, 'x', null, {}]));
  if (roll === 4) return r.pick(hostileNumbers);
  if (roll === 5) return JSON.parse('{"__proto__":{"polluted":1},"a":1}') as unknown;
  const types = Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : [];
  if (types.includes('integer') || types.includes('number'))
    return r.chance(0.7) ? r.pick(hostileNumbers) : r.pick(hostileStrings);
  if (types.includes('array'))
    return r.pick<unknown>([[r.pick(hostileStrings)], 'x', [[[]]], [r.pick(hostileNumbers)]]);
  return r.pick(hostileStrings);
}

const patternExamples = [
  '2026-12-15T10:00',
  '2026-12-15',
  '2026-12',
  '80-244',
  'ABC 123456',
  'FREQ=WEEKLY;COUNT=2',
  'PL',
  'Jan',
  'x',
  'abc-123',
];

/** A plausible value for a schema, so that one bad field is all that is wrong. */
export function goodValue(r: Rng, schema: SchemaLike | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaLike[] | undefined;
  if (branches?.length) return goodValue(r, branches[0], depth + 1);
  if (typeof schema.pattern === 'string') {
    const re = new RegExp(schema.pattern, 'u');
    const fits = patternExamples.find((e) => re.test(e));
    if (fits) return fits;
  }
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  const type = types[0];
  if (type === 'integer' || type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
    return min + r.int(3);
  }
  if (type === 'boolean') return r.chance(0.5);
  if (type === 'array') return schema.items ? [goodValue(r, schema.items, depth + 1)] : [];
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {}))
      if (schema.required?.includes(k) || r.chance(0.5)) out[k] = goodValue(r, s, depth + 1);
    return out;
  }
  if (schema.format === 'date') return r.pick(['2026-05-04', '2026-11-30']);
  if (schema.format === 'date-time') return r.pick(['2026-05-04T10:00:00Z', '2026-12-01T08:30:00+01:00']);
  if (schema.format === 'email') return `fuzz${r.int(1e6)}@example.pl`;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 40;
  return r.pick(['Jan', 'Nowak', 'Gdańsk', 'note', '2026-05', 'x']).slice(0, Math.max(1, max));
}
