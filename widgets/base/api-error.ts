/**
 * @module widgets/base/api-error
 * The one error type widgets see from the CRM API. The server answers
 * `{ error: { code, message, details?: { problems?: [{ path, message }] } } }`; anything else (a
 * proxy's HTML 502, a dropped connection) still becomes an `ApiError` so a widget has one shape to
 * render. `status` 0 means the request never got an HTTP answer.
 */

/** One problem with one input field; `path` is a JSON pointer (`/email`). */
export interface ApiProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: ApiProblem[];
  readonly details: Record<string, unknown> | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    problems?: ApiProblem[];
    details?: Record<string, unknown>;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.problems = init.problems ?? [];
    this.details = init.details;
  }

  /** The message of the problem at `path` (`'/email'`), for showing next to a form field. */
  problemAt(path: string): string | undefined {
    return this.problems.find((p) => p.path === path)?.message;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readProblems(details: Record<string, unknown> | undefined): ApiProblem[] {
  const raw = details?.['problems'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p: unknown) =>
    isRecord(p) && typeof p['path'] === 'string' && typeof p['message'] === 'string'
      ? [{ path: p['path'], message: p['message'] }]
      : [],
  );
}

/**
 * Builds an `ApiError` from an HTTP status and the parsed body (or `undefined` when the body was
 * not JSON).
 *
 * @example
 * toApiError(422, { error: { code: 'invalid', message: 'Check the form',
 *   details: { problems: [{ path: '/email', message: 'Invalid e-mail' }] } } }, 'Unprocessable Entity')
 *   .problemAt('/email'); // 'Invalid e-mail'
 */
export function toApiError(status: number, body: unknown, statusText = ''): ApiError {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  const details = error && isRecord(error['details']) ? error['details'] : undefined;
  return new ApiError({
    status,
    code: typeof error?.['code'] === 'string' ? error['code'] : `http_${status}`,
    message: typeof error?.['message'] === 'string' ? error['message'] : statusText || `HTTP ${status}`,
    problems: readProblems(details),
    ...(details ? { details } : {}),
  });
}

/** True for the rejection of an aborted fetch, which widgets ignore rather than show. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
