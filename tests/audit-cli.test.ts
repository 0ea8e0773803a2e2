/**
 * @module tests/audit-cli
 * `broker-crm audit verify` as a person runs it: exit 0 and the head line on an intact log, exit 1
 * naming the first broken entry's seq and id after a row was edited in the database file, and
 * exit 1 with the usage for an unknown subcommand.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeAudits } from '../core/audit/index.ts';
import { auditCommand } from '../core/cli/audit-verify.ts';
import { createCrm } from '../core/crm.ts';
import { freshDatabase } from './engines.ts';
import { demoConfig } from './fixtures/small-firm.ts';

let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase('libsql');
  const crm = await createCrm({ config: demoConfig(), database });
  const entries = Array.from({ length: 30 }, (_, i) => ({
    action: 'client.read',
    entity: 'client',
    entityId: `c-${i}`,
  }));
  await writeAudits(crm.system('cli-test'), entries);
});
afterAll(() => database?.drop());

const run = async (sub: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await auditCommand(
    sub,
    database.label,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
};

it('passes an intact log (exit 0) and names the first broken entry (exit 1)', async () => {
  const ok = await run('verify');
  expect(ok.code).toBe(0);
  expect(ok.out).toMatch(/^Audit log intact: 30 entries verified in \d+\.\d s\nChain head: seq 30, hash [0-9a-f]{64}/);
  const { db, t } = database;
  const [row] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 17));
  await db.update(t.auditLog).set({ actorId: 'u-someone-else' }).where(eq(t.auditLog.id, row!.id));
  const broken = await run('verify');
  expect(broken.code).toBe(1);
  expect(broken.err).toContain(
    `Audit log BROKEN at seq 17, id ${row!.id}: its contents do not match its hash (edited)`,
  );
  expect(broken.err).toContain('16 entries before it verified');
});

it('refuses an unknown subcommand with its usage', async () => {
  expect(await run('check')).toMatchObject({ code: 1, err: 'Usage: broker-crm audit verify [--database <url>]' });
});
