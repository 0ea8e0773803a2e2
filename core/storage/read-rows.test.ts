import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { readRows } from './read-rows.ts';

describeEngines('readRows: a built select as arrays of driver values', (database) => {
  const at = new Date(Date.UTC(2026, 2, 29, 1, 0, 0, 7));
  const row = (i: number) => ({
    id: `rr-${i}`,
    kind: 'person',
    type: 'private',
    source: null,
    displayName: `Klient ${i}`,
    ownerId: null,
    unitId: null,
    partnerId: null,
    referrerId: null,
    status: 'new',
    data: { firstName: 'Zofia', n: i, tags: ['ó'] },
    version: i,
    createdAt: at,
    updatedAt: at,
  });

  it('gives the columns in the selection order; each column decodes to what drizzle maps', async () => {
    const { db, t } = database();
    await db.insert(t.clients).values([row(1), row(2)]);
    const select = () =>
      db
        .select({ id: t.clients.id, version: t.clients.version, data: t.clients.data, createdAt: t.clients.createdAt })
        .from(t.clients)
        .where(eq(t.clients.type, 'private'))
        .orderBy(asc(t.clients.id));
    const mapped = await select();
    // Twice: the second run reuses the statement kept for this text (libsql reader / PostgreSQL named).
    for (let run = 0; run < 2; run++) {
      const raw = (await readRows(database(), db, select()))!;
      expect(raw.map((r) => r.length)).toEqual([4, 4]);
      expect(raw.map((r) => r[0])).toEqual(['rr-1', 'rr-2']);
      expect(raw.map((r) => Number(r[1]))).toEqual([1, 2]);
      expect(typeof raw[0]![2]).toBe('string'); // JSON as its text, for a caller that passes it on
      const decoded = raw.map((r) => ({
        id: r[0],
        version: Number(r[1]),
        data: t.clients.data.mapFromDriverValue(r[2] as never),
        createdAt: t.clients.createdAt.mapFromDriverValue(r[3] as never),
      }));
      expect(decoded).toEqual(mapped);
    }
  });

  it('answers null inside a transaction (its reads go through drizzle on its own connection)', async () => {
    const { db, t } = database();
    const inside = await db.transaction(async (tx) =>
      readRows(database(), tx as never, tx.select({ id: t.clients.id }).from(t.clients)),
    );
    expect(inside).toBeNull();
  });
});
