/**
 * @module tests/security/support/response-checks
 * What every API answer must look like to an attacker: no 5xx, no stack trace or SQL text, and every
 * error in the documented shape `{ error: { code, message, details? } }` (422s naming the fields).
 */

const codes = new Set([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
  'payload_too_large',
  'rate_limited',
  'locked',
  'csrf_invalid',
  'internal',
]);

/** Text that only an internal failure would put in a body. */
export const internalsPattern = new RegExp(
  [
    String.raw`\bat [\w$.<>]+ \(`,
    String.raw`\.ts:\d+:\d+`,
    'node_modules',
    'SQLITE_',
    'LibsqlError|SqliteError',
    'syntax error at or near',
    'violates (?:unique|foreign key|not-null|check) constraint',
    String.raw`\bSELECT\s.+\sFROM\s`,
    String.raw`\bINSERT INTO\b`,
    String.raw`\bUPDATE\s+"?\w+"?\s+SET\b`,
    'TypeError:|ReferenceError:|RangeError:',
  ].join('|'),
  'i',
);

/**
 * Problems with one response (empty when it is fine). `echoes` are the hostile strings the request
 * carried: an error message may quote the caller's own input ("Client '; DROP… was not found").
 */
export function checkResponse(
  status: number,
  contentType: string | null,
  text: string,
  echoes: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`status ${status}`);
  let own = text;
  try {
    own = JSON.stringify(JSON.parse(text), (_k, v: unknown) =>
      typeof v === 'string' ? echoes.reduce((s, e) => (e.length > 4 ? s.split(e).join('') : s), v) : v,
    );
  } catch {
    // not JSON: checked as it is
  }
  if (internalsPattern.test(own)) problems.push(`internals in body: ${internalsPattern.exec(own)![0]}`);
  if (status < 400) return problems;
  if (!/^application\/json/.test(contentType ?? '')) {
    problems.push(`error ${status} is not JSON (${contentType ?? 'no content-type'})`);
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`error ${status} body is not valid JSON`);
    return problems;
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error;
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  if (!e || typeof e !== 'object' || keys.length !== 1) {
    problems.push(`error ${status} is not { error: … }: ${text.slice(0, 120)}`);
    return problems;
  }
  if (typeof e.code !== 'string' || !codes.has(e.code)) problems.push(`unknown error code ${String(e.code)}`);
  if (typeof e.message !== 'string' || !e.message) problems.push('error without a message');
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length) problems.push(`error has extra keys ${extra.join(',')}`);
  if (e.details !== undefined && (typeof e.details !== 'object' || e.details === null || Array.isArray(e.details)))
    problems.push('error.details is not an object');
  if (status === 422) {
    const list = (e.details as { problems?: Array<{ path?: unknown; message?: unknown }> } | undefined)?.problems;
    if (!Array.isArray(list) || !list.length) problems.push('422 without details.problems');
    else if (list.some((p) => typeof p.path !== 'string' || typeof p.message !== 'string'))
      problems.push('422 problem without path/message');
  }
  return problems;
}
