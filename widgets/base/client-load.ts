/**
 * @module widgets/base/client-load
 * How the client widgets (card, status picker, timeline) load what they show for their `client-id`:
 * as the widget's current `ApiController` run (a newer load aborts an older one), the id encoded into
 * the path, nothing at all while no client is set, and nothing kept when the widget has meanwhile
 * moved on to another client.
 */
import type { RequestOptions } from './api-client.ts';
import type { ApiController } from './api-controller.ts';

/** What `loadForClient` reads from its host. */
export interface ClientWidget {
  readonly clientId: string;
}

/**
 * Loads `/api/clients/<clientId><path>`. Resolves with the value, or `undefined` when no client is
 * set, the load failed (the controller then holds the error) or the widget shows another client now.
 * @example
 * const page = await loadForClient(this, this.api, '/timeline', { limit: 20 });
 */
export async function loadForClient<T>(
  host: ClientWidget,
  api: ApiController<T>,
  path = '',
  query?: RequestOptions['query'],
): Promise<T | undefined> {
  const id = host.clientId;
  if (!id) return undefined;
  const value = await api.run((signal) => api.get(`/api/clients/${encodeURIComponent(id)}${path}`, { query, signal }));
  return id === host.clientId ? value : undefined;
}
