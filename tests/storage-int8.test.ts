/**
 * 64-bit integers (grosze, counts) are read exactly or refused, never rounded: 2^53 − 1 reads as
 * itself on both engines, 2^53 + 1 fails the query with a clear error (and the connection stays
 * usable). On PostgreSQL the parser belongs to the CRM's pool: the `pg` module's global type parsers,
 * which a host application may rely on, are left as they were.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEngines } from './engines.ts';

const MAX = '9007199254740991'; // 2^53 − 1
const BEYOND = '9007199254740993'; // 2^53 + 1: as a double it would silently become …992

describeEngines('storage: 64-bit integers read exactly or refused', (database, engine) => {
  const refused = engine === 'postgres' ? /beyond Number\.MAX_SAFE_INTEGER/ : /cannot be safely represented/;
  const viaDrizzle = (literal: string) =>
    database()
      .db.select({ n: sql<number>`CAST(${sql.raw(literal)} AS BIGINT)` })
      .from(sql`(SELECT 1) AS one`);

  it('2^53 − 1 reads as that exact number, through drizzle and raw SQL', async () => {
    expect(await viaDrizzle(MAX)).toEqual([{ n: Number.MAX_SAFE_INTEGER }]);
    expect(await database().raw(`SELECT CAST(${MAX} AS BIGINT) AS n`)).toEqual([{ n: Number.MAX_SAFE_INTEGER }]);
  });

  it('2^53 + 1 is refused with a clear error instead of read as a different number', async () => {
    const failure = await viaDrizzle(BEYOND).then(
      (rows) => rows,
      (e: unknown) => e as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    const messages = [failure as Error, (failure as Error).cause as Error | undefined].map((e) => e?.message ?? '');
    expect(messages.some((m) => refused.test(m))).toBe(true);
    await expect(database().raw(`SELECT CAST(${BEYOND} AS BIGINT) AS n`)).rejects.toThrow(refused);
    // The connection that refused the value still answers.
    expect(await database().raw('SELECT CAST(7 AS BIGINT) AS n')).toEqual([{ n: 7 }]);
  });

  it('a stored money value read back through a table keeps every grosz up to 2^53 − 1', async () => {
    const { db } = database();
    const rows = await db
      .select({ total: sql<number>`SUM(CAST(v AS BIGINT))` })
      .from(sql`(SELECT ${sql.raw(MAX)} - 1 AS v UNION ALL SELECT 1 AS v) AS amounts`);
    // SUM of int8 is numeric on PostgreSQL (read as text by drizzle); cast it back to compare.
    expect(Number(rows[0]!.total)).toBe(Number.MAX_SAFE_INTEGER);
  });

  if (engine === 'postgres')
    it("leaves the pg module's global int8 parser alone (a host application's own pg queries are unchanged)", () => {
      expect(pg.types.getTypeParser(20, 'text')('9007199254740993')).toBe('9007199254740993');
    });
});
