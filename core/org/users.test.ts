/**
 * @module org/users.test
 * People in the network on both engines: e-mails normalised and unique, roles and references checked
 * against the config, dated memberships (a move closes the old one at the instant the new one opens),
 * who may see whom, and that nobody disables themselves.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { createCrm, type Crm } from '../crm.ts';
import { fixedClock } from '../time/index.ts';
import { createUnit, type Unit } from './units.ts';
import { createUser, getUser, listUsers, membershipsOf, moveUser, setUserDisabled, unitOfUser } from './users.ts';

describeEngines('org/users', (database) => {
  let crm: Crm;
  let region: Unit, gdansk: Unit, gdynia: Unit;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const sys = () => crm.system('test');
  const advisor = (email: string, unitId: string) =>
    createUser(sys(), { email, name: email, roles: ['advisor'], unitId, commissionGroup: 'advisor-junior' });

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock });
    const hq = await createUnit(sys(), { code: 'HQ', name: 'Centrala', type: 'hq' });
    region = await createUnit(sys(), { code: 'R-N', name: 'Północ', type: 'region', parentId: hq.id });
    gdansk = await createUnit(sys(), { code: 'GDA', name: 'Gdańsk', type: 'own-branch', parentId: region.id });
    gdynia = await createUnit(sys(), { code: 'GDY', name: 'Gdynia', type: 'own-branch', parentId: region.id });
  });

  it('stores the e-mail trimmed and lower-cased, and refuses the same address in another case', async () => {
    const anna = await advisor('  Anna.Nowak@Example.PL ', gdansk.id);
    expect(anna).toMatchObject({ email: 'anna.nowak@example.pl', unitId: gdansk.id, disabled: false });
    await expect(advisor('ANNA.NOWAK@example.pl', gdynia.id)).rejects.toMatchObject({
      code: 'conflict',
      details: { field: '/email' },
    });
  });

  it('refuses unknown roles and commission groups (naming where they stand) and a short password', async () => {
    const base = { email: 'x@example.pl', name: 'X', unitId: gdansk.id };
    await expect(createUser(sys(), { ...base, roles: ['advisor', 'wizard'] })).rejects.toMatchObject({
      code: 'invalid',
      details: { problems: [{ path: '/roles/1', message: expect.stringContaining('"wizard"') }] },
    });
    await expect(createUser(sys(), { ...base, roles: ['advisor'], commissionGroup: 'gold' })).rejects.toMatchObject({
      details: { problems: [{ path: '/commissionGroup' }] },
    });
    const short = 'x'.repeat(crm.config.security.passwordMinLength - 1);
    await expect(createUser(sys(), { ...base, roles: ['advisor'], password: short })).rejects.toMatchObject({
      details: { problems: [{ path: '/password' }] },
    });
  });

  it('moves a user with dated memberships: the old one ends at the instant the new one starts', async () => {
    const piotr = await advisor('piotr@example.pl', gdynia.id);
    const before = clock.now();
    clock.advance(7 * 24 * 3_600_000);
    await moveUser(sys(), piotr.id, gdansk.id, { note: 'Przeniesienie' });
    const [now, then] = await membershipsOf(sys(), piotr.id);
    expect(now).toMatchObject({ unitId: gdansk.id, validTo: null, note: 'Przeniesienie' });
    expect(then!.unitId).toBe(gdynia.id);
    expect(then!.validTo!.getTime()).toBe(now!.validFrom.getTime());
    expect(await unitOfUser(sys(), piotr.id, before)).toBe(gdynia.id);
    expect(await unitOfUser(sys(), piotr.id)).toBe(gdansk.id);
    await expect(moveUser(sys(), piotr.id, gdansk.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it("shows a branch manager the people of the branch only, and a regional director the region's", async () => {
    const manager = await createUser(sys(), {
      email: 'kierownik@example.pl',
      name: 'Kierownik',
      roles: ['branch-manager'],
      unitId: gdynia.id,
    });
    const director = await createUser(sys(), {
      email: 'dyrektor@example.pl',
      name: 'Dyrektor',
      roles: ['regional-director'],
      unitId: region.id,
    });
    const ewa = await advisor('ewa@example.pl', gdynia.id);
    const emails = async (userId: string) => (await listUsers(await crm.asUser(userId))).map((u) => u.email).sort();
    expect(await emails(manager.id)).toEqual(['ewa@example.pl', 'kierownik@example.pl']);
    expect(await emails(director.id)).toEqual([
      'anna.nowak@example.pl',
      'dyrektor@example.pl',
      'ewa@example.pl',
      'kierownik@example.pl',
      'piotr@example.pl',
    ]);
    const anna = (await listUsers(sys())).find((u) => u.email === 'anna.nowak@example.pl')!;
    await expect(getUser(await crm.asUser(manager.id), anna.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getUser(await crm.asUser(manager.id), ewa.id)).email).toBe('ewa@example.pl');
  });

  it('lets an administrator disable and re-enable a user, but not themselves', async () => {
    const admin = await createUser(sys(), { email: 'admin@example.pl', name: 'Admin', roles: ['admin'] });
    const ewa = (await listUsers(sys())).find((u) => u.email === 'ewa@example.pl')!;
    const ctx = await crm.asUser(admin.id);
    expect((await setUserDisabled(ctx, ewa.id, true)).disabled).toBe(true);
    await expect(crm.asUser(ewa.id)).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await setUserDisabled(ctx, ewa.id, false)).disabled).toBe(false);
    await expect(setUserDisabled(ctx, admin.id, true)).rejects.toMatchObject({ code: 'conflict' });
  });
});
