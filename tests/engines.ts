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
import { openDatabase, type Database, type OpenOptions } from '../core/storage/database.ts';

export type Engine = 'libsql' | 'postgres';
const pgUrl = process.env.CRM_TEST_POSTGRES_URL;

export const engines: Engine[] = pgUrl ? ['libsql', 'postgres'] : ['libsql'];

/**
 * A scratch PostgreSQL database that owns every handle opened on it: `drop()` closes them all (and
 * waits until their connections are really gone) before it drops the database, so no pooled
 * connection is ended under its pool. `url` is for child processes, which must have exited (or
 * closed their handles) before `drop()`; `WITH (FORCE)` only sweeps up after a killed one.
 */
export interface ScratchPg {
  name: string;
  url: string;
  open(options?: OpenOptions): Promise<Database>;
  drop(): Promise<void>;
}

/** Swap the database name in a URL (kept as text: socket URLs with an empty host are not WHATWG URLs). */
export const withDatabaseName = (url: string, name: string) =>
  url.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);

/** Run `fn` on a short-lived admin connection to the server's `postgres` database. */
export async function pgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  client.on('error', () => {}); // an admin connection ended under us fails its query; nothing else to do
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function scratchPg(prefix = 'crm_t'): Promise<ScratchPg> {
  if (!pgUrl) throw new Error('scratchPg needs CRM_TEST_POSTGRES_URL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await pgAdmin((a) => a.query(`CREATE DATABASE ${name}`));
  const url = withDatabaseName(pgUrl, name);
  const handles = new Set<Database>();
  return {
    name,
    url,
    async open(options) {
      const database = await openDatabase(url, options);
      handles.add(database);
      return database;
    },
    async drop() {
      for (const h of handles) await h.close();
      handles.clear();
      await pgAdmin((a) => a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh database for one suite; `drop()` closes it, then removes it. */
export async function freshDatabase(
  engine: Engine,
  options: OpenOptions = {},
): Promise<Database & { drop(): Promise<void> }> {
  if (engine === 'libsql') {
    const dir = mkdtempSync(join(tmpdir(), 'crm-test-'));
    const database = await openDatabase(`file:${join(dir, 'crm.db')}`, options);
    return Object.assign(database, {
      async drop() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  }
  const scratch = await scratchPg();
  const database = await scratch.open(options);
  return Object.assign(database, { drop: () => scratch.drop() });
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
