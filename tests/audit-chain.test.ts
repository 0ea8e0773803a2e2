/**
 * @module tests/audit-chain
 * The hash-chained audit log on both engines: entries written alone, in a transaction, in a batch
 * and from the read buffer form one chain that `verifyAuditChain` passes; an edited, a deleted, a
 * reordered and an inserted row (tampered in the database directly) are each named with their seq
 * and id, and the chain verifies again once the row is put back; concurrent writers (transactions
 * in parallel, several database connections on PostgreSQL) still form one chain; a rolled-back
 * transaction leaves no entry.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { bufferAudit, flushBuffered, verifyAuditChain, writeAudit, writeAudits } from '../core/audit/index.ts';
import { inTransaction } from '../core/context.ts';
import { createCrm, type Crm } from '../core/crm.ts';
import { fixedClock } from '../core/time/index.ts';
import { describeEngines, withDatabaseName } from './engines.ts';
import { demoConfig } from './fixtures/small-firm.ts';

describeEngines('audit chain', (database, engine) => {
  let crm: Crm;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const rows = () => database().db.select().from(database().t.auditLog).orderBy(asc(database().t.auditLog.seq));

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock });
    const sys = crm.system('audit-test');
    await writeAudit(sys, { action: 'unit.create', entity: 'unit', entityId: 'u-1', data: { name: 'HQ', n: 1.5 } });
    await inTransaction(sys, async (tx) => {
      await writeAudit(tx, { action: 'client.update', entity: 'client', entityId: 'c-1', data: { fields: ['a'] } });
      await writeAudits(
        tx,
        Array.from({ length: 1200 }, (_, i) => ({ action: 'client.create', entity: 'client', entityId: `c-${i}` })),
      );
    });
    bufferAudit(sys, { action: 'client.read', entity: 'client', entityId: 'c-7' });
    bufferAudit(sys, { action: 'client.list', entity: 'client', data: { count: 50, filters: { b: 1, a: 2 } } });
    await flushBuffered(crm.database);
  });

  it('chains every entry in order and verifies the intact chain', async () => {
    const all = await rows();
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 1204 }, (_, i) => i + 1));
    expect(all.slice(1).every((r, i) => r.prevHash === all[i]!.hash)).toBe(true);
    expect(all.find((r) => r.action === 'client.read')).toMatchObject({ clientId: 'c-7', entityId: 'c-7' });
    const r = await verifyAuditChain(database(), { pageSize: 100 });
    expect(r).toMatchObject({ ok: true, entries: 1204, head: { seq: 1204, hash: all.at(-1)!.hash } });
  });

  it('names an edited row, and passes again once it is put back', async () => {
    const { db, t } = database();
    const [victim] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 600));
    await db
      .update(t.auditLog)
      .set({ data: { fields: ['forged'] } })
      .where(eq(t.auditLog.id, victim!.id));
    const r = await verifyAuditChain(database(), { pageSize: 250 });
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ seq: 600, id: victim!.id });
    expect(r.broken!.reason).toMatch(/edited/);
    await db.update(t.auditLog).set({ data: victim!.data }).where(eq(t.auditLog.id, victim!.id));
    expect((await verifyAuditChain(database())).ok).toBe(true);
  });

  it('names the entry after a deleted row, and a deleted last row', async () => {
    const { db, t } = database();
    const [gone] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 300));
    const [next] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 301));
    await db.delete(t.auditLog).where(eq(t.auditLog.id, gone!.id));
    const r = await verifyAuditChain(database(), { pageSize: 250 });
    expect(r.broken).toMatchObject({ seq: 301, id: next!.id });
    expect(r.broken!.reason).toMatch(/entry 300 is missing/);
    await db.insert(t.auditLog).values(gone!);
    expect((await verifyAuditChain(database())).ok).toBe(true);

    const [last] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 1204));
    await db.delete(t.auditLog).where(eq(t.auditLog.id, last!.id));
    const end = await verifyAuditChain(database());
    expect(end.ok).toBe(false);
    expect(end.broken!.reason).toMatch(/ends at entry 1203 but its head says 1204/);
    await db.insert(t.auditLog).values(last!);
  });

  it('names a reordered pair (seq numbers swapped) at its first entry', async () => {
    const { db, t } = database();
    const [a] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 10));
    const [b] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 11));
    const swap = async (x: number, y: number) => {
      await db.update(t.auditLog).set({ seq: -1 }).where(eq(t.auditLog.id, a!.id));
      await db.update(t.auditLog).set({ seq: x }).where(eq(t.auditLog.id, b!.id));
      await db.update(t.auditLog).set({ seq: y }).where(eq(t.auditLog.id, a!.id));
    };
    await swap(10, 11);
    const r = await verifyAuditChain(database());
    expect(r.broken).toMatchObject({ seq: 10, id: b!.id });
    await swap(11, 10);
    expect((await verifyAuditChain(database())).ok).toBe(true);
  });

  it('names a row inserted by hand, chained or not', async () => {
    const { db, t } = database();
    const [tail] = await db.select().from(t.auditLog).where(eq(t.auditLog.seq, 1204));
    const forged = { ...tail!, id: 'forged-1', seq: 1205, prevHash: tail!.hash, hash: 'f'.repeat(64) };
    await db.insert(t.auditLog).values(forged);
    expect((await verifyAuditChain(database())).broken).toMatchObject({ seq: 1205, id: 'forged-1' });
    await db.update(t.auditLog).set({ seq: null, prevHash: null, hash: null }).where(eq(t.auditLog.id, 'forged-1'));
    const loose = await verifyAuditChain(database());
    expect(loose.broken).toMatchObject({ seq: null, id: 'forged-1' });
    expect(loose.broken!.reason).toMatch(/outside the chain/);
    await db.delete(t.auditLog).where(eq(t.auditLog.id, 'forged-1'));
    expect((await verifyAuditChain(database())).ok).toBe(true);
  });

  it('leaves no entry for a rolled-back transaction or savepoint', async () => {
    const sys = crm.system('audit-test');
    await expect(
      inTransaction(sys, async (tx) => {
        await writeAudit(tx, { action: 'test.rolled-back', entity: 'test' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await inTransaction(sys, async (tx) => {
      await writeAudit(tx, { action: 'test.kept', entity: 'test' });
      await inTransaction(tx, async (sp) => writeAudit(sp, { action: 'test.kept-savepoint', entity: 'test' }));
      await inTransaction(tx, async (sp) => {
        await writeAudit(sp, { action: 'test.rolled-back', entity: 'test' });
        throw new Error('savepoint');
      }).catch(() => undefined);
    });
    const { db, t } = database();
    const tests = await db.select().from(t.auditLog).where(eq(t.auditLog.entity, 'test'));
    expect(tests.map((r) => r.action).sort()).toEqual(['test.kept', 'test.kept-savepoint']);
    expect((await verifyAuditChain(database())).ok).toBe(true);
  });

  it('forms one chain from concurrent writers (another instance too on PostgreSQL)', async () => {
    const before = (await rows()).length;
    // On PostgreSQL the transactions run at once on the pool's connections, and a second instance
    // (its own pool) writes too; on libsql this process's writers queue for the one write lock.
    let second = crm;
    if (engine === 'postgres') {
      const [{ name }] = (await database().raw('SELECT current_database() AS name')) as [{ name: string }];
      const url = withDatabaseName(process.env.CRM_TEST_POSTGRES_URL!, name);
      second = await createCrm({ config: demoConfig(), database: url, clock });
    }
    const writers: Promise<unknown>[] = Array.from({ length: 12 }, (_, i) =>
      inTransaction((i % 2 ? second : crm).system(`writer-${i}`), async (tx) => {
        await tx.db.select().from(tx.t.units).limit(1);
        await writeAudit(tx, { action: 'test.concurrent', entity: 'test', entityId: `w-${i}` });
        const batch = Array.from({ length: 20 }, (_, j) => ({
          action: 'test.batch',
          entity: 'test',
          entityId: `${j}`,
        }));
        await writeAudits(tx, batch);
      }),
    );
    for (let i = 0; i < 8; i++)
      writers.push(writeAudit(second.system('alone'), { action: 'test.alone', entity: 'test', entityId: `${i}` }));
    await Promise.all(writers);
    if (second !== crm) await second.close();
    const after = await rows();
    expect(after.length).toBe(before + 12 * 21 + 8);
    expect(await verifyAuditChain(database())).toMatchObject({ ok: true, entries: after.length });
  });
});
