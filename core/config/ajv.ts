/**
 * @module config/ajv
 * One place that makes ajv instances and turns ajv's errors into plain words with JSON paths.
 * Used by the config loader, the HTTP layer and the client-field validator, so every error a person
 * sees reads the same way.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { FieldProblem } from '../errors.ts';
import { identifierValidators, parsePhone } from '../ids/index.ts';
import { isEmailAddress } from '../text/index.ts';

const addFormats = formats.default;

/** Keywords our schemas carry for tools and docs; ajv must know them to stay strict. */
const annotationKeywords = [
  'x-crm-pii',
  'x-crm-financial',
  'x-crm-searchable',
  'x-crm-encrypted',
  'x-crm-label',
  'x-crm-enum-labels',
  'x-crm-order',
  'x-crm-widget',
];

/**
 * @example
 * const ajv = createAjv({ useDefaults: true });
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, ...options });
  addFormats(ajv);
  // E-mail addresses as people write them, internationalised ones included (ąę@przykład.pl).
  ajv.addFormat('email', isEmailAddress);
  ajv.addFormat('idn-email', isEmailAddress);
  for (const k of annotationKeywords)
    ajv.addKeyword({ keyword: k, schemaType: ['boolean', 'string', 'object', 'number'] });
  ajv.addKeyword(identifierKeyword);
  return ajv;
}

const identifierChecks = { ...identifierValidators, phone: parsePhone };
/** The identifier kinds `x-crm-identifier` accepts. */
export const identifierKinds = Object.keys(identifierChecks) as (keyof typeof identifierChecks)[];

/**
 * `x-crm-identifier: "pesel" | "nip" | "regon" | "iban" | "phone"` on a string: checks the value by
 * its checksum rules. The error's message says why (length, checksum, date…) and its params carry
 * the stable reason and the translation key.
 */
const identifierKeyword = {
  keyword: 'x-crm-identifier',
  type: 'string',
  schemaType: 'string',
  errors: true,
  metaSchema: { enum: identifierKinds },
  validate: function identifier(kind: keyof typeof identifierChecks, data: string): boolean {
    const r = identifierChecks[kind](data);
    const self = identifier as typeof identifier & { errors?: Partial<ErrorObject>[] };
    self.errors = r.ok
      ? []
      : [
          {
            keyword: 'x-crm-identifier',
            message: r.message,
            params: { kind, reason: r.reason, messageKey: r.messageKey },
          },
        ];
    return r.ok;
  },
} as const;

const cache = new WeakMap<Ajv, WeakMap<object, ValidateFunction>>();

/** Compile once per (ajv, schema object); ajv throws when one `$id` is compiled twice. */
export function compileOnce<T = unknown>(ajv: Ajv, schema: object): ValidateFunction<T> {
  let perAjv = cache.get(ajv);
  if (!perAjv) cache.set(ajv, (perAjv = new WeakMap()));
  let fn = perAjv.get(schema);
  if (!fn) perAjv.set(schema, (fn = ajv.compile(schema)));
  return fn as ValidateFunction<T>;
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
const boundWords: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * ajv's errors → one plain problem per error, `path` pointing at the offending key or value.
 * @example
 * if (!validate(body)) throw invalid('Invalid body', ajvProblems(validate.errors, body));
 */
export function ajvProblems(errors: ErrorObject[] | null | undefined, data?: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // propertyNames errors come in pairs (the name error and the wrapper); keep the useful one.
    if (e.keyword === 'propertyNames') continue;
    // `if` only says "the then-branch failed"; that branch's own errors name the field.
    if (e.keyword === 'if') continue;
    const p = problemOf(e, data);
    const key = `${p.path}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const seg of pointer.split('/').slice(1)) {
    const k = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  }
  return cur;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

function problemOf(e: ErrorObject, data: unknown): FieldProblem {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        path: `${at}/${esc(String(p.additionalProperty))}`,
        message: `unknown key "${p.additionalProperty}"`,
        keyword: e.keyword,
      };
    case 'required':
      return {
        path: `${at}/${esc(String(p.missingProperty))}`,
        message: `"${p.missingProperty}" is required`,
        keyword: e.keyword,
      };
    case 'type': {
      const v = valueAt(data, at);
      if (p.type === 'integer' && typeof v === 'number')
        return { path: at, message: `must be a whole number, not ${v}`, keyword: e.keyword };
      const wanted = String(p.type)
        .split(',')
        .map((t) => `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`)
        .join(' or ');
      return { path: at, message: `must be ${wanted}, not ${typeName(v)}`, keyword: e.keyword };
    }
    case 'enum':
      return {
        path: at,
        message: `must be one of: ${(p.allowedValues as unknown[]).map(show).join(', ')}`,
        keyword: e.keyword,
      };
    case 'const':
      return { path: at, message: `must be ${show(p.allowedValue)}`, keyword: e.keyword };
    case 'pattern': {
      const v = valueAt(data, at);
      if (e.propertyName !== undefined)
        return {
          path: at ? `${at}/${esc(e.propertyName)}` : `/${esc(e.propertyName)}`,
          message: `"${e.propertyName}" is not a valid name (${patternHint(String(p.pattern))})`,
          keyword: e.keyword,
        };
      return {
        path: at,
        message: `${show(v)} does not match the expected form (${patternHint(String(p.pattern))})`,
        keyword: e.keyword,
      };
    }
    case 'minLength':
      return {
        path: at,
        message: p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters`,
        keyword: e.keyword,
      };
    case 'maxLength':
      return { path: at, message: `must be at most ${p.limit} characters`, keyword: e.keyword };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path: at,
        message:
          `must be ${boundWords[String(p.comparison)] ?? p.comparison} ${p.limit}, ` + `not ${show(valueAt(data, at))}`,
        keyword: e.keyword,
      };
    case 'minProperties':
      return {
        path: at,
        message: p.limit === 1 ? 'must have at least one entry' : `must have at least ${p.limit} entries`,
        keyword: e.keyword,
      };
    case 'minItems':
      return {
        path: at,
        message: p.limit === 1 ? 'must list at least one item' : `must list at least ${p.limit} items`,
        keyword: e.keyword,
      };
    case 'maxItems':
      return { path: at, message: `must list at most ${p.limit} items`, keyword: e.keyword };
    case 'uniqueItems': {
      const list = valueAt(data, at);
      // ajv's `j` is the later of the two equal items; point there, as the earlier one looks right.
      const item = Array.isArray(list) ? list[Number(p.j)] : undefined;
      return { path: `${at}/${p.j}`, message: `${show(item)} is listed twice`, keyword: e.keyword };
    }
    case 'format':
      return { path: at, message: `must be a valid ${p.format}`, keyword: e.keyword };
    case 'x-crm-identifier':
      // keyword carries the translation key (`pesel.checksum`): the reason, machine-readable.
      return { path: at, message: e.message ?? `not a valid ${p.kind}`, keyword: String(p.messageKey ?? e.keyword) };
    default:
      return { path: at, message: e.message ?? `fails ${e.keyword}`, keyword: e.keyword };
  }
}

function patternHint(pattern: string): string {
  if (pattern === '^[a-z][a-z0-9-]*$') return 'lowercase letters, digits and dashes, starting with a letter';
  if (pattern === '^[a-z]+:[a-z]+$') return 'resource:action, e.g. clients:read';
  return `pattern ${pattern}`;
}
