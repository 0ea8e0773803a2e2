import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { inTransaction } from '../core/context.ts';
import { createUnit } from '../core/org/units.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('storage: concurrent writers in one process', (database) => {
  let f: SmallFirm;
  beforeAll(async () => {
    f = await smallFirm(database());
  });

  it('queues write transactions and lone writes instead of deadlocking or failing "database is locked"', async () => {
    const sys = f.crm.system();
    const { db, t } = sys;
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 15; i++) {
      work.push(
        createUnit(sys, { code: `C-${i}`, name: `Oddział ${i}`, type: 'own-branch', parentId: f.units.north.id }),
      );
      // A lone write outside any transaction, racing the transactions above.
      work.push(
        db
          .update(t.users)
          .set({ phone: `+48600000${String(i).padStart(3, '0')}` })
          .where(eq(t.users.id, f.users.anna.id)),
      );
      // A transaction that holds the lock across an await.
      work.push(
        inTransaction(sys, async (tx) => {
          await tx.db
            .update(tx.t.units)
            .set({ city: `Miasto ${i}` })
            .where(eq(tx.t.units.id, f.units.gdansk.id));
          await new Promise((r) => setTimeout(r, 2));
          await tx.db
            .update(tx.t.units)
            .set({ city: `Miasto ${i}` })
            .where(eq(tx.t.units.id, f.units.gdynia.id));
        }),
      );
    }
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const units = await db.select().from(t.units);
    expect(units.filter((u) => u.code.startsWith('C-'))).toHaveLength(15);
    const [gda] = units.filter((u) => u.id === f.units.gdansk.id);
    const [gdy] = units.filter((u) => u.id === f.units.gdynia.id);
    expect(gda!.city).toBe(gdy!.city);
  });
});
