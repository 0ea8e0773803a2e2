import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { scopeCondition } from '../core/access/scope.ts';
import type { Ctx } from '../core/context.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

async function visibleClients(ctx: Ctx): Promise<string[]> {
  const { t } = ctx;
  const where = scopeCondition(ctx.actor, 'clients:read', {
    owner: t.clients.ownerId,
    unit: t.clients.unitId,
    partner: t.clients.partnerId,
  });
  const rows = await ctx.db.select({ id: t.clients.id }).from(t.clients).where(where);
  return rows.map((r) => r.id).sort();
}

describeEngines('access: the scoping function', (database) => {
  let f: SmallFirm;
  beforeAll(async () => {
    f = await smallFirm(database());
  });
  const ids = (pred: (c: SmallFirm['clients'][number]) => boolean) =>
    f.clients
      .filter(pred)
      .map((c) => c.id)
      .sort();

  it('an advisor (scope own) sees only the clients they own', async () => {
    const seen = await visibleClients(await f.crm.asUser(f.users.anna.id));
    expect(seen).toEqual(ids((c) => c.owner === f.users.anna.id));
    expect(seen).toHaveLength(4);
  });

  it("a senior advisor (scope team) sees their own and their direct reports' clients", async () => {
    const seen = await visibleClients(await f.crm.asUser(f.users.senior.id));
    expect(seen).toEqual(ids((c) => c.owner === f.users.senior.id || c.owner === f.users.anna.id));
  });

  it('a branch manager (scope unit) sees every client of their branch and none elsewhere', async () => {
    const seen = await visibleClients(await f.crm.asUser(f.users.manager.id));
    expect(seen).toEqual(ids((c) => c.unit === f.units.gdansk.id));
    expect(seen).not.toContain(f.clients.find((c) => c.unit === f.units.gdynia.id)!.id);
  });

  it("a regional director (scope subtree) sees their region's branches, not the other region", async () => {
    const seen = await visibleClients(await f.crm.asUser(f.users.director.id));
    expect(seen).toEqual(ids((c) => c.unit === f.units.gdansk.id || c.unit === f.units.gdynia.id));
    expect(seen).toHaveLength(8);
  });

  it('an admin (scope all) sees every client', async () => {
    expect(await visibleClients(await f.crm.asUser(f.users.admin.id))).toEqual(ids(() => true));
  });

  it('a partner (scope referred) sees only the clients it referred', async () => {
    const seen = await visibleClients(await f.crm.asUser(f.users.partner.id));
    expect(seen).toEqual(ids((c) => c.partnerId === f.partnerId));
    expect(seen).toHaveLength(3);
  });

  it('combines with other conditions and refuses an actor without the permission', async () => {
    const ctx = await f.crm.asUser(f.users.manager.id);
    const { t } = ctx;
    const where = scopeCondition(ctx.actor, 'clients:read', { owner: t.clients.ownerId, unit: t.clients.unitId });
    const rows = await ctx.db
      .select({ id: t.clients.id })
      .from(t.clients)
      .where(and(where, eq(t.clients.ownerId, f.users.senior.id)));
    expect(rows).toHaveLength(2);
    const analystless = await f.crm.asUser(f.users.anna.id);
    expect(() => scopeCondition(analystless.actor, 'clients:export', { owner: t.clients.ownerId })).toThrow(
      /clients:export/,
    );
  });

  it("follows a move: a branch moved to the other region leaves the director's view", async () => {
    const { moveUnit } = await import('../core/org/units.ts');
    await moveUnit(f.crm.system(), f.units.gdynia.id, f.units.south.id);
    const seen = await visibleClients(await f.crm.asUser(f.users.director.id));
    expect(seen).toEqual(ids((c) => c.unit === f.units.gdansk.id));
    await moveUnit(f.crm.system(), f.units.gdynia.id, f.units.north.id);
  });
});
