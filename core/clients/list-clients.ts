/**
 * @module clients/list-clients
 * The scoped client list: filters, sort, keyset pages (never OFFSET: page 2,000 costs what page 1
 * costs) and a total counted up to a cap, so a count over a million rows never stalls a page.
 */
import { and, asc, desc, fillPlaceholders, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { clientConditions, type ClientFilter } from './conditions.ts';
import { decodeCursor, encodeCursor, type Order, type SortKey } from './cursor.ts';
import { readDb, readRows } from '../storage/index.ts';
import { clientJson, toClient, type Client, type ClientRow } from './record.ts';

export interface ListOptions extends ClientFilter {
  sort?: SortKey;
  order?: Order;
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
  /** Count the total (capped). Default: on the first page only. */
  total?: boolean;
}

export interface ClientPage {
  items: Client[];
  nextCursor: string | null;
  /** `capped`: there are at least `value` (the cap); null when not counted. */
  total: { value: number; capped: boolean } | null;
}

export const TOTAL_CAP = 10_000;

/**
 * @example
 * const page1 = await listClients(ctx, { status: 'new', sort: 'createdAt', order: 'desc' });
 * const page2 = await listClients(ctx, { status: 'new', sort: 'createdAt', order: 'desc', cursor: page1.nextCursor! });
 */
export async function listClients(ctx: Ctx, options: ListOptions = {}): Promise<ClientPage> {
  const { rows, nextCursor, total } = await pageRows(ctx, options);
  return { items: rows.map((r) => toClient(ctx, r)), nextCursor, total };
}

/** A page as the JSON text of `ClientPage` (what the HTTP list answers), with its number of items. */
export interface ClientPageJson {
  json: string;
  count: number;
}

/**
 * The page `listClients` returns, as its JSON text (`JSON.stringify` of it, up to spacing inside the
 * stored data), built straight from the rows: no client objects for rows the actor sees in full.
 * @example
 * const { json, count } = await listClientsJson(ctx, { status: 'new' });
 */
export async function listClientsJson(ctx: Ctx, options: ListOptions = {}): Promise<ClientPageJson> {
  const { rows, nextCursor, total } = await pageRows(ctx, options);
  let items = '';
  for (const r of rows) items += (items ? ',' : '') + clientJson(ctx, r, r.dataText);
  return {
    json: `{"items":[${items}],"nextCursor":${JSON.stringify(nextCursor)},"total":${JSON.stringify(total)}}`,
    count: rows.length,
  };
}

/** A listed row, with the stored text of its data when the driver gave it (not inside a transaction). */
type ListedRow = Omit<ClientRow, 'searchText'> & { dataText: string | null };

async function pageRows(
  ctx: Ctx,
  options: ListOptions,
): Promise<{ rows: ListedRow[]; nextCursor: string | null; total: ClientPage['total'] }> {
  const { t } = ctx;
  const sort = options.sort ?? 'createdAt';
  const order = options.order ?? 'desc';
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const cur = options.cursor ? decodeCursor(ctx.secret, options.cursor, sort, order) : null;
  const counted = options.total ?? !options.cursor;
  const key = !counted && ctx.db === ctx.database.db ? shapeKey(options, sort, order, limit, !!cur) : null;
  let raw: unknown[][] | null;
  let query: Awaited<ReturnType<typeof buildPage>>['query'] | null = null;
  let where: SQL | undefined;
  if (key) {
    // A page of a shape seen before for this actor: its SQL text as built then, this request's values bound.
    const shape = await shapeOf(ctx, key, options, sort, order, limit, !!cur);
    const params = fillPlaceholders(shape.params, shapeValues(ctx, options, sort, cur));
    raw = await readRows(ctx.database, ctx.db, { toSQL: () => ({ sql: shape.sql, params }) });
  } else {
    const seek = cur && {
      value: (sort === 'displayName' ? String(cur.value) : new Date(Number(cur.value))) as unknown,
      id: cur.id as unknown,
    };
    ({ query, where } = await buildPage(ctx, options, sort, order, limit, seek));
    // Rows as the driver gives them, decoded here by each column's own decoder (drizzle's per-row
    // mapping was a tenth of a page's CPU); inside a transaction, through drizzle.
    raw = await readRows(ctx.database, ctx.db, query);
  }
  const all = raw ?? (await query!);
  const more = all.length > limit;
  // The row past the page only says that there is a next page: it is not decoded.
  const rows: ListedRow[] = raw
    ? raw.slice(0, limit).map((r) => decodeRow(t, r))
    : (all as Omit<ListedRow, 'dataText'>[]).slice(0, limit).map((r) => ({ ...r, dataText: null }));
  const last = rows[rows.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(ctx.secret, {
          sort,
          order,
          value: sort === 'displayName' ? last.displayName : last[sort].getTime(),
          id: last.id,
        })
      : null;
  const total = counted ? await cappedCount(ctx, where) : null;
  return { rows, nextCursor, total };
}

/** The page's select, built by drizzle: filters and scope by `clientConditions`, the keyset seek, the sort. */
async function buildPage(
  ctx: Ctx,
  filter: ClientFilter,
  sort: SortKey,
  order: Order,
  limit: number,
  seek: { value: unknown; id: unknown } | null,
) {
  const { t } = ctx;
  const col = t.clients[sort];
  const where = await clientConditions(ctx, filter);
  const v = seek?.value as never;
  const id = seek?.id as never;
  // `col >= v AND (col > v OR id > last)`: the first half is an index range, the second a filter.
  const after = !seek
    ? undefined
    : order === 'asc'
      ? and(gte(col, v), or(gt(col, v), gt(t.clients.id, id)))
      : and(lte(col, v), or(lt(col, v), lt(t.clients.id, id)));
  const dir = order === 'asc' ? asc : desc;
  // Outside a transaction on libsql: a reader that keeps each page shape's statement prepared.
  const query = readDb(ctx.database, ctx.db)
    .select(listedColumns(t))
    .from(t.clients)
    .where(and(where, after))
    .orderBy(dir(col), dir(t.clients.id))
    .limit(limit + 1);
  return { query, where };
}

/*
 * Pages prepared per shape. A page's SQL text depends on the actor's scope (its unit or user ids are
 * bound values, fixed for one actor object), on which filters are set (and how many statuses), the
 * sort, the limit and whether there is a cursor; not on the filter values. So the first page of a
 * shape for an actor object is built by drizzle with placeholders for those values, and later pages
 * of that shape bind this request's values into the kept text and parameters: no drizzle build per
 * request (~8% of a page). Only the plain filters below take part; a search, field filters, a unit
 * filter (read from the database) or a counted total build the page in full, as inside a transaction.
 * An actor object is replaced when its session is re-read or the organisation changes, and with it
 * its shapes (a WeakMap).
 */
const PLAIN = ['status', 'type', 'source', 'ownerId', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'] as const;
const PAGING = new Set(['sort', 'order', 'limit', 'cursor', 'total']);
type Shape = { sql: string; params: unknown[] };
const shapes = new WeakMap<object, WeakMap<object, Map<string, Shape>>>();

/** The shape of a page, or null when the page must be built in full. */
function shapeKey(o: ListOptions, sort: SortKey, order: Order, limit: number, cursor: boolean): string | null {
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || PAGING.has(k) || (PLAIN as readonly string[]).includes(k)) continue;
    if (k === 'fields' && Object.keys(v as object).length === 0) continue;
    return null;
  }
  const statuses = o.status === undefined ? -1 : (Array.isArray(o.status) ? o.status : [o.status]).length;
  const set = PLAIN.slice(1)
    .map((k) => (o[k] ? 1 : 0))
    .join('');
  return `${sort}|${order}|${limit}|${cursor ? 1 : 0}|${statuses}|${set}`;
}

async function shapeOf(
  ctx: Ctx,
  key: string,
  o: ListOptions,
  sort: SortKey,
  order: Order,
  limit: number,
  cursor: boolean,
): Promise<Shape> {
  let byActor = shapes.get(ctx.database);
  if (!byActor) shapes.set(ctx.database, (byActor = new WeakMap()));
  let mine = byActor.get(ctx.actor);
  if (!mine) byActor.set(ctx.actor, (mine = new Map()));
  let shape = mine.get(key);
  if (!shape) {
    const ph = (name: string) => sql.placeholder(name) as never;
    const statuses = o.status === undefined ? undefined : Array.isArray(o.status) ? o.status : [o.status];
    const filter: ClientFilter = { status: statuses?.map((_, i) => ph(`s${i}`)) };
    for (const k of PLAIN.slice(1)) if (o[k]) filter[k] = ph(k);
    const { query } = await buildPage(
      ctx,
      filter,
      sort,
      order,
      limit,
      cursor ? { value: ph('v'), id: ph('id') } : null,
    );
    shape = query.toSQL();
    if (mine.size >= 50) mine.clear();
    mine.set(key, shape);
  }
  return shape;
}

/** This request's values for a shape's placeholders, as the columns' encoders write them. */
function shapeValues(ctx: Ctx, o: ListOptions, sort: SortKey, cur: { value: unknown; id: string } | null) {
  const c = ctx.t.clients;
  const values: Record<string, unknown> = {};
  const statuses = o.status === undefined ? [] : Array.isArray(o.status) ? o.status : [o.status];
  statuses.forEach((s, i) => (values[`s${i}`] = s));
  for (const k of ['type', 'source', 'ownerId'] as const) if (o[k]) values[k] = o[k];
  for (const k of ['createdFrom', 'createdTo'] as const) if (o[k]) values[k] = c.createdAt.mapToDriverValue(o[k]!);
  for (const k of ['updatedFrom', 'updatedTo'] as const) if (o[k]) values[k] = c.updatedAt.mapToDriverValue(o[k]!);
  if (cur) {
    values.v = sort === 'displayName' ? String(cur.value) : c[sort].mapToDriverValue(new Date(Number(cur.value)));
    values.id = cur.id;
  }
  return values;
}

/** The listed columns, in the order `decodeRow` reads them. */
const listedColumns = (t: Ctx['t']) => ({
  id: t.clients.id,
  kind: t.clients.kind,
  type: t.clients.type,
  source: t.clients.source,
  displayName: t.clients.displayName,
  ownerId: t.clients.ownerId,
  unitId: t.clients.unitId,
  partnerId: t.clients.partnerId,
  referrerId: t.clients.referrerId,
  status: t.clients.status,
  data: t.clients.data,
  version: t.clients.version,
  createdAt: t.clients.createdAt,
  updatedAt: t.clients.updatedAt,
});

function decodeRow(t: Ctx['t'], r: unknown[]): ListedRow {
  const c = t.clients;
  const dataText = typeof r[10] === 'string' ? r[10] : null;
  return {
    id: r[0] as string,
    kind: r[1] as string,
    type: r[2] as string,
    source: r[3] as string | null,
    displayName: r[4] as string,
    ownerId: r[5] as string | null,
    unitId: r[6] as string | null,
    partnerId: r[7] as string | null,
    referrerId: r[8] as string | null,
    status: r[9] as string,
    data: c.data.mapFromDriverValue(r[10] as never) as Record<string, unknown>,
    version: Number(r[11]),
    createdAt: c.createdAt.mapFromDriverValue(r[12] as never) as Date,
    updatedAt: c.updatedAt.mapFromDriverValue(r[13] as never) as Date,
    dataText,
  };
}

/** Count matching rows, stopping at the cap. */
export async function cappedCount(
  ctx: Ctx,
  where: SQL | undefined,
  cap = TOTAL_CAP,
): Promise<{ value: number; capped: boolean }> {
  const { t } = ctx;
  const inner = readDb(ctx.database, ctx.db)
    .select({ one: sql`1`.as('one') })
    .from(t.clients)
    .where(where)
    .limit(cap + 1)
    .as('capped');
  const [r] = await readDb(ctx.database, ctx.db)
    .select({ n: sql<number>`count(*)` })
    .from(inner);
  const n = Number(r?.n ?? 0);
  return n > cap ? { value: cap, capped: true } : { value: n, capped: false };
}
