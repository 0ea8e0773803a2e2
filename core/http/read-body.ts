/**
 * @module http/read-body
 * Reading a JSON body safely: size limit, strict UTF-8, JSON syntax, no `__proto__` keys, text that
 * can be stored (NFC; no NUL, controls, lone surrogates or bidi overrides: `core/text`), then the
 * route's JSON Schema. Each failure is a 4xx with a JSON body; nothing reaches the domain unvalidated.
 */
import type { Context } from 'hono';
import { ajvProblems, compileOnce, createAjv } from '../config/index.ts';
import { badRequest, CrmError, invalid } from '../errors.ts';
import { cleanJson, normalizeText, textMessages, textProblem } from '../text/index.ts';

const bodyAjv = createAjv();
const queryAjv = createAjv({ coerceTypes: true, useDefaults: true });
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const MAX_BODY_BYTES = 1024 * 1024;

/** Parse JSON text, refusing `__proto__` keys anywhere (they are a prototype-pollution vector). */
export function parseJsonStrict(text: string): unknown {
  let bad: string | undefined;
  const value = JSON.parse(text, function (key, v) {
    if (key === '__proto__') bad = key;
    return v;
  });
  if (bad)
    throw badRequest('The key "__proto__" is not allowed in a request body', {
      problems: [{ path: '/__proto__', message: 'forbidden key' }],
    });
  return value;
}

/** Where a body may come from: its size limit, and what error messages call it ("body", "lead"). */
export interface BodyReading {
  maxBytes?: number;
  name?: string;
}

async function readBytes(c: Context, maxBytes: number, name: string): Promise<Uint8Array> {
  const tooLarge = () => new CrmError('payload_too_large', `The ${name} is larger than ${maxBytes} bytes`);
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
  const buf = new Uint8Array(await c.req.arrayBuffer());
  if (buf.byteLength > maxBytes) throw tooLarge();
  return buf;
}

function decodeJson(c: Context, buf: Uint8Array, name: string): unknown {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw badRequest(`Send the ${name} as JSON with Content-Type: application/json`);
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    throw badRequest(`The ${name} is not valid UTF-8`);
  }
  let value: unknown;
  try {
    value = parseJsonStrict(text);
  } catch (e) {
    if (e instanceof CrmError) throw e;
    throw badRequest(`The ${name} is not valid JSON: ${(e as Error).message.replace(/ in JSON at position.*$/, '')}`);
  }
  return cleanText(value);
}

/**
 * A JSON body read safely (size, content type, strict UTF-8, no `__proto__`, storable text) but not
 * yet validated: for a route that validates in its own way (a lead, whose shape depends on the
 * portal mapping).
 * @example
 * const body = await readJsonPayload(c, { maxBytes: 64 * 1024, name: 'lead' });
 */
export async function readJsonPayload(
  c: Context,
  { maxBytes = MAX_BODY_BYTES, name = 'body' }: BodyReading = {},
): Promise<unknown> {
  return decodeJson(c, await readBytes(c, maxBytes, name), name);
}

/** The body read as `readJsonPayload` does, then validated against the route's JSON Schema (422). */
export async function readJsonBody(c: Context, schema: object | undefined): Promise<unknown> {
  const buf = await readBytes(c, MAX_BODY_BYTES, 'body');
  if (!schema) return undefined;
  const value = decodeJson(c, buf, 'body');
  const validate = compileOnce(bodyAjv, schema);
  if (!validate(value)) throw invalid('The request body is invalid', ajvProblems(validate.errors, value));
  return value;
}

/**
 * Every string of a parsed body in NFC, or 422 naming each field that holds NUL, controls, lone
 * surrogates, bidi overrides, or a line break outside a multi-line field (see `core/text`).
 * @example
 * const body = cleanText(parseJsonStrict(text));
 */
export function cleanText(value: unknown): unknown {
  const cleaned = cleanJson(value);
  if (cleaned.problems.length) throw invalid('The request contains text that cannot be stored', cleaned.problems);
  return cleaned.value;
}

export function readQuery(c: Context, schema: object | undefined): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const problems: { path: string; message: string }[] = [];
  for (const [k, v] of Object.entries(c.req.query())) {
    const problem = textProblem(k, false) ?? textProblem(v, false);
    if (problem) problems.push({ path: `?${k}`, message: textMessages[problem] });
    raw[normalizeText(k)] = normalizeText(v);
  }
  if (problems.length) throw invalid('The query contains text that cannot be used', problems);
  if (!schema) return raw;
  const validate = compileOnce(queryAjv, schema);
  if (!validate(raw))
    throw invalid(
      'The query parameters are invalid',
      ajvProblems(validate.errors, raw).map((p) => ({ ...p, path: p.path.replace(/^\//, '?') })),
    );
  return raw;
}
