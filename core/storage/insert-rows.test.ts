import { asc, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { insertRows } from './insert-rows.ts';

const client_ = (i: number, extra: Record<string, unknown> = {}) => ({
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
    const rows = [1, 2, 3, 4, 5].map((i) => client_(i, i === 3 ? {} : { searchText: `zofia nowak ${i}` }));
    await insertRows(dialect, db, t.clients, rows, 2); // statements of 2, 2 and 1 rows
    await insertRows(dialect, db, t.clients, [client_(6), client_(7)], 2); // the 2-row text again
    const back = await db
      .select()
      .from(t.clients)
      .where(inArray(t.clients.id, ['ins-1', 'ins-3', 'ins-5', 'ins-7']))
      .orderBy(asc(t.clients.id));
    expect(back.map((r) => r.id)).toEqual(['ins-1', 'ins-3', 'ins-5', 'ins-7']);
    expect(back[0]).toMatchObject({ ...client_(1), searchText: 'zofia nowak 1' });
    expect(back[1]!.searchText).toBe(''); // the column's default, as drizzle writes it
    expect(back[3]!.data).toEqual(client_(7).data);
    expect(back[3]!.createdAt.toISOString()).toBe('2026-03-29T01:00:07.000Z');
    expect(back[3]!.updatedAt.getTime()).toBe(Date.UTC(2026, 2, 29, 1, 0, 7, 5));
  });

  it('a value given as SQL goes through drizzle (inlined, not bound)', async () => {
    const { db, t, dialect } = database();
    await insertRows(dialect, db, t.clients, [client_(40, { displayName: sql`'Klient ' || 'czterdzieści'` })]);
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
        await insertRows(dialect, tx as never, t.clients, [client_(20), client_(21)]);
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

  it('PostgreSQL: one statement for any row count (an array per column); SQLite: a text per row count', async () => {
    const { db, t, dialect } = database();
    // The driver's calls recorded: the statement's name (PostgreSQL) or text (SQLite).
    const seen: string[] = [];
    const session = (db as unknown as { session: { client: Record<string, (q: never) => unknown> } }).session;
    const real = session.client;
    const client = {
      query: (q: { name: string }) => (seen.push(q.name), real.query!(q as never)),
      execute: (q: { sql: string }) => (seen.push(q.sql), real.execute!(q as never)),
    };
    const spied = Object.create(db, { session: { value: Object.create(session, { client: { value: client } }) } });
    // Values an array literal must escape: quotes, a backslash, braces, a comma, NULL, an empty string.
    const awkward = 'Zofia "Zosia" \\ {Nowak}, Ł';
    const rows = [50, 51, 52, 53, 54, 55].map((i) =>
      client_(i, { displayName: i === 51 ? '' : awkward, source: i === 52 ? 'NULL' : null, searchText: awkward }),
    );
    await insertRows(dialect, spied, t.clients, rows.slice(0, 1));
    await insertRows(dialect, spied, t.clients, rows.slice(1, 4));
    await insertRows(dialect, spied, t.clients, rows.slice(4));
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(dialect === 'postgres' ? 1 : 3);
    const back = await db
      .select()
      .from(t.clients)
      .where(
        inArray(
          t.clients.id,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(t.clients.id));
    expect(back).toEqual(rows.map((r) => ({ ...r, data: r.data })));
  });

  it('a duplicate key fails the statement with the driver error (nothing of that statement stored)', async () => {
    const { db, t, dialect } = database();
    await insertRows(dialect, db, t.clients, [client_(30)]);
    await expect(insertRows(dialect, db, t.clients, [client_(31), client_(30)])).rejects.toThrow(/unique|UNIQUE/);
    const after = await db
      .select({ id: t.clients.id })
      .from(t.clients)
      .where(inArray(t.clients.id, ['ins-31']));
    expect(after).toHaveLength(0);
  });
});
