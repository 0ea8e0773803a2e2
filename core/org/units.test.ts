/**
 * @module org/units.test
 * The branch network on both engines: a unit's materialized path, the containment rules of the
 * config, unique codes, moves that carry the whole subtree (and never under itself), archiving, and
 * "this unit and everything below" as one range that a neighbour with a similar path stays out of.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { systemActor, type Actor } from '../access/index.ts';
import { createCrm, type Crm } from '../crm.ts';
import { fixedClock } from '../time/index.ts';
import { childPath, depthOf, inSubtree, isWithin } from './path.ts';
import { archiveUnit, createUnit, listUnits, moveUnit, unitTree, type Unit } from './units.ts';

describe('org/path', () => {
  it('builds a path from the parent path and the id, and reads depth and ancestry from it', () => {
    expect(childPath(null, 'a')).toBe('/a/');
    expect(childPath('/a/', 'b')).toBe('/a/b/');
    expect(depthOf('/a/')).toBe(1);
    expect(depthOf('/a/b/c/')).toBe(3);
    expect(isWithin('/a/b/c/', '/a/b/')).toBe(true);
    expect(isWithin('/a/bc/', '/a/b/')).toBe(false);
  });
});

describeEngines('org/units', (database) => {
  let crm: Crm;
  let hq: Unit, north: Unit, south: Unit, gdansk: Unit;
  const sys = () => crm.system('test');

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock: fixedClock('2026-03-02T09:00:00Z') });
    hq = await createUnit(sys(), { code: 'HQ', name: 'Centrala', type: 'hq' });
    north = await createUnit(sys(), { code: 'R-N', name: 'Północ', type: 'region', parentId: hq.id });
    south = await createUnit(sys(), { code: 'R-S', name: 'Południe', type: 'region', parentId: hq.id });
    gdansk = await createUnit(sys(), { code: 'GDA', name: 'Gdańsk', type: 'own-branch', parentId: north.id });
  });

  it("writes each unit's path as its parent's path and its own id", () => {
    expect(hq.path).toBe(`/${hq.id}/`);
    expect(north.path).toBe(`${hq.path}${north.id}/`);
    expect(gdansk.path).toBe(`${north.path}${gdansk.id}/`);
    expect(gdansk.parentId).toBe(north.id);
  });

  it('refuses what the config forbids: a type its parent may not contain, a second root, a taken code', async () => {
    await expect(
      createUnit(sys(), { code: 'X-1', name: 'Oddział w centrali', type: 'own-branch', parentId: hq.id }),
    ).rejects.toMatchObject({ code: 'invalid', details: { problems: [{ path: '/parentId' }] } });
    await expect(createUnit(sys(), { code: 'X-2', name: 'Region bez centrali', type: 'region' })).rejects.toMatchObject(
      { code: 'invalid' },
    );
    await expect(
      createUnit(sys(), { code: 'X-3', name: 'Nieznany', type: 'kiosk', parentId: north.id }),
    ).rejects.toMatchObject({ code: 'invalid', details: { problems: [{ path: '/type' }] } });
    await expect(
      createUnit(sys(), { code: 'GDA', name: 'Drugi Gdańsk', type: 'own-branch', parentId: north.id }),
    ).rejects.toMatchObject({ code: 'conflict', details: { field: '/code' } });
  });

  it('selects a unit and all below it as one range, not a neighbour whose path shares a prefix', async () => {
    const { db, t } = database();
    // A sibling whose id extends gdansk's id: its path starts with gdansk's id, but not with its path.
    const twinId = `${gdansk.id}0`;
    const now = new Date();
    await db.insert(t.units).values({
      ...{ code: 'TWIN', name: 'Bliźniak', type: 'own-branch', parentId: north.id, groups: [], city: null },
      ...{ id: twinId, path: childPath(north.path, twinId), createdAt: now, updatedAt: now, archivedAt: null },
    });
    const under = async (u: Unit) =>
      (await db.select({ code: t.units.code }).from(t.units).where(inSubtree(t.units.path, u.path)))
        .map((r) => r.code)
        .sort();
    expect(await under(gdansk)).toEqual(['GDA']);
    expect(await under(north)).toEqual(['GDA', 'R-N', 'TWIN']);
    await archiveUnit(sys(), twinId);
  });

  it('moves a unit with its whole subtree and rewrites every path below it', async () => {
    const branch = await createUnit(sys(), { code: 'GDY', name: 'Gdynia', type: 'own-branch', parentId: north.id });
    const moved = await moveUnit(sys(), north.id, hq.id); // same parent: nothing to do
    expect(moved.path).toBe(north.path);
    const region = await createUnit(sys(), { code: 'R-W', name: 'Wschód', type: 'region', parentId: hq.id });
    await moveUnit(sys(), branch.id, region.id);
    const byCode = new Map((await listUnits(sys())).map((u) => [u.code, u]));
    expect(byCode.get('GDY')!.path).toBe(`${region.path}${branch.id}/`);
    expect(byCode.get('GDY')!.parentId).toBe(region.id);
    const [root] = unitTree([...byCode.values()].filter((u) => !u.archivedAt));
    expect(root!.code).toBe('HQ');
    expect(root!.children.map((c) => c.code)).toEqual(['R-S', 'R-N', 'R-W']); // by Polish name
  });

  it('refuses to move a unit under itself or below it, and under a parent that may not contain it', async () => {
    await expect(moveUnit(sys(), north.id, gdansk.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(moveUnit(sys(), north.id, north.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(moveUnit(sys(), north.id, south.id)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses to archive a unit with units below it or people in it', async () => {
    await expect(archiveUnit(sys(), north.id)).rejects.toMatchObject({ code: 'conflict' });
    const empty = await createUnit(sys(), { code: 'EMPTY', name: 'Pusty', type: 'own-branch', parentId: south.id });
    expect((await archiveUnit(sys(), empty.id)).archivedAt).not.toBeNull();
  });

  it('lets only holders of units:write change the network, within their scope', async () => {
    const noWrite: Actor = {
      ...systemActor(),
      kind: 'user',
      userId: 'u-1',
      permissions: new Map([['units:read', ['all']]]),
    };
    await expect(
      createUnit(crm.as(noWrite), { code: 'NO', name: 'Nie', type: 'own-branch', parentId: south.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const regional: Actor = {
      ...noWrite,
      unitIds: new Set([north.id]),
      permissions: new Map([
        ['units:read', ['all']],
        ['units:write', ['subtree']],
      ]),
    };
    const mine = await createUnit(crm.as(regional), {
      code: 'SOP',
      name: 'Sopot',
      type: 'own-branch',
      parentId: north.id,
    });
    expect(mine.parentId).toBe(north.id);
    await expect(
      createUnit(crm.as(regional), { code: 'KRK', name: 'Kraków', type: 'own-branch', parentId: south.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
