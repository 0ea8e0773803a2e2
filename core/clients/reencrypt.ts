/**
 * @module clients/reencrypt
 * Moving stored clients to the current storage mapping, in batches: fields newly marked
 * `x-crm-encrypted` (or stored before encryption existed) are sealed, values sealed with an older
 * data key are sealed again with the current one, fields no longer marked are opened, and the
 * search text and keyed hashes are recomputed. What `broker-crm encrypt` runs after adopting
 * encryption, changing the annotations, or rotating the data key. Each batch is one transaction; a
 * run can be stopped and started again (rows already current are skipped).
 */
import { asc, eq, gt } from 'drizzle-orm';
import { inTransaction, type Ctx } from '../context.ts';
import { isSealed, sealedKeyId } from '../keys/index.ts';
import { clientFields, type ClientKind } from './fields.ts';
import { storeKeys } from './keys.ts';
import { openClientData, storedClient } from './protect.ts';

export interface ReencryptOptions {
  /** Rows per transaction (default 500). */
  batch?: number;
  /** Rewrite every row, current or not (after changing the secret: every keyed hash changes). */
  all?: boolean;
  onBatch?: (done: { seen: number; rewritten: number }) => void;
}

/**
 * @example
 * const r = await reencryptClients(crm.system('encrypt'), { batch: 500 });
 * // { seen: 2016, rewritten: 2016 } the first time, { seen: 2016, rewritten: 0 } the next
 */
export async function reencryptClients(
  ctx: Ctx,
  options: ReencryptOptions = {},
): Promise<{ seen: number; rewritten: number }> {
  const c = ctx.t.clients;
  const size = Math.max(1, options.batch ?? 500);
  const fields = clientFields(ctx.config);
  const current = ctx.keyring.current.id;
  let last = '';
  let seen = 0;
  let rewritten = 0;
  for (;;) {
    const rows = await ctx.db
      .select({ id: c.id, kind: c.kind, data: c.data, displayName: c.displayName, searchText: c.searchText })
      .from(c)
      .where(last ? gt(c.id, last) : undefined)
      .orderBy(asc(c.id))
      .limit(size);
    if (!rows.length) break;
    last = rows[rows.length - 1]!.id;
    seen += rows.length;
    await inTransaction(ctx, async (tx) => {
      for (const row of rows) {
        const kf = fields[row.kind as ClientKind] ?? fields.person;
        const stale = Object.entries(row.data).some(([k, v]) => {
          const marked = kf.fields.get(k)?.encrypted === true;
          if (isSealed(v)) return !marked || sealedKeyId(v) !== current;
          return marked && v !== null && v !== undefined;
        });
        const stored = storedClient(tx, kf, row.id, openClientData(tx, row.id, row.data), row.displayName);
        if (!options.all && !stale && stored.searchText === row.searchText) continue;
        await tx.db.update(c).set({ data: stored.data, searchText: stored.searchText }).where(eq(c.id, row.id));
        await storeKeys(tx, row.id, stored.keys);
        rewritten++;
      }
    });
    options.onBatch?.({ seen, rewritten });
  }
  return { seen, rewritten };
}

/**
 * Give back the space of rewritten rows, so old plaintext does not linger in free pages (SQLite:
 * the text index rebuilt, `VACUUM`, the write-ahead log emptied) or dead row versions
 * (PostgreSQL: `VACUUM` of the client tables).
 * @example
 * await compactClientStorage(crm.system());
 */
export async function compactClientStorage(ctx: Ctx): Promise<void> {
  if (ctx.database.dialect === 'sqlite') {
    // FTS5 keeps deleted tokens in its segments until they are merged: rebuild it from search_text.
    await ctx.database.raw("INSERT INTO clients_fts(clients_fts) VALUES ('rebuild')");
    await ctx.database.raw('VACUUM');
    // The write-ahead log still holds the old pages until a checkpoint empties it.
    await ctx.database.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  } else {
    await ctx.database.raw('VACUUM clients');
    await ctx.database.raw('VACUUM client_keys');
  }
}
