/**
 * @module org/last-admin.test
 * The firm keeps at least one active administrator (a user holding a role with `users:write`), on
 * both engines: disabling the last one, demoting them, or disabling yourself as the last one is a
 * 409 with `details.reason: 'last-admin'` and changes nothing; with a second administrator the same
 * changes pass; disabling yourself stays refused.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { createCrm, type Crm } from '../crm.ts';
import { fixedClock } from '../time/index.ts';
import { createUnit } from './units.ts';
import { adminRoles, createUser, getUser, setUserDisabled, updateUser, type User } from './users.ts';

describeEngines('org/last admin', (database) => {
  let crm: Crm;
  let first: User, second: User;
  const sys = () => crm.system('test');
  const lastAdmin = { code: 'conflict', details: { reason: 'last-admin' } };

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock: fixedClock('2026-03-02T09:00:00Z') });
    const hq = await createUnit(sys(), { code: 'HQ', name: 'Centrala', type: 'hq' });
    first = await createUser(sys(), { email: 'a1@example.pl', name: 'Admin 1', roles: ['admin'], unitId: hq.id });
    second = await createUser(sys(), {
      email: 'a2@example.pl',
      name: 'Admin 2',
      roles: ['admin', 'advisor'],
      unitId: hq.id,
    });
  });

  it('defines an administrator as a role granting users:write', () => {
    expect(adminRoles(crm.runtime)).toEqual(['admin']);
  });

  it('refuses to disable or demote the last active administrator, and allows it while another remains', async () => {
    const a1 = await crm.asUser(first.id);
    // Two administrators: the second may be demoted (keeping the advisor role).
    expect((await updateUser(a1, second.id, { roles: ['advisor'] })).roles).toEqual(['advisor']);
    // Now the first is the last one: nobody (not even the system) may disable or demote them.
    await expect(setUserDisabled(sys(), first.id, true)).rejects.toMatchObject(lastAdmin);
    await expect(updateUser(sys(), first.id, { roles: ['advisor'] })).rejects.toMatchObject(lastAdmin);
    await expect(setUserDisabled(a1, first.id, true)).rejects.toMatchObject(lastAdmin);
    const still = await getUser(sys(), first.id);
    expect(still).toMatchObject({ disabled: false, roles: ['admin'] });
    // Another administrator again: the first may be disabled by them, but never by themselves.
    await updateUser(a1, second.id, { roles: ['advisor', 'admin'] });
    await expect(setUserDisabled(a1, first.id, true)).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'self' },
    });
    const a2 = await crm.asUser(second.id);
    expect((await setUserDisabled(a2, first.id, true)).disabled).toBe(true);
    // A disabled administrator does not count: the second is now the last one.
    await expect(updateUser(a2, second.id, { roles: ['advisor'] })).rejects.toMatchObject(lastAdmin);
    expect((await setUserDisabled(a2, first.id, false)).disabled).toBe(false);
    // Changes that keep the admin role or touch a non-administrator pass.
    expect((await updateUser(a2, second.id, { roles: ['admin'] })).roles).toEqual(['admin']);
  });
});
