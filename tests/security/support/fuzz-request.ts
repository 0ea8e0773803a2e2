/**
 * @module tests/security/support/fuzz-request
 * One generated bad request for one route, reproducible from its seed: hostile path ids, query
 * values and cursors, bodies with one wrong field, missing or extra fields, wrong types, deep or huge
 * structures, `__proto__`, broken JSON or UTF-8, wrong content types, oversized bodies, and forged or
 * misused credentials.
 */
import { badValue, deep, forgedCursor, goodValue, hostileStrings, jsonText, RAW } from './bad-values.ts';
import { rng } from './prng.ts';
import type { RouteInfo, SchemaLike } from './routes.ts';

export interface FuzzCallers {
  /** Bearer session tokens of signed-in people (no CSRF needed). */
  bearer: string[];
  /** A cookie session with its CSRF token. */
  cookie: { cookie: string; csrf: string };
  apiKey: string;
  publicKey: string;
  publicOrigin: string;
}

export interface FuzzRequest {
  url: string;
  init: RequestInit;
  /** What was done, for the failure report. */
  label: string;
}

/** Real rows to aim at: table name → rows (fuzzing only unknown ids would stop at the 404). */
export type IdPool = Record<string, Array<Record<string, unknown>>>;

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function idFor(r: ReturnType<typeof rng>, pool: IdPool, path: string, param: string): string {
  if (r.chance(0.35)) return r.pick(hostileStrings.filter((s) => s !== '')) || 'x';
  const segs = path.split('/');
  const before = segs[segs.indexOf(`:${param}`) - 1] ?? '';
  const wanted = camel(param === 'personId' ? 'partner-people' : before === 'items' ? 'calendar-items' : before);
  const table =
    Object.keys(pool).find((k) => k === wanted) ??
    Object.keys(pool).find((k) => k.toLowerCase().startsWith(wanted.toLowerCase().replace(/s$/, '')));
  const rows = (table && pool[table]?.length && pool[table]) || Object.values(pool).flat();
  if (!rows.length) return 'x';
  const row = r.pick(rows);
  return String(row[param] ?? row.id ?? 'x');
}

function mutateObject(r: ReturnType<typeof rng>, schema: SchemaLike): { value: unknown; label: string } {
  const good = goodValue(r, schema);
  // A schema whose good value is not an object (an example given as a string, a oneOf of scalars): one bad value.
  if (!good || typeof good !== 'object' || Array.isArray(good))
    return { value: badValue(r, schema), label: 'bad value' };
  const base = good as Record<string, unknown>;
  const props = Object.keys(schema.properties ?? {});
  const kind = r.int(6);
  if (kind === 0 && schema.required?.length) {
    const k = r.pick(schema.required);
    delete base[k];
    return { value: base, label: `missing ${k}` };
  }
  if (kind === 1) {
    base[r.pick(['isAdmin', 'role', 'extra', 'constructor', 'ownerId', 'partnerId', 'id'])] = r.pick(hostileStrings);
    return { value: base, label: 'extra field' };
  }
  if (kind === 2 || !props.length) {
    return { value: r.pick<unknown>([[], 'x', 1, null, true, deep(300, 'array'), [base]]), label: 'wrong body type' };
  }
  const k = r.pick(props);
  const sub = schema.properties![k]!;
  if (kind === 3 && (sub.type === 'object' || sub.properties)) {
    const inner = mutateObject(r, sub);
    base[k] = inner.value;
    return { value: base, label: `${k}: ${inner.label}` };
  }
  base[k] = badValue(r, sub);
  return { value: base, label: `bad ${k}` };
}

/** The bytes and headers of a body: mostly JSON with one thing wrong, sometimes not JSON at all. */
function body(
  r: ReturnType<typeof rng>,
  schema: SchemaLike | undefined,
): { text: NonNullable<RequestInit['body']>; type?: string; label: string } {
  const roll = r.int(20);
  if (roll === 0 && r.chance(0.3))
    return { text: 'x'.repeat(1024 * 1024 + 10), type: 'application/json', label: 'oversized body' };
  if (roll === 1)
    return {
      text: jsonText(goodValue(r, schema)),
      type: r.pick(['text/plain', '', 'multipart/form-data']),
      label: 'ct',
    };
  if (roll === 2) return { text: 'a=1&b=2', type: 'application/x-www-form-urlencoded', label: 'form body' };
  if (roll === 3)
    return {
      text: r.pick(['{', '{"a":}', '[1,]', "{'a':1}", 'nul', '\uFEFF{}', '']),
      type: 'application/json',
      label: 'bad json',
    };
  if (roll === 4)
    return {
      text: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      type: 'application/json',
      label: 'bad utf-8',
    };
  if (roll === 5) return { text: '{"__proto__":{"isAdmin":true}}', type: 'application/json', label: '__proto__' };
  if (roll === 6)
    return { text: `${'['.repeat(5000)}1${']'.repeat(5000)}`, type: 'application/json', label: 'deep 5000' };
  if (roll === 7)
    return { text: jsonText({ a: RAW('1e309'), b: RAW('-0') }), type: 'application/json', label: '1e309' };
  const m = mutateObject(r, schema ?? { type: 'object', properties: {} });
  return {
    text: jsonText(m.value),
    type: r.chance(0.95) ? 'application/json' : 'application/json; charset=latin1',
    label: m.label,
  };
}

