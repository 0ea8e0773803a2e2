/**
 * @module widgets/base/api-controller
 * A Lit reactive controller that is a widget's only door to the CRM API. It reads the host's
 * `apiConfig` at each request (so a `base-url` or `token` set later is honoured), aborts whatever
 * is still in flight when the host leaves the DOM, and keeps a task-like state (`loading`, `error`,
 * `value`) for `run()` that re-renders the host on every change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { apiRequest, type ApiConfig, type HttpMethod, type RequestOptions } from './api-client.ts';
import { ApiError, isAbortError } from './api-error.ts';
import { CrmErrorEvent } from './events.ts';

/** What the controller needs from its host; `CrmElement` provides it. */
export type ApiHost = ReactiveControllerHost & HTMLElement & { readonly apiConfig: ApiConfig };

/**
 * @example
 * class CrmHello extends CrmElement {
 *   private api = new ApiController<{ status: string }>(this);
 *   override connectedCallback() {
 *     super.connectedCallback();
 *     void this.api.run((signal) => this.api.get('/api/health', { signal }));
 *   }
 *   override render() { return this.api.loading ? 'Ładowanie…' : this.api.value?.status; }
 * }
 */
export class ApiController<T = unknown> implements ReactiveController {
  /** True while the latest `run()` is pending. */
  loading = false;
  /** The error of the latest `run()`, cleared when the next one starts. */
  error: ApiError | undefined = undefined;
  /** The value of the latest successful `run()`; kept while a new run loads, for a calm UI. */
  value: T | undefined = undefined;

  readonly #host: ApiHost;
  readonly #inFlight = new Set<AbortController>();
  #current: AbortController | undefined;

  constructor(host: ApiHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
    if (this.loading) {
      this.loading = false;
      this.#host.requestUpdate();
    }
  }

  get<R = T>(path: string, options?: RequestOptions): Promise<R> {
    return this.request<R>('GET', path, undefined, options);
  }

  post<R = T>(path: string, body?: unknown, options?: RequestOptions): Promise<R> {
    return this.request<R>('POST', path, body, options);
  }

  put<R = T>(path: string, body?: unknown, options?: RequestOptions): Promise<R> {
    return this.request<R>('PUT', path, body, options);
  }

  patch<R = T>(path: string, body?: unknown, options?: RequestOptions): Promise<R> {
    return this.request<R>('PATCH', path, body, options);
  }

  delete<R = T>(path: string, options?: RequestOptions): Promise<R> {
    return this.request<R>('DELETE', path, undefined, options);
  }

  /** One request, aborted with the host's disconnect or the caller's `signal`, whichever is first. */
  async request<R>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<R> {
    const controller = new AbortController();
    const outer = options.signal;
    const forward = () => controller.abort(outer?.reason);
    if (outer?.aborted) forward();
    outer?.addEventListener('abort', forward, { once: true });
    this.#inFlight.add(controller);
    try {
      return await apiRequest<R>(this.#host.apiConfig, method, path, body, { ...options, signal: controller.signal });
    } finally {
      this.#inFlight.delete(controller);
      outer?.removeEventListener('abort', forward);
    }
  }

  /**
   * Runs `task` as the host's current load: aborts the previous run, tracks `loading`/`error`/
   * `value`, and fires `crm-error` on the host when it fails. Resolves with the value, or
   * `undefined` when the run failed or was superseded.
   */
  async run(task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.#current?.abort();
    const current = new AbortController();
    this.#current = current;
    this.#inFlight.add(current);
    this.loading = true;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const value = await task(current.signal);
      if (this.#current !== current) return undefined;
      this.value = value;
      return value;
    } catch (error) {
      if (this.#current !== current || isAbortError(error)) return undefined;
      this.error =
        error instanceof ApiError
          ? error
          : new ApiError({
              status: 0,
              code: 'unexpected',
              message: error instanceof Error ? error.message : String(error),
            });
      this.#host.dispatchEvent(new CrmErrorEvent(this.error));
      return undefined;
    } finally {
      this.#inFlight.delete(current);
      if (this.#current === current) {
        this.loading = false;
        this.#current = undefined;
        this.#host.requestUpdate();
      }
    }
  }
}
