/**
 * @module access/actor.test
 * Who is acting: roles merge to the widest scope, an API key caps them, and an actor loaded from the
 * database carries the units, subtree and team its scopes need — dated, refreshed when the network
 * changes, and refused for a disabled user.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { createCrm, type Crm } from '../crm.ts';
import { createUnit, createUser, moveUser, setUserDisabled, type Unit, type User } from '../org/index.ts';
import { fixedClock } from '../time/index.ts';
import { loadActor, mergeScopes, rolePermissions, systemActor } from './actor.ts';
import { permissionCatalog } from './permissions.ts';

describe('mergeScopes', () => {
  it('keeps the widest linear scope, and referred beside it', () => {
    expect(mergeScopes(['own', 'unit', 'team'])).toEqual(['unit']);
    expect(mergeScopes(['subtree', 'all'])).toEqual(['all']);
    expect(mergeScopes(['referred', 'own'])).toEqual(['own', 'referred']);
    expect(mergeScopes(['referred'])).toEqual(['referred']);
    expect(mergeScopes([])).toEqual([]);
  });
});

describe('rolePermissions on the demo firm', () => {
  const config = demoConfig();

  it("gives each role its configured scope, and a person with two roles the wider one's", () => {
    expect(rolePermissions(config, ['advisor']).get('clients:read')).toEqual(['own']);
    expect(rolePermissions(config, ['advisor', 'branch-manager']).get('clients:read')).toEqual(['unit']);
    expect(rolePermissions(config, ['partner']).get('clients:read')).toEqual(['referred']);
    expect(rolePermissions(config, ['advisor']).has('users:write')).toBe(false);
  });

  it("caps by an API key's list: only listed permissions, never wider than the role", () => {
    const capped = rolePermissions(config, ['advisor'], ['clients:read', 'users:write']);
    expect([...capped.keys()]).toEqual(['clients:read']);
    expect(capped.get('clients:read')).toEqual(['own']);
  });

  it('gives an unknown role nothing', () => {
    expect(rolePermissions(config, ['no-such-role']).size).toBe(0);
  });
});

describe('systemActor', () => {
  it('holds every permission of the catalogue at scope all, and belongs to no one', () => {
    const sys = systemActor('cli');
    expect(sys).toMatchObject({ kind: 'system', name: 'cli', userId: null, partnerId: null });
    expect([...sys.permissions.keys()].sort()).toEqual(Object.keys(permissionCatalog).sort());
    for (const scopes of sys.permissions.values()) expect(scopes).toEqual(['all']);
  });
});

describeEngines('access/actor: loadActor', (database) => {
  let crm: Crm;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  let region: Unit, gdansk: Unit, gdynia: Unit;
  let director: User, senior: User, anna: User, piotr: User;

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock });
    const sys = crm.system('fixture');
    const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
    region = await createUnit(sys, { code: 'R-N', name: 'Region Północ', type: 'region', parentId: hq.id });
    gdansk = await createUnit(sys, { code: 'GDA', name: 'Gdańsk', type: 'own-branch', parentId: region.id });
    gdynia = await createUnit(sys, { code: 'GDY', name: 'Gdynia', type: 'own-branch', parentId: region.id });
    const user = (email: string, roles: string[], unitId: string, extra: object = {}) =>
      createUser(sys, { email, name: email, roles, unitId, ...extra });
    director = await user('dyrektor@example.pl', ['regional-director'], region.id);
    senior = await user('senior@example.pl', ['senior-advisor'], gdansk.id, { commissionGroup: 'advisor-senior' });
    anna = await user('anna@example.pl', ['advisor'], gdansk.id, {
      commissionGroup: 'advisor-junior',
      supervisorId: senior.id,
    });
    piotr = await user('piotr@example.pl', ['advisor'], gdynia.id, { commissionGroup: 'advisor-junior' });
  });

  const load = (u: User, options = {}) => loadActor(database(), crm.config, u.id, options);

  it("carries the user's units, the subtree below them, and the team of direct reports", async () => {
    const boss = (await load(director))!;
    expect([...boss.unitIds]).toEqual([region.id]);
    expect([...boss.subtreeUnitIds].sort()).toEqual([region.id, gdansk.id, gdynia.id].sort());
    expect([...boss.teamUserIds]).toEqual([director.id]);
    const lead = (await load(senior))!;
    expect([...lead.teamUserIds].sort()).toEqual([senior.id, anna.id].sort());
    expect([...lead.subtreeUnitIds]).toEqual([gdansk.id]);
    expect(lead).toMatchObject({ kind: 'user', userId: senior.id, roles: ['senior-advisor'] });
    expect(lead.permissions.get('clients:read')).toEqual(['team']);
  });

  it('answers for a given instant: a moved advisor belongs to the old branch before the move', async () => {
    const before = clock.now();
    clock.advance(24 * 3_600_000);
    // Loaded (and cached) just before the move: the move itself must refresh the place at once.
    expect([...(await load(piotr))!.unitIds]).toEqual([gdynia.id]);
    await moveUser(crm.system(), piotr.id, gdansk.id);
    expect([...(await load(piotr))!.unitIds]).toEqual([gdansk.id]);
    expect([...(await load(piotr, { at: before }))!.unitIds]).toEqual([gdynia.id]);
  });

  it("an API key's actor has the key's kind and only the capped permissions", async () => {
    const keyActor = (await load(anna, { kind: 'api-key', cap: ['clients:read'] }))!;
    expect(keyActor.kind).toBe('api-key');
    expect([...keyActor.permissions.keys()]).toEqual(['clients:read']);
  });

  it('returns null for a disabled user and for one who does not exist', async () => {
    expect(await load(anna)).not.toBeNull();
    await setUserDisabled(crm.system(), anna.id, true);
    expect(await load(anna)).toBeNull();
    expect(await loadActor(database(), crm.config, 'no-such-user')).toBeNull();
    await setUserDisabled(crm.system(), anna.id, false);
    expect(await load(anna)).not.toBeNull();
  });
});
