/**
 * @module clients/list-clients
 * The scoped client list: filters, sort, keyset pages (never OFFSET: page 2,000 costs what page 1
 * costs) and a total counted up to a cap, so a count over a million rows never stalls a page.
 */
import { and, asc, desc, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { clientConditions, type ClientFilter } from './conditions.ts';
import { decodeCursor, encodeCursor, type Order, type SortKey } from './cursor.ts';
import { readDb } from '../storage/index.ts';
import { toClient, type Client } from './record.ts';

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
  const rows = await readDb(ctx.database, ctx.db)
    .select({
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
    })
    .from(t.clients)
    .where(and(where, seek))
    .orderBy(dir(col), dir(t.clients.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
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
  return { items: page.map((r) => toClient(ctx, r)), nextCursor, total };
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
