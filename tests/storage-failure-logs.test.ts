/**
 * Error logs carry no personal data: a failed statement whose parameters hold an e-mail address, a
 * name and a whole base64 PDF is logged with its error code, the statement's shape, the names the
 * driver reports and the ids among the parameters — never the other values, nor PostgreSQL's
 * `detail` (which repeats the failing row). Checked on the summary, on the default log line of the
 * HTTP layer, and on both engines.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it, vi } from 'vitest';
import { createCrm } from '../core/crm.ts';
import { createHttpApi, defineRoute } from '../core/http/index.ts';
import { newId } from '../core/ids/id.ts';
import { describeFailure, failureLine } from '../core/storage/index.ts';
import { describeEngines } from './engines.ts';
import { demoConfig } from './fixtures/small-firm.ts';

const EMAIL = 'jan.kowalski.kanarek@example.pl';
const NAME = 'Jan Kanarek-Kowalski';
const PDF = `JVBERi0xLjcK${randomBytes(12_000).toString('base64')}`; // a document's worth of base64
const secrets = [EMAIL, NAME, PDF.slice(0, 40), 'kanarek', 'Kanarek'];

afterEach(() => {
  vi.restoreAllMocks();
});

describeEngines('storage: failure logs without personal data', (database, engine) => {
  const id = newId();
  /** An insert that fails (a NOT NULL column left out) with personal data among its parameters. */
  const failingInsert = () => {
    const { db, t } = database();
    return db.insert(t.users).values({ id, email: EMAIL, name: NAME, passwordHash: PDF } as never);
  };

  it('the summary of a failed statement keeps code, shape, names and ids, and no parameter value', async () => {
    const failure = await failingInsert().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).not.toBeNull();
    const raw = `${String((failure as Error).message)} ${JSON.stringify(failure)}`;
    expect(raw).toContain(EMAIL); // what used to reach the log
    const summary = describeFailure(failure);
    const line = failureLine('test', failure);
    for (const text of [JSON.stringify(summary), line]) for (const s of secrets) expect(text).not.toContain(s);
    expect(summary.code).toMatch(engine === 'postgres' ? /^23502$/ : /^SQLITE_CONSTRAINT/);
    expect(summary.statement).toMatch(/^insert into "users"/);
    expect(summary.ids).toEqual({ $1: id });
    if (engine === 'postgres') expect(summary).toMatchObject({ table: 'users', column: expect.any(String) });
    expect(line.length).toBeLessThan(4000);
  });

  it("the HTTP layer's default log line for a 500 carries the code and route, not the body's values", async () => {
    const crm = await createCrm({ config: demoConfig(), database: database() });
    const app = createHttpApi(crm, {
      routes: [
        defineRoute({
          method: 'post',
          path: '/api/test/failing-insert',
          tag: 'meta',
          auth: 'public',
          summary: 'A statement that fails, with personal data in its parameters',
          handler: async () => failingInsert(),
        }),
      ],
    });
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    const res = await app.request('/api/test/failing-insert', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(500);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^POST \/api\/test\/failing-insert → 500: /);
    expect(logged[0]).toContain(engine === 'postgres' ? 'code=23502' : 'code=SQLITE_CONSTRAINT');
    expect(logged[0]).toContain(id);
    for (const s of secrets) expect(logged[0]).not.toContain(s);
  });
});
