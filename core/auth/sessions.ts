/**
 * @module auth/sessions
 * Password sign-in and server-side sessions (resolving a token: `resolve-session.ts`). A session
 * row is keyed by the digest of its token, ends after `security.sessionHours` or
 * `security.idleMinutes` of disuse, and dies with its user.
 * Repeated failures lock the account for `security.lockout.lockMinutes` (counted atomically in the
 * database, so a burst of parallel attempts cannot get past the limit).
 */
import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { systemActor } from '../access/index.ts';
import { bufferAudit, maskedEmail, writeAudit } from '../audit/index.ts';
import { contextFor, type Runtime } from '../context.ts';
import { CrmError } from '../errors.ts';
import { normalizeEmail } from '../ids/index.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { addressFailures, throttleFor } from './throttle.ts';
import { digest, randomToken } from './tokens.ts';

export interface SignInResult {
  token: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

const badCredentials = () => new CrmError('unauthorized', 'Wrong e-mail or password');
function lockedAnswer(untilMs: number, nowMs: number): CrmError {
  const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / 60_000));
  return new CrmError(
    'locked',
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    {
      retryAfterSeconds: Math.max(1, Math.ceil((untilMs - nowMs) / 1000)),
    },
  );
}

/**
 * Record one sign-in attempt on the account before its password is checked, in one atomic statement:
 * the attempts within the window, pruned and with this one appended, and the current lock. Concurrent
 * attempts each see the ones before them, so a burst cannot check more than `maxFailures` passwords.
 */
async function claimAttempt(
  rt: Runtime,
  userId: string,
  nowMs: number,
  windowStartMs: number,
): Promise<{ attempts: number; lockedUntil: Date | null }> {
  const { db, t, dialect } = rt.database;
  const col = t.users.failedLogins;
  const appended =
    dialect === 'postgres'
      ? sql`(select coalesce(jsonb_agg(e), '[]'::jsonb) from jsonb_array_elements(${col}) e
          where (e #>> '{}')::bigint > ${windowStartMs}::bigint) || to_jsonb(${nowMs}::bigint)`
      : sql`(select json_group_array(v) from (select value as v from json_each(${col})
          where value > ${windowStartMs} union all select ${nowMs}))`;
  const [row] = await db
    .update(t.users)
    .set({ failedLogins: appended as never })
    .where(eq(t.users.id, userId))
    .returning({ failedLogins: t.users.failedLogins, lockedUntil: t.users.lockedUntil });
  const list = row?.failedLogins;
  return { attempts: Array.isArray(list) ? list.length : 1, lockedUntil: row?.lockedUntil ?? null };
}

/** Lock the account unless it already is; true when this call locked it. */
async function lockAccount(rt: Runtime, userId: string, now: Date, until: Date): Promise<boolean> {
  const { db, t } = rt.database;
  const rows = await db
    .update(t.users)
    .set({ lockedUntil: until, failedLogins: [] })
    .where(and(eq(t.users.id, userId), or(isNull(t.users.lockedUntil), lte(t.users.lockedUntil, now))))
    .returning({ id: t.users.id });
  return rows.length > 0;
}

/**
 * Check a password and open a session.
 *
 * Failed sign-ins are counted atomically per account (see `claimAttempt`): after
 * `security.lockout.maxFailures` within `windowMinutes` the account answers 423 for `lockMinutes`
 * (an administrator can unlock it earlier: `unlockUser`). An e-mail with no account is counted the
 * same way in memory, so the 423 does not tell whether an account exists. One network address
 * (`meta.address`) with more than `MAX_FAILURES_PER_ADDRESS` failures in the window gets 429.
 * @example
 * const { token, csrfToken } = await signIn(runtime, 'anna.nowak@kredyt-dom.pl', 'demo-haslo-1');
 */
