import { asc, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { insertRows } from './insert-rows.ts';

const client = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `ins-${i}`,
  kind: 'person',
  type: 'private',
  source: null,
  displayName: `Klient ${i}`,
  ownerId: null,
  unitId: null,
  partnerId: null,
  referrerId: null,
  status: 'new',
  data: { firstName: 'Zofia', lastName: `Nowak-${i}`, income: 1_234_56, tags: ['a', 'ó'] },
  version: 1,
  createdAt: new Date(Date.UTC(2026, 2, 29, 1, 0, i)),
  updatedAt: new Date(Date.UTC(2026, 2, 29, 1, 0, i, 5)),
  ...extra,
});

describeEngines('insertRows: multi-row inserts built once per (table, row count)', (database) => {
  it('stores what drizzle would (JSON, instants, a missing column takes its default) in chunks', async () => {
    const { t, dialect } = database();
    // drizzle's own insert refused: the statement must come from the cache.
    const db = Object.create(database().db, {
      insert: {
        value: () => {
          throw new Error('built by drizzle');
        },
      },
    }) as ReturnType<typeof database>['db'];
    const rows = [1, 2, 3, 4, 5].map((i) => client(i, i === 3 ? {} : { searchText: `zofia nowak ${i}` }));
    await insertRows(dialect, db, t.clients, rows, 2); // statements of 2, 2 and 1 rows
    await insertRows(dialect, db, t.clients, [client(6), client(7)], 2); // the 2-row text again
    const back = await db
      .select()
      .from(t.clients)
      .where(inArray(t.clients.id, ['ins-1', 'ins-3', 'ins-5', 'ins-7']))
      .orderBy(asc(t.clients.id));
    expect(back.map((r) => r.id)).toEqual(['ins-1', 'ins-3', 'ins-5', 'ins-7']);
    expect(back[0]).toMatchObject({ ...client(1), searchText: 'zofia nowak 1' });
    expect(back[1]!.searchText).toBe(''); // the column's default, as drizzle writes it
    expect(back[3]!.data).toEqual(client(7).data);
    expect(back[3]!.createdAt.toISOString()).toBe('2026-03-29T01:00:07.000Z');
    expect(back[3]!.updatedAt.getTime()).toBe(Date.UTC(2026, 2, 29, 1, 0, 7, 5));
  });

  it('a value given as SQL goes through drizzle (inlined, not bound)', async () => {
    const { db, t, dialect } = database();
    await insertRows(dialect, db, t.clients, [client(40, { displayName: sql`'Klient ' || 'czterdzieści'` })]);
    const [row] = await db
      .select()
      .from(t.clients)
      .where(inArray(t.clients.id, ['ins-40']));
    expect(row!.displayName).toBe('Klient czterdzieści');
  });

  it('writes on the transaction it is given: rolled back with it', async () => {
    const { db, t, dialect } = database();
    await expect(
      db.transaction(async (tx) => {
        await insertRows(dialect, tx as never, t.clients, [client(20), client(21)]);
        const seen = await tx
          .select({ id: t.clients.id })
          .from(t.clients)
          .where(inArray(t.clients.id, ['ins-20']));
        expect(seen).toHaveLength(1); // visible inside
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const after = await db
      .select({ id: t.clients.id })
      .from(t.clients)
      .where(inArray(t.clients.id, ['ins-20']));
    expect(after).toHaveLength(0);
  });

  it('a duplicate key fails the statement with the driver error (nothing of that statement stored)', async () => {
    const { db, t, dialect } = database();
    await insertRows(dialect, db, t.clients, [client(30)]);
    await expect(insertRows(dialect, db, t.clients, [client(31), client(30)])).rejects.toThrow(/unique|UNIQUE/);
    const after = await db
      .select({ id: t.clients.id })
      .from(t.clients)
      .where(inArray(t.clients.id, ['ins-31']));
    expect(after).toHaveLength(0);
  });
});
