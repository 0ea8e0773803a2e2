/**
 * @module http/errors
 * Every failure leaves as `{ error: { code, message, details } }` with the right status. Unexpected
 * errors are logged and answered with a plain 500 that carries no stack trace and no SQL.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CrmError } from '../errors.ts';
import type { HttpEnv } from './env.ts';

export function errorResponse(err: Error, c: Context<HttpEnv>, log: (e: unknown) => void = console.error): Response {
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
  log(err);
  return c.json(
    { error: { code: 'internal', message: 'Something went wrong on our side. The error was logged.' } },
    500,
  );
}
