/**
 * @module audit/log.test
 * The audit log on both engines: each entry records who (the acting user), what, on which record
 * and when (the runtime's clock), and says when it came through an API key or the system.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { systemActor, type Actor } from '../access/index.ts';
import { createCrm, type Crm } from '../crm.ts';
import { fixedClock } from '../time/index.ts';
import { writeAudit } from './log.ts';

describeEngines('audit/log', (database) => {
  let crm: Crm;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const user: Actor = { ...systemActor(), kind: 'user', userId: 'u-anna', name: 'Anna' };

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock });
  });

  const entriesFor = async (entityId: string) => {
    const { db, t } = database();
    return db.select().from(t.auditLog).where(eq(t.auditLog.entityId, entityId));
  };

  it("records the acting user, the action, the record and the clock's time", async () => {
    await writeAudit(crm.as(user), {
      action: 'unit.move',
      entity: 'unit',
      entityId: 'unit-1',
      data: { from: 'r-1', to: 'r-2' },
    });
    const [row] = await entriesFor('unit-1');
    expect(row).toMatchObject({
      actorId: 'u-anna',
      action: 'unit.move',
      entity: 'unit',
      entityId: 'unit-1',
      data: { from: 'r-1', to: 'r-2' },
    });
    expect(row!.at.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('marks entries made through an API key or by the system, and keeps every entry', async () => {
    clock.advance(60_000);
    await writeAudit(crm.as({ ...user, kind: 'api-key' }), {
      action: 'client.update',
      entity: 'client',
      entityId: 'c-1',
    });
    await writeAudit(crm.system('nightly'), { action: 'client.update', entity: 'client', entityId: 'c-1' });
    const rows = await entriesFor('c-1');
    expect(rows.map((r) => [r.actorId, r.data]).sort()).toEqual(
      [
        ['u-anna', { via: 'api-key' }],
        [null, { via: 'system' }],
      ].sort(),
    );
  });
});
