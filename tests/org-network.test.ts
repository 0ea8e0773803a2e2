import { beforeAll, expect, it } from 'vitest';
import { listUnits, moveUnit, createUnit, unitTree } from '../core/org/units.ts';
import { membershipsOf, moveUser, unitOfUser, listUsers } from '../core/org/users.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('org: branch network and dated memberships', (database) => {
  let f: SmallFirm;
  beforeAll(async () => {
    f = await smallFirm(database());
  });

  it("keeps a moved advisor's past membership, so past work stays with the old branch", async () => {
    const sys = f.crm.system();
    const before = f.clock.now();
    f.clock.advance(24 * 3_600_000);
    await moveUser(sys, f.users.anna.id, f.units.krakow.id, { note: 'Przeniesienie do Krakowa' });
    const history = await membershipsOf(sys, f.users.anna.id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ unitId: f.units.krakow.id, validTo: null, note: 'Przeniesienie do Krakowa' });
    expect(history[1]).toMatchObject({ unitId: f.units.gdansk.id });
    expect(history[1]!.validTo!.getTime()).toBe(history[0]!.validFrom.getTime());
    expect(await unitOfUser(sys, f.users.anna.id, before)).toBe(f.units.gdansk.id);
    expect(await unitOfUser(sys, f.users.anna.id)).toBe(f.units.krakow.id);
  });

  it("scopes follow the move: neither the old branch manager nor the new region's director sees him", async () => {
    const managerView = (await listUsers(await f.crm.asUser(f.users.manager.id))).map((u) => u.id);
    expect(managerView).not.toContain(f.users.anna.id);
    const anna = await f.crm.asUser(f.users.anna.id);
    expect([...anna.actor.unitIds]).toEqual([f.units.krakow.id]);
  });

  it('moves a region with its branches; "unit and everything below" stays one range query', async () => {
    const sys = f.crm.system();
    const east = await createUnit(sys, { code: 'R-E', name: 'Region Wschód', type: 'region', parentId: f.units.hq.id });
    // A region cannot contain a region in the demo config.
    await expect(moveUnit(sys, f.units.north.id, east.id)).rejects.toMatchObject({ code: 'invalid' });
    await moveUnit(sys, f.units.gdynia.id, east.id);
    const under = (await listUnits(sys, { under: east.id })).map((u) => u.code);
    expect(under.sort()).toEqual(['GDY-1', 'R-E']);
    const [root] = unitTree(await listUnits(sys));
    expect(root!.children.map((c) => c.code).sort()).toEqual(['R-E', 'R-N', 'R-S']);
    for (const u of await listUnits(sys)) {
      const parent = (await listUnits(sys)).find((p) => p.id === u.parentId);
      expect(u.path).toBe(`${parent?.path ?? '/'}${u.id}/`);
    }
  });

  it('refuses a unit type its parent may not contain, and a second root', async () => {
    const sys = f.crm.system();
    await expect(
      createUnit(sys, { code: 'X-1', name: 'Oddział bez regionu', type: 'own-branch', parentId: f.units.hq.id }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(createUnit(sys, { code: 'X-2', name: 'Druga centrala', type: 'own-branch' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(createUnit(sys, { code: 'HQ', name: 'Duplikat', type: 'hq' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
