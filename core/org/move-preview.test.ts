/**
 * @module org/move-preview.test
 * The network screen's numbers on both engines: per-unit people and clients, the preview of a move
 * (subtree counts, old and new paths, whose `subtree` scopes gain or lose the units — and after the
 * move the gaining director really sees them), limited to what the caller may see; and every change
 * to the network (create, rename, move, archive) in the audit log with who did it and what changed.
 */
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { smallFirm, type SmallFirm } from '../../tests/fixtures/small-firm.ts';
import { systemActor, type Actor } from '../access/index.ts';
import { listClients } from '../clients/index.ts';
import { archiveUnit, createUnit, createUser, moveUnit, previewUnitMove, unitCounts, updateUnit } from './index.ts';

describeEngines('org/move-preview', (database) => {
  let firm: SmallFirm;
  let southDirector: { id: string };
  beforeAll(async () => {
    firm = await smallFirm(database());
    southDirector = await createUser(firm.crm.system('test'), {
      email: 'dyrektor.poludnie@kredyt-dom.pl',
      name: 'Barbara Południowa',
      roles: ['regional-director'],
      unitId: firm.units.south.id,
    });
  });
  const admin = () => firm.crm.asUser(firm.users.admin.id);

  it('counts the people and clients each unit holds directly', async () => {
    const counts = new Map((await unitCounts(await admin())).map((c) => [c.unitId, c]));
    const { gdansk, gdynia, krakow, north } = firm.units;
    expect(counts.get(gdansk.id)).toEqual({ unitId: gdansk.id, people: 3, clients: 6 });
    expect(counts.get(gdynia.id)).toEqual({ unitId: gdynia.id, people: 1, clients: 2 });
    expect(counts.get(krakow.id)).toEqual({ unitId: krakow.id, people: 1, clients: 4 });
    expect(counts.get(north.id)).toEqual({ unitId: north.id, people: 1, clients: 0 });
    // A branch manager counts only the clients of their own unit.
    const manager = new Map((await unitCounts(await firm.crm.asUser(firm.users.manager.id))).map((c) => [c.unitId, c]));
    expect(manager.get(gdansk.id)?.clients).toBe(6);
    expect(manager.get(krakow.id)?.clients ?? 0).toBe(0);
  });

  it('previews a branch moving to another region: counts, paths, and the directors who gain and lose it', async () => {
    const { gdynia, south } = firm.units;
    const p = await previewUnitMove(await admin(), gdynia.id, south.id);
    expect(p).toMatchObject({ units: 1, people: 1, clients: 2, same: false });
    expect(p.from.map((s) => s.code)).toEqual(['HQ', 'R-N']);
    expect(p.to.map((s) => s.code)).toEqual(['HQ', 'R-S']);
    expect(p.lost.map((c) => [c.name, c.unitName])).toEqual([['Zbigniew Wiśniewski', 'Region Północ']]);
    expect(p.gained.map((c) => [c.name, c.unitName])).toEqual([['Barbara Południowa', 'Region Południe']]);
    expect(p.gained[0]!.permissions).toContain('clients:read');

    // The preview changed nothing; the move does what it said.
    const before = await firm.crm.asUser(southDirector.id);
    expect((await listClients(before, { unitId: gdynia.id })).items).toHaveLength(0);
    await moveUnit(await admin(), gdynia.id, south.id);
    const after = await firm.crm.asUser(southDirector.id);
    expect((await listClients(after, { unitId: gdynia.id })).items).toHaveLength(2);
    const north = await firm.crm.asUser(firm.users.director.id);
    expect((await listClients(north, { unitId: gdynia.id })).items).toHaveLength(0);
    await moveUnit(await admin(), gdynia.id, firm.units.north.id);
  });

  it('refuses a move under its own descendant as the move would (409, reason own-descendant)', async () => {
    const { north, gdansk } = firm.units;
    await expect(previewUnitMove(await admin(), north.id, gdansk.id)).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'own-descendant', field: '/parentId' },
    });
    await expect(
      previewUnitMove(await firm.crm.asUser(firm.users.director.id), gdansk.id, north.id),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('counts only what the caller may see', async () => {
    const narrow: Actor = {
      ...systemActor(),
      kind: 'user',
      userId: 'u-narrow',
      unitIds: new Set([firm.units.krakow.id]),
      permissions: new Map([
        ['units:read', ['all']],
        ['units:write', ['all']],
        ['clients:read', ['unit']],
      ]),
    };
    const p = await previewUnitMove(firm.crm.as(narrow), firm.units.gdynia.id, firm.units.south.id);
    expect(p).toMatchObject({ people: null, clients: 0, gained: [], lost: [] });
  });

  it('writes create, rename, move and archive to the audit log with the admin and what changed', async () => {
    const ctx = await admin();
    const unit = await createUnit(ctx, {
      code: 'SOP-1',
      name: 'Sopot',
      type: 'own-branch',
      parentId: firm.units.north.id,
    });
    await updateUnit(ctx, unit.id, { name: 'Sopot Monte Cassino', code: 'SOP-2' });
    await moveUnit(ctx, unit.id, firm.units.south.id);
    await expect(archiveUnit(ctx, firm.units.gdynia.id)).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'not-empty', units: [], people: 1, clients: 2 },
    });
    await expect(archiveUnit(ctx, firm.units.north.id)).rejects.toMatchObject({
      details: { reason: 'not-empty', units: [{ name: 'Gdańsk Wrzeszcz' }, { name: 'Gdynia Centrum' }] },
    });
    await archiveUnit(ctx, unit.id);
    const { db, t } = database();
    const rows = await db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.entity, 'unit'), eq(t.auditLog.entityId, unit.id)))
      .orderBy(asc(t.auditLog.seq));
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ['unit.create', firm.users.admin.id],
      ['unit.update', firm.users.admin.id],
      ['unit.move', firm.users.admin.id],
      ['unit.archive', firm.users.admin.id],
    ]);
    expect(rows[1]!.data).toEqual({
      before: { name: 'Sopot', code: 'SOP-1' },
      after: { name: 'Sopot Monte Cassino', code: 'SOP-2' },
    });
    expect(rows[2]!.data).toEqual({ code: 'SOP-2', from: firm.units.north.id, to: firm.units.south.id });
    expect(rows[3]!.data).toEqual({ code: 'SOP-2', name: 'Sopot Monte Cassino' });
  });
});
