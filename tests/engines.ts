/**
 * @module tests/engines
 * The storage contract harness: `describeEngines(title, fn)` runs the same suite on embedded libsql
 * (always) and PostgreSQL (when CRM_TEST_POSTGRES_URL is set; otherwise the suite says it is
 * skipped). Each suite gets a fresh, migrated database of its own. Test names carry the engine in
 * brackets, `[libsql]` / `[postgres]`, so the CI summary can count what ran where.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, type Database } from '../core/storage/database.ts';

export type Engine = 'libsql' | 'postgres';
const pgUrl = process.env.CRM_TEST_POSTGRES_URL;

export const engines: Engine[] = pgUrl ? ['libsql', 'postgres'] : ['libsql'];

/** A fresh database for one suite; `drop()` removes it. */
export async function freshDatabase(engine: Engine): Promise<Database & { drop(): Promise<void> }> {
  if (engine === 'libsql') {
    const dir = mkdtempSync(join(tmpdir(), 'crm-test-'));
    const database = await openDatabase(`file:${join(dir, 'crm.db')}`);
    return Object.assign(database, {
      async drop() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  }
  const name = `crm_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  // Swap the database name in the URL (kept as text: socket URLs with an empty host are not WHATWG URLs).
  const database = await openDatabase(pgUrl!.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`));
  return Object.assign(database, {
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  });
}

/**
 * @example
 * describeEngines('units', (db) => { it('moves', async () => { await db().db.select()… }); });
 */
export function describeEngines(title: string, suite: (database: () => Database, engine: Engine) => void): void {
  for (const engine of engines) {
    describe(`${title} [${engine}]`, () => {
      let database: (Database & { drop(): Promise<void> }) | undefined;
      beforeAll(async () => {
        database = await freshDatabase(engine);
      });
      afterAll(async () => {
        await database?.drop();
      });
      suite(() => database!, engine);
    });
  }
  if (!pgUrl) {
    describe(`${title} [postgres]`, () => {
      it.skip('skipped: set CRM_TEST_POSTGRES_URL to run this suite on PostgreSQL (.ci/run does)', () => {});
    });
  }
}
