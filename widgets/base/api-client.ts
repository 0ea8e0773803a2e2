/**
 * @module widgets/base/api-client
 * The DOM-free HTTP layer under `ApiController`: one `apiRequest` that speaks the CRM API's
 * conventions, so every widget authenticates and fails the same way.
 *
 * - No token: cookie session. `credentials: 'include'` sends `crm_session`; unsafe methods carry
 *   `x-csrf-token`, learned once per base URL from `GET /api/me` (or from any JSON answer that
 *   carries `csrfToken`, e.g. the login response) and cached in memory; the login itself sends
 *   none. A 403 whose code mentions CSRF (the session was renewed) refreshes the token and
 *   retries once.
 * - Token: `Authorization: Bearer …` and `credentials: 'omit'`, so a widget on another origin needs
 *   no credentialed CORS and no CSRF token.
 * - Every failure is an `ApiError`; an abort rejects with the platform's `AbortError` untouched.
 */
import { ApiError, isAbortError, toApiError } from './api-error.ts';

/** Where and as whom a widget talks to the API. `baseUrl` '' means the page's own origin. */
export interface ApiConfig {
  baseUrl: string;
  token: string | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  /** Appended as a query string; `null`/`undefined` values are left out. */
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The API's list envelope (`?cursor=…&limit=…`). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  total: { value: number; capped: boolean };
}

const csrfTokens = new Map<string, Promise<string | undefined>>();

// Logging in and a password reset are the unsafe requests made before there is a session to ask for a token.
const needsNoCsrf = (path: string) => /^\/api\/auth\/(login|password-reset(\/confirm)?)$/.test(path.split('?')[0]!);

const keyOf = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

/** Stores a CSRF token for `baseUrl`, e.g. right after a login made outside the widgets. */
export function rememberCsrfToken(baseUrl: string, token: string): void {
  csrfTokens.set(keyOf(baseUrl), Promise.resolve(token));
}

/** Drops the cached CSRF token for `baseUrl` (after logout); the next unsafe request asks again. */
export function forgetCsrfToken(baseUrl: string): void {
  csrfTokens.delete(keyOf(baseUrl));
}

function csrfTokenFor(baseUrl: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const key = keyOf(baseUrl);
  let pending = csrfTokens.get(key);
  if (!pending) {
    pending = fetch(`${key}/api/me`, {
      credentials: 'include',
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    })
      .then(async (res) => {
        const body: unknown = res.ok ? await res.json() : undefined;
        const token = csrfTokenIn(body);
        // Not signed in yet (login itself is an unsafe request): ask again next time.
        if (token === undefined) csrfTokens.delete(key);
        return token;
      })
      .catch((error: unknown) => {
        csrfTokens.delete(key);
        throw error;
      });
    csrfTokens.set(key, pending);
  }
  return pending;
}

function csrfTokenIn(body: unknown): string | undefined {
  const token = typeof body === 'object' && body !== null ? (body as { csrfToken?: unknown }).csrfToken : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.append(name, String(value));
  }
  const search = params.toString();
  return `${keyOf(baseUrl)}${path}${search ? (path.includes('?') ? '&' : '?') + search : ''}`;
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!(res.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends one request to the CRM API and resolves with the parsed JSON body.
 *
 * @example
 * const page = await apiRequest<ListPage<Client>>({ baseUrl: '', token: undefined }, 'GET', '/api/clients', undefined,
 *   { query: { limit: 20 } });
 * await apiRequest({ baseUrl: 'https://crm.example.pl', token: 'key_…' }, 'POST', '/api/leads',
 *   { email: 'jan@example.pl' });
 */
export async function apiRequest<T>(
  config: ApiConfig,
  method: HttpMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const unsafe = method !== 'GET';
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (typeof Blob !== 'undefined' && body instanceof Blob) {
      // A file sent as it is (an import's spreadsheet): the bytes, not JSON.
      headers['content-type'] = 'application/octet-stream';
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    if (config.token) headers['authorization'] = `Bearer ${config.token}`;
    else if (unsafe && !needsNoCsrf(path)) {
      const csrf = await csrfTokenFor(config.baseUrl, options.signal);
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    return fetch(buildUrl(config.baseUrl, path, options.query), {
      method,
      headers,
      credentials: config.token ? 'omit' : 'include',
      ...(payload !== undefined ? { body: payload } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  };

  try {
    let res = await send();
    let parsed = await readBody(res);
    if (res.status === 403 && unsafe && !config.token && /csrf/i.test(toApiError(403, parsed).code)) {
      forgetCsrfToken(config.baseUrl);
      res = await send();
      parsed = await readBody(res);
    }
    if (!res.ok) throw toApiError(res.status, parsed, res.statusText);
    const csrf = config.token ? undefined : csrfTokenIn(parsed);
    if (csrf) rememberCsrfToken(config.baseUrl, csrf);
    return parsed as T;
  } catch (error) {
    if (error instanceof ApiError || isAbortError(error)) throw error;
    throw new ApiError({ status: 0, code: 'network', message: error instanceof Error ? error.message : String(error) });
  }
}
