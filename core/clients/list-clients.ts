/**
 * @module clients/list-clients
 * The scoped client list: filters, sort, keyset pages (never OFFSET: page 2,000 costs what page 1
 * costs) and a total counted up to a cap, so a count over a million rows never stalls a page.
 */
import { and, asc, desc, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
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
  const col = t.clients[sort];
  const where = await clientConditions(ctx, options);
  let seek: SQL | undefined;
  if (options.cursor) {
    const cur = decodeCursor(ctx.secret, options.cursor, sort, order);
    const v = sort === 'displayName' ? String(cur.value) : new Date(Number(cur.value));
    // `col >= v AND (col > v OR id > last)`: the first half is an index range, the second a filter.
    seek =
      order === 'asc'
        ? and(gte(col, v as never), or(gt(col, v as never), gt(t.clients.id, cur.id)))
        : and(lte(col, v as never), or(lt(col, v as never), lt(t.clients.id, cur.id)));
  }
  const dir = order === 'asc' ? asc : desc;
  // Outside a transaction on libsql: a reader that keeps each page shape's statement prepared.
  const query = readDb(ctx.database, ctx.db)
    .select(listedColumns(t))
    .from(t.clients)
    .where(and(where, seek))
    .orderBy(dir(col), dir(t.clients.id))
    .limit(limit + 1);
  // Rows as the driver gives them, decoded here by each column's own decoder (drizzle's per-row
  // mapping was a tenth of a page's CPU); inside a transaction, through drizzle.
  const raw = await readRows(ctx.database, ctx.db, query);
  const all = raw ?? (await query);
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
  const total = (options.total ?? !options.cursor) ? await cappedCount(ctx, where) : null;
  return { rows, nextCursor, total };
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
