/**
 * @module http/errors
 * Every failure leaves as `{ error: { code, message, details } }` with the right status. An
 * unreachable database (PostgreSQL restarting, connections ended, a libsql file locked past the wait)
 * is a 503 `database_unavailable` with `Retry-After`: the request may be tried again, and the server
 * serves again as soon as the database is back. Other unexpected errors are logged and answered with
 * a plain 500 that carries no stack trace and no SQL. What is logged is `describeFailure(err)`: the
 * error's code, the statement's shape and ids, never parameter values, bodies or documents.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CrmError } from '../errors.ts';
import { describeFailure, formatFailure, isDatabaseUnavailable, type FailureSummary } from '../storage/index.ts';
import type { HttpEnv } from './env.ts';

/** Seconds a client is asked to wait before trying again after a 503. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** What `errorResponse` hands its `log`: the request's method and path (no query string) and a safe summary. */
export interface LoggedFailure {
  method: string;
  path: string;
  status: 500 | 503;
  error: FailureSummary;
}

const defaultLog = (entry: unknown) => {
  const e = entry as LoggedFailure;
  console.error(formatFailure(`${e.method} ${e.path} → ${e.status}`, e.error));
};

/**
 * @example
 * app.onError((err, c) => errorResponse(err, c, (s) => myLogger.error(s)));
 */
export function errorResponse(err: Error, c: Context<HttpEnv>, log: (e: unknown) => void = defaultLog): Response {
  if (err instanceof CrmError) {
    const headers: Record<string, string> = {};
    const retry = err.details?.retryAfterSeconds;
    if (typeof retry === 'number') headers['retry-after'] = String(retry);
    return c.json(err.toJSON(), err.status as 400, headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 401
          ? 'unauthorized'
          : status === 404
            ? 'not_found'
            : 'bad_request';
    return c.json({ error: { code, message: err.message || 'Bad request' } }, status);
  }
  const where = { method: c.req.method, path: new URL(c.req.url).pathname };
  // Logged: a summary (code, statement shape, ids), never the error itself: its message may hold parameters.
  if (isDatabaseUnavailable(err)) {
    log({ ...where, status: 503, error: describeFailure(err) } satisfies LoggedFailure);
    return c.json(
      {
        error: {
          code: 'database_unavailable',
          message: 'The database cannot be reached right now; try again in a moment.',
          details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
        },
      },
      503,
      { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
  log({ ...where, status: 500, error: describeFailure(err) } satisfies LoggedFailure);
  return c.json(
    { error: { code: 'internal', message: 'Something went wrong on our side. The error was logged.' } },
    500,
  );
}
