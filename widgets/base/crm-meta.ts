/**
 * @module widgets/base/crm-meta
 * What the widgets need to know about the firm's configuration — status labels and colours,
 * activity types and outcomes (`GET /api/workflow`), and the client fields and types
 * (`GET /api/clients/schema`) — fetched once per API origin and shared by every widget on the
 * page, so a list, a card and a picker side by side ask once. A failed fetch is forgotten, so the
 * next widget asks again; widgets fall back to raw ids meanwhile.
 */
import type { ApiController } from './api-controller.ts';
import type { Lang } from './lang.ts';
import type { JsonSchema } from './schema-form.ts';

export type Label = { pl: string; en: string };

export interface StatusMeta {
  label: Label;
  color?: string;
  terminal?: boolean;
}

export interface WorkflowMeta {
  statuses: Record<string, StatusMeta>;
  /** Fields transitions may require (label, schema, financial), for showing them in the history. */
  fields: Record<string, { label: Label; financial?: boolean }>;
  activityTypes: Record<string, { label: Label }>;
  outcomes: Record<string, { label: Label }>;
}

export interface ClientTypeMeta {
  label: Label;
  sources?: Record<string, { label: Label }>;
}

export interface ClientSchemaMeta {
  /** Per kind (`person`, `company`) the JSON Schema of the firm's fields. */
  fields: Record<string, JsonSchema>;
  types: Record<string, ClientTypeMeta>;
  /** Field names to show as list columns, when the firm configured them. */
  columns?: string[];
}

const cache = new Map<string, Promise<unknown>>();

function shared<T>(
  api: ApiController<unknown>,
  key: string,
  path: string,
  normalise: (body: unknown) => T,
): Promise<T> {
  const full = `${key}|${path}`;
  let p = cache.get(full) as Promise<T> | undefined;
  if (!p) {
    // No signal: the answer is shared, so one widget leaving must not abort it for the others.
    p = api.get<unknown>(path).then(normalise);
    p.catch(() => cache.delete(full));
    cache.set(full, p);
  }
  return p;
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Accepts `{ statuses: {...} }` or `{ workflow: { statuses } }`; statuses as a map or a list with `id`. */
export function normaliseWorkflow(body: unknown): WorkflowMeta {
  const b = record(record(body)['workflow'] ?? body);
  const map = (v: unknown) =>
    Array.isArray(v) ? Object.fromEntries(v.map((x) => [String(record(x)['id']), record(x)])) : record(v);
  return {
    statuses: map(b['statuses']) as WorkflowMeta['statuses'],
    fields: map(b['fields']) as WorkflowMeta['fields'],
    activityTypes: map(b['activityTypes']) as WorkflowMeta['activityTypes'],
    outcomes: map(b['outcomes']) as WorkflowMeta['outcomes'],
  };
}

/** Accepts the `clients` config section (`{ fields: { person, company }, types }`) or `{ kinds: … }`. */
export function normaliseClientSchema(body: unknown): ClientSchemaMeta {
  const b = record(record(body)['clients'] ?? body);
  const cols = b['columns'] ?? b['listColumns'];
  return {
    fields: record(b['fields'] ?? b['kinds']) as ClientSchemaMeta['fields'],
    types: record(b['types']) as ClientSchemaMeta['types'],
    ...(Array.isArray(cols) ? { columns: cols.map(String) } : {}),
  };
}

/** The workflow's labels, shared across widgets of one API origin. */
export function workflowMeta(api: ApiController<unknown>, baseUrl: string): Promise<WorkflowMeta> {
  return shared(api, baseUrl, '/api/workflow', normaliseWorkflow);
}

/** The client fields and types, shared across widgets of one API origin. */
export function clientSchemaMeta(api: ApiController<unknown>, baseUrl: string): Promise<ClientSchemaMeta> {
  return shared(api, baseUrl, '/api/clients/schema', normaliseClientSchema);
}

/** `GET /api/me`: who is signed in and what they may do (permission → scopes). */
export interface MeMeta {
  user: { id: string; name: string; unitId?: string | null } | null;
  permissions: Record<string, readonly string[]>;
}

/** The signed-in user's profile and permissions, shared across widgets of one API origin. */
export function meMeta(api: ApiController<unknown>, baseUrl: string): Promise<MeMeta> {
  return shared(api, baseUrl, '/api/me', (b) => ({ user: null, permissions: {}, ...record(b) }) as MeMeta);
}

/** Forget every shared answer (after sign-out or sign-in as someone else). */
export function clearMeta(): void {
  cache.clear();
}

/**
 * A label in `lang`, or the id itself when the configuration has none.
 *
 * @example
 * labelIn({ new: { label: { pl: 'Nowy', en: 'New' } } }, 'new', 'en'); // 'New'
 */
export function labelIn(
  map: Record<string, { label?: Partial<Label> }> | undefined,
  id: string | null | undefined,
  lang: Lang,
): string {
  if (!id) return '';
  const l = map?.[id]?.label;
  return l?.[lang] ?? l?.pl ?? id;
}
