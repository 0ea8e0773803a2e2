/**
 * @module auth/session-cache.test
 * The session/actor cache on both engines: a resolved session is reused for a few seconds (a change
 * written behind the CRM's back shows only when the cache is told), and everything the CRM itself
 * does that changes who may act — sign-out, disabling, a password reset, a role change, a move to
 * another unit — reaches a cached session at once.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { createCrm, type Crm } from '../crm.ts';
import { createUnit, createUser, moveUser, setPassword, setUserDisabled, updateUser, type Unit } from '../org/index.ts';
import { fixedClock } from '../time/index.ts';
import { resolveSession, signOut } from './resolve-session.ts';
import { forgetAll, forgetSession, forgetUser } from './session-cache.ts';
import { signIn } from './sessions.ts';
import { digest } from './tokens.ts';

const PASSWORD = 'tajne-haslo-123';

describeEngines('auth/session-cache', (database) => {
  let crm: Crm;
  let hq: Unit;
  let branch: Unit;
  let n = 0;
  const clock = fixedClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock });
    const sys = crm.system('fixture');
    hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
    const region = await createUnit(sys, { code: 'R-1', name: 'Region', type: 'region', parentId: hq.id });
    branch = await createUnit(sys, { code: 'B-1', name: 'Oddział', type: 'own-branch', parentId: region.id });
  });

  /** A new advisor at HQ with an open, resolved (so cached) session. */
  async function signedIn() {
    const email = `doradca.${++n}@example.pl`;
    const user = await createUser(crm.system(), {
      email,
      name: `Doradca ${n}`,
      roles: ['advisor'],
      unitId: hq.id,
      password: PASSWORD,
    });
    const { token } = await signIn(crm.runtime, email, PASSWORD);
    expect(await resolveSession(crm.runtime, token)).not.toBeNull();
    return { user, token, resolve: () => resolveSession(crm.runtime, token) };
  }

  it('reuses a resolved session: a change written behind its back shows once the cache is told', async () => {
    const { user, token, resolve } = await signedIn();
    const { db, t } = database();
    await db.update(t.users).set({ name: 'Zmieniona Bokiem' }).where(eq(t.users.id, user.id));
    expect((await resolve())!.actor.name).toBe(user.name);
    forgetUser(user.id);
    expect((await resolve())!.actor.name).toBe('Zmieniona Bokiem');
    // A session deleted by another instance ends when that instance's message arrives.
    await db.delete(t.sessions).where(eq(t.sessions.tokenHash, digest(token)));
    expect(await resolve()).not.toBeNull();
    forgetSession(digest(token));
    expect(await resolve()).toBeNull();
  });

  it('forgetAll drops every cached session', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const { db, t } = database();
    await db.update(t.users).set({ disabledAt: clock.now() }).where(eq(t.users.id, a.user.id));
    await db.update(t.users).set({ disabledAt: clock.now() }).where(eq(t.users.id, b.user.id));
    forgetAll();
    expect(await a.resolve()).toBeNull();
    expect(await b.resolve()).toBeNull();
  });

  it('sign-out, disabling and a password reset end a cached session at once', async () => {
    const out = await signedIn();
    await signOut(crm.runtime, out.token);
    expect(await out.resolve()).toBeNull();
    const disabled = await signedIn();
    await setUserDisabled(crm.system(), disabled.user.id, true);
    expect(await disabled.resolve()).toBeNull();
    const reset = await signedIn();
    await setPassword(crm.system(), reset.user.id, 'nowe-haslo-456');
    expect(await reset.resolve()).toBeNull();
  });

  it('a role change and a move to another unit reach a cached actor at once', async () => {
    const s = await signedIn();
    await updateUser(crm.system(), s.user.id, { roles: ['branch-manager'] });
    expect((await s.resolve())!.actor.roles).toEqual(['branch-manager']);
    await moveUser(crm.system(), s.user.id, branch.id);
    expect([...(await s.resolve())!.actor.unitIds]).toEqual([branch.id]);
  });

  it('still ends an idle session on the runtime clock while it is cached', async () => {
    const s = await signedIn();
    clock.advance((crm.config.security.idleMinutes + 1) * 60_000);
    expect(await s.resolve()).toBeNull();
  });
});