function query(r: ReturnType<typeof rng>, q: Record<string, SchemaLike> | undefined): { qs: string; label: string } {
  const params = new URLSearchParams();
  const names = Object.keys(q ?? {});
  let label = 'no query';
  for (const n of names) if (r.chance(0.3)) params.set(n, String(goodValue(r, q![n])));
  const roll = r.int(6);
  if (names.includes('cursor') && roll <= 2) {
    params.set('cursor', forgedCursor(r));
    label = 'forged cursor';
  } else if (names.length && roll <= 4) {
    const n = r.pick(names);
    const v = badValue(r, q![n]);
    const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
    if (r.chance(0.2)) {
      params.append(n, s);
      params.append(n, s);
    } else params.set(n, s.replace(/\u0001RAW:|\u0001/g, ''));
    label = `bad ?${n}`;
  } else if (roll === 5) {
    params.set(r.pick(['__proto__', 'constructor', 'x', 'limit[]', 'sort']), r.pick(hostileStrings));
    label = 'extra query';
  }
  const qs = params.toString();
  return { qs: qs ? `?${qs}` : '', label };
}

/** Credentials for one request: mostly a valid bearer session, sometimes broken or misused ones. */
function auth(
  r: ReturnType<typeof rng>,
  callers: FuzzCallers,
  write: boolean,
): { headers: Record<string, string>; label: string } {
  const roll = r.int(20);
  if (roll === 0) return { headers: {}, label: 'anonymous' };
  if (roll === 1)
    return {
      headers: {
        authorization: r.pick([
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46YWRtaW4=',
          'Bearer a b',
          'bearer \u0000',
          'Bearer ' + 'x'.repeat(9000),
        ]),
      },
      label: 'malformed authorization',
    };
  if (roll === 2)
    return {
      headers: {
        authorization: `Bearer ${r.pick(['bck_x_' + 'a'.repeat(30), 'bck_', 'forged-token', callers.publicKey])}`,
      },
      label: 'forged bearer',
    };
  if (roll === 3)
    return {
      headers: { cookie: `crm_session=${r.pick(['forged', '', '%00', 'a'.repeat(5000)])}` },
      label: 'forged cookie',
    };
  if (roll === 4 && write)
    return {
      headers: { cookie: callers.cookie.cookie, origin: r.pick(['https://evil.example', 'null']) },
      label: 'cookie write without csrf',
    };
  if (roll === 5)
    return { headers: { cookie: callers.cookie.cookie, 'x-csrf-token': callers.cookie.csrf }, label: 'cookie + csrf' };
  if (roll === 6) return { headers: { authorization: `Bearer ${callers.apiKey}` }, label: 'api key' };
  return { headers: { authorization: `Bearer ${r.pick(callers.bearer)}` }, label: 'bearer session' };
}

/** A path segment; lone surrogates go out as the invalid UTF-8 bytes a raw client could send. */
function pathSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, 'x')) + '%ED%A0%80%';
  }
}

/** The request of case `seed` for `route`. */
export function fuzzRequest(route: RouteInfo, seed: number, callers: FuzzCallers, pool: IdPool): FuzzRequest {
  const r = rng(seed);
  const params: Record<string, string> = {};
  for (const p of route.params) params[p] = idFor(r, pool, route.path, p);
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => pathSegment(params[name]!));
  const q = query(r, route.query);
  let qs = q.qs;
  if (route.path.startsWith('/api/leads') && r.chance(0.4))
    qs = `${qs ? qs + '&' : '?'}key=${pathSegment(r.chance(0.7) ? callers.publicKey : r.pick(hostileStrings))}`;
  const write = route.method !== 'GET' && route.method !== 'OPTIONS';
  const a = auth(r, callers, write);
  const headers: Record<string, string> = { ...a.headers };
  if (route.path.startsWith('/api/leads') && r.chance(0.5))
    headers.origin = r.pick([callers.publicOrigin, 'null', 'https://evil.example']);
  if (route.path.startsWith('/api/leads') && r.chance(0.3))
    headers['idempotency-key'] = r
      .pick(['', 'k', 'x'.repeat(300), '\u0000', 'ok-key-123456', "';--"])
      .replace(/[^\x20-\x7e]/g, '?');
  // Header values cannot carry control or non-Latin-1 characters at all: a client could not send them.
  for (const [k, v] of Object.entries(headers)) headers[k] = v.replace(/[^\x20-\x7e]/g, '?');
  const init: RequestInit = { method: route.method, headers };
  let label = `${a.label}; ${q.label}`;
  if (write && route.method !== 'DELETE') {
    const b = body(r, route.body);
    init.body = b.text;
    if (b.type !== undefined && b.type !== '') headers['content-type'] = b.type;
    label += `; ${b.label}`;
  }
  return { url: `${path}${qs}`, init, label };
}
