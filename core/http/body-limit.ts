/**
 * @module http/body-limit
 * The API's request body limit without touching the body: a declared `Content-Length` is compared
 * with the limit from the headers, and GET and HEAD (which the Node adapter gives no body) pass at
 * once. Anything else (a chunked body, or no declared length) is counted as it streams, by Hono's
 * `bodyLimit`. Hono's middleware alone reads `c.req.raw.body` on every request, which makes the
 * Node adapter build a full WHATWG `Request` (headers, an `AbortSignal`, a web stream) that the
 * API otherwise never needs.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CrmError } from '../errors.ts';

const tooLarge = (maxBytes: number) => new CrmError('payload_too_large', `The body is larger than ${maxBytes} bytes`);

/**
 * @example
 * app.use('/api/*', requestBodyLimit(1024 * 1024));
 */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  const streamed = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  return async function requestBodyLimit(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next(); // the adapter gives these no body
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    // A chunked body, or no declared length (no body, or a Request built in-process): counted as read.
    return streamed(c, next);
  };
}
