/**
 * @module errors
 * Errors are values a person can act on. Every domain error carries a stable `code`, a plain
 * `message` and optional `details`; `core/http` maps `status` to the response unchanged. No domain
 * error carries SQL or a stack trace to the outside.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'payload_too_large'
  | 'rate_limited'
  | 'locked'
  | 'csrf_invalid'
  | 'internal';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  payload_too_large: 413,
  rate_limited: 429,
  locked: 423,
  csrf_invalid: 403,
  internal: 500,
};

/** One problem with one field: `path` is a JSON pointer into the input (`/email`). */
export interface FieldProblem {
  path: string;
  message: string;
  keyword?: string;
}

export class CrmError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'CrmError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return statusOf[this.code];
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string, id?: string) =>
  new CrmError('not_found', id ? `${what} ${id} was not found` : `${what} was not found`);
export const forbidden = (message: string, details?: Record<string, unknown>) =>
  new CrmError('forbidden', message, details);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new CrmError('conflict', message, details);
export const unauthorized = (message = 'Sign in first') => new CrmError('unauthorized', message);
/** 422: the input is well-formed but breaks a rule; `problems` name the fields. */
export const invalid = (message: string, problems: FieldProblem[] = []) =>
  new CrmError('invalid', message, { problems });
export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new CrmError('bad_request', message, details);
