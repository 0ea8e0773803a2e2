/**
 * @module plugin/fetch-with-timeout
 * One HTTP request to a provider's API with a deadline, for plugins that talk to SMS or e-mail
 * gateways: the body is read within the same deadline, the caller's own signal (a worker shutting
 * down) still aborts it, and a request that got no answer says why, so the plugin can tell a
 * retryable silence from a refusal.
 */

/** Why a request got no answer: the deadline passed, the caller aborted it, or the network failed. */
export type NoAnswerReason = 'timeout' | 'aborted' | 'network';

/** Thrown by `fetchWithTimeout` when no complete answer arrived; `cause` is the underlying error. */
export class NoAnswerError extends Error {
  readonly reason: NoAnswerReason;
  constructor(reason: NoAnswerReason, cause: unknown) {
    super(`no answer (${reason})`, { cause });
    this.name = 'NoAnswerError';
    this.reason = reason;
  }
}

export interface TimedRequest extends RequestInit {
  /** Give up after this many milliseconds, counting the whole body. */
  timeoutMs: number;
  /** The caller's signal; aborting it aborts the request (reason `aborted`). */
  signal?: AbortSignal;
}

/**
 * Fetch `url` and read the whole body as text before `timeoutMs` runs out. Any HTTP status is an
 * answer (check `response.status`); only silence throws, as `NoAnswerError`.
 * @example
 * try {
 *   const { response, text } = await fetchWithTimeout(endpoint, { method: 'POST', body: form, timeoutMs: 10_000 });
 * } catch (e) {
 *   if (e instanceof NoAnswerError) throw new SmsSendError(`no answer (${e.reason})`, { retryable: true });
 *   throw e;
 * }
 */
export async function fetchWithTimeout(
  url: string | URL,
  { timeoutMs, signal, ...init }: TimedRequest,
): Promise<{ response: Response; text: string }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    return { response, text: await response.text() };
  } catch (cause) {
    throw new NoAnswerError(timeout.aborted ? 'timeout' : signal?.aborted ? 'aborted' : 'network', cause);
  }
}

/**
 * A `Retry-After` header in milliseconds from now: delta-seconds or an HTTP date; `undefined` when
 * absent or unreadable, never negative.
 * @example
 * retryAfterMs('120') // 120000
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