export async function signIn(
  rt: Runtime,
  email: string,
  password: string,
  meta: { ip?: string | null; userAgent?: string | null; address?: string | null } = {},
): Promise<SignInResult> {
  const { db, t } = rt.database;
  const now = rt.clock.now();
  const nowMs = now.getTime();
  const sec = rt.config.security;
  const windowMs = sec.lockout.windowMinutes * 60_000;
  const windowStart = nowMs - windowMs;
  const throttle = throttleFor(rt.database);
  const byAddress = addressFailures(rt.database, windowMs);
  const address = meta.address ?? meta.ip ?? 'unknown';
  const wait = await byAddress.refusedFor(address, nowMs);
  if (wait !== null) {
    throw new CrmError('rate_limited', 'Too many failed sign-ins from this address. Try again later.', {
      retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
    });
  }
  let knownUserId: string | null = null;
  const failed = async (e: CrmError) => {
    await byAddress.record(address, nowMs);
    // Audited (buffered, no round trip): the typed e-mail as a keyed hash and masked, never the password.
    bufferAudit(contextFor(rt, systemActor('sign-in')), {
      action: 'session.fail',
      entity: 'user',
      entityId: knownUserId,
      data: { reason: e.code, ...maskedEmail(rt.secret, email), ip: meta.ip ?? null },
    });
    return e;
  };
  const key = normalizeEmail(email);
  const [user] = await db.select().from(t.users).where(eq(t.users.email, key)).limit(1);
  knownUserId = user?.id ?? null;
  const lockUntil = new Date(nowMs + sec.lockout.lockMinutes * 60_000);
  if (!user || !user.passwordHash) {
    // No account (or no password): counted in memory exactly as an account is counted in its row —
    // the attempt before the (dummy) check, so a burst gets the same mix of 401s and 423s.
    const until = throttle.unknownLockedUntil.get(key);
    if (until && until > nowMs) throw await failed(lockedAnswer(until, nowMs));
    throttle.byUnknownEmail.record(key, nowMs);
    const attempts = throttle.byUnknownEmail.count(key, windowStart);
    const lockUnknown = () => {
      throttle.byUnknownEmail.clear(key);
      throttle.unknownLockedUntil.set(key, lockUntil.getTime());
      if (throttle.unknownLockedUntil.size > 20_000)
        throttle.unknownLockedUntil.delete(throttle.unknownLockedUntil.keys().next().value!);
    };
    if (attempts > sec.lockout.maxFailures) {
      if (!(throttle.unknownLockedUntil.get(key)! > nowMs)) lockUnknown();
      throw await failed(lockedAnswer(lockUntil.getTime(), nowMs));
    }
    await verifyPassword(password, await dummyHash());
    if (attempts >= sec.lockout.maxFailures) lockUnknown();
    throw await failed(badCredentials());
  }
  if (user.lockedUntil && user.lockedUntil > now) throw await failed(lockedAnswer(user.lockedUntil.getTime(), nowMs));
  const ctx = contextFor(rt, systemActor('sign-in'));
  const lock = async () => {
    if (await lockAccount(rt, user.id, now, lockUntil))
      await writeAudit(ctx, {
        action: 'user.locked',
        entity: 'user',
        entityId: user.id,
        data: { ip: meta.ip ?? null },
      });
  };
  const claim = await claimAttempt(rt, user.id, nowMs, windowStart);
  if (claim.lockedUntil && claim.lockedUntil > now)
    throw await failed(lockedAnswer(claim.lockedUntil.getTime(), nowMs));
  if (claim.attempts > sec.lockout.maxFailures) {
    await lock();
    throw await failed(lockedAnswer(lockUntil.getTime(), nowMs));
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok) {
    if (claim.attempts >= sec.lockout.maxFailures) await lock();
    throw await failed(badCredentials());
  }
  if (user.disabledAt) throw new CrmError('forbidden', 'This account is disabled');
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(nowMs + sec.sessionHours * 3_600_000);
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
  await db.update(t.users).set({ failedLogins: [], lockedUntil: null }).where(eq(t.users.id, user.id));
  await writeAudit(
    { ...ctx, actor: { ...ctx.actor, userId: user.id } },
    { action: 'session.start', entity: 'user', entityId: user.id, data: { ip: meta.ip ?? null } },
  );
  // Expired sessions are swept on sign-in: cheap, and keeps the table small without a scheduler.
  await db
    .delete(t.sessions)
    .where(or(lt(t.sessions.expiresAt, now), lt(t.sessions.lastSeenAt, new Date(nowMs - sec.idleMinutes * 60_000))));
  return { token, csrfToken, userId: user.id, expiresAt };
}
