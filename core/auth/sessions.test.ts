/**
 * @module auth/sessions.test
 * Server-side sessions on both engines: a session ends at `security.sessionHours` however busy it is,
 * after `security.idleMinutes` of disuse, on sign-out, when its user is disabled, and when an
 * administrator resets the password; a wrong password and an unknown e-mail get the same answer.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { createCrm, type Crm } from '../crm.ts';
import { createUnit, createUser, setPassword, setUserDisabled, type User } from '../org/index.ts';
import { fixedClock } from '../time/index.ts';
import { resolveSession, signOut } from './resolve-session.ts';
import { signIn } from './sessions.ts';

const PASSWORD = 'tajne-haslo-123';
const MINUTE = 60_000;

describeEngines('auth/sessions', (database) => {
  let crm: Crm;
  let anna: User;
  const clock = fixedClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database(), clock });
    const sys = crm.system('fixture');
    const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
    anna = await createUser(sys, {
      email: 'Anna.Nowak@Example.pl',
      name: 'Anna Nowak',
      roles: ['admin'],
      unitId: hq.id,
      password: PASSWORD,
    });
  });

  const security = () => crm.config.security;
  const open = () => signIn(crm.runtime, 'anna.nowak@example.pl', PASSWORD, { ip: '192.0.2.10' });
  const resolve = (token: string) => resolveSession(crm.runtime, token);

  it('signs in (e-mail in any case) and resolves the token to the user and its CSRF token', async () => {
    const s = await signIn(crm.runtime, '  ANNA.NOWAK@example.PL ', PASSWORD);
    expect(s.expiresAt.getTime()).toBe(clock.now().getTime() + security().sessionHours * 3_600_000);
    const info = await resolve(s.token);
    expect(info).toMatchObject({ userId: anna.id, csrfToken: s.csrfToken, actor: { userId: anna.id } });
    expect(await resolve(s.token + 'x')).toBeNull();
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const answer = { code: 'unauthorized', message: 'Wrong e-mail or password' };
    await expect(signIn(crm.runtime, 'anna.nowak@example.pl', 'zle-haslo-000')).rejects.toMatchObject(answer);
    await expect(signIn(crm.runtime, 'nikt@example.pl', PASSWORD)).rejects.toMatchObject(answer);
  });

  it('ends after idleMinutes of disuse, and not a minute before', async () => {
    const s = await open();
    clock.advance((security().idleMinutes - 1) * MINUTE);
    expect(await resolve(s.token)).not.toBeNull();
    clock.advance((security().idleMinutes + 1) * MINUTE);
    expect(await resolve(s.token)).toBeNull();
    clock.advance(-MINUTE * (2 * security().idleMinutes));
    expect(await resolve(s.token)).toBeNull(); // deleted, not merely out of date
  });

  it('ends at sessionHours even when used all along', async () => {
    const s = await open();
    const step = Math.floor(security().idleMinutes / 2) * MINUTE;
    while (clock.now().getTime() + step < s.expiresAt.getTime()) {
      clock.advance(step);
      expect(await resolve(s.token)).not.toBeNull();
    }
    clock.set(s.expiresAt);
    expect(await resolve(s.token)).toBeNull();
  });

  it('ends on sign-out, leaving the other sessions of the user open', async () => {
    const [a, b] = [await open(), await open()];
    await signOut(crm.runtime, a.token);
    expect(await resolve(a.token)).toBeNull();
    expect(await resolve(b.token)).not.toBeNull();
  });

  it('refuses a disabled user on the next request, and she cannot sign in', async () => {
    const s = await open();
    const { db, t } = database();
    // Even a session row that survived (written elsewhere) is refused once the user is disabled.
    await db.update(t.users).set({ disabledAt: clock.now() }).where(eq(t.users.id, anna.id));
    expect(await resolve(s.token)).toBeNull();
    await expect(open()).rejects.toMatchObject({ code: 'forbidden' });
    await db.update(t.users).set({ disabledAt: null }).where(eq(t.users.id, anna.id));
    const other = await createUser(crm.system(), {
      email: 'ewa@example.pl',
      name: 'Ewa',
      roles: ['admin'],
      password: PASSWORD,
    });
    const ewa = await signIn(crm.runtime, 'ewa@example.pl', PASSWORD);
    await setUserDisabled(crm.system(), other.id, true);
    expect(await resolve(ewa.token)).toBeNull();
  });

  it('ends every session of the user when an administrator resets the password', async () => {
    const [a, b] = [await open(), await open()];
    await setPassword(crm.system(), anna.id, 'nowe-haslo-456');
    expect(await resolve(a.token)).toBeNull();
    expect(await resolve(b.token)).toBeNull();
    await expect(open()).rejects.toMatchObject({ code: 'unauthorized' });
    await setPassword(crm.system(), anna.id, PASSWORD);
  });
});
