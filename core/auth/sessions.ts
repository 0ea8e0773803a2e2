/**
 * @module auth/sessions
 * Password sign-in and server-side sessions. A session row is keyed by the digest of its token, ends
 * after `security.sessionHours` or `security.idleMinutes` of disuse, and dies with its user.
 * Repeated failures lock the account for `security.lockout.lockMinutes`.
 */
import { and, eq, lt, or } from 'drizzle-orm';
import { loadActor, type Actor } from '../access/actor.ts';
import { writeAudit } from '../audit/log.ts';
import { contextFor, type Runtime } from '../context.ts';
import { systemActor } from '../access/actor.ts';
import { CrmError } from '../errors.ts';
import { normalizeEmail } from '../org/users.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { digest, randomToken } from './tokens.ts';

export interface SignInResult {
  token: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}
export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

const badCredentials = () => new CrmError('unauthorized', 'Wrong e-mail or password');

/**
 * Check a password and open a session.
 * @example
 * const { token, csrfToken } = await signIn(runtime, 'anna.nowak@kredyt-dom.pl', 'demo-haslo-1');
 */
export async function signIn(
  rt: Runtime,
  email: string,
  password: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<SignInResult> {
  const { db, t } = rt.database;
  const now = rt.clock.now();
  const sec = rt.config.security;
  const [user] = await db
    .select()
    .from(t.users)
    .where(eq(t.users.email, normalizeEmail(email)))
    .limit(1);
  if (!user || !user.passwordHash) {
    await verifyPassword(password, await dummyHash());
    throw badCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new CrmError(
      'locked',
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) },
    );
  }
  const ok = await verifyPassword(password, user.passwordHash);
  const ctx = contextFor(rt, systemActor('sign-in'));
  if (!ok) {
    const windowStart = now.getTime() - sec.lockout.windowMinutes * 60_000;
    const failures = [...user.failedLogins.filter((f) => f > windowStart), now.getTime()];
    const lock = failures.length >= sec.lockout.maxFailures;
    await db
      .update(t.users)
      .set({
        failedLogins: lock ? [] : failures,
        lockedUntil: lock ? new Date(now.getTime() + sec.lockout.lockMinutes * 60_000) : user.lockedUntil,
      })
      .where(eq(t.users.id, user.id));
    if (lock)
      await writeAudit(ctx, {
        action: 'user.locked',
        entity: 'user',
        entityId: user.id,
        data: { ip: meta.ip ?? null },
      });
    throw badCredentials();
  }
  if (user.disabledAt) throw new CrmError('forbidden', 'This account is disabled');
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + sec.sessionHours * 3_600_000);
  await db.insert(t.sessions).values({
    tokenHash: digest(token),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  if (user.failedLogins.length || user.lockedUntil)
    await db.update(t.users).set({ failedLogins: [], lockedUntil: null }).where(eq(t.users.id, user.id));
  await writeAudit(
    { ...ctx, actor: { ...ctx.actor, userId: user.id } },
    { action: 'session.start', entity: 'user', entityId: user.id, data: { ip: meta.ip ?? null } },
  );
  // Expired sessions are swept on sign-in: cheap, and keeps the table small without a scheduler.
  await db
    .delete(t.sessions)
    .where(
      or(lt(t.sessions.expiresAt, now), lt(t.sessions.lastSeenAt, new Date(now.getTime() - sec.idleMinutes * 60_000))),
    );
  return { token, csrfToken, userId: user.id, expiresAt };
}

/**
 * The session behind a token, or null when it does not exist, has expired or been idle too long,
 * or its user is disabled. Touches `lastSeenAt` at most once a minute.
 */
export async function resolveSession(rt: Runtime, token: string): Promise<SessionInfo | null> {
  const { db, t } = rt.database;
  const now = rt.clock.now();
  // One query: the session with its user, so a disabled user is refused on the very next request.
  const [row] = await db
    .select({ s: t.sessions, user: t.users })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
    .where(eq(t.sessions.tokenHash, digest(token)))
    .limit(1);
  if (!row) return null;
  const s = row.s;
  const idleLimit = now.getTime() - rt.config.security.idleMinutes * 60_000;
  if (s.expiresAt <= now || s.lastSeenAt.getTime() < idleLimit) {
    await db.delete(t.sessions).where(eq(t.sessions.tokenHash, s.tokenHash));
    return null;
  }
  const actor = await loadActor(rt.database, rt.config, s.userId, { at: now, user: row.user });
  if (!actor) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000)
    await db.update(t.sessions).set({ lastSeenAt: now }).where(eq(t.sessions.tokenHash, s.tokenHash));
  return { actor, csrfToken: s.csrfToken, userId: s.userId, expiresAt: s.expiresAt };
}

export async function signOut(rt: Runtime, token: string): Promise<void> {
  const { db, t } = rt.database;
  await db.delete(t.sessions).where(and(eq(t.sessions.tokenHash, digest(token))));
}
