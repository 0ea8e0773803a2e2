/**
 * @module auth/resolve-session
 * From a session token to the actor behind it, paid by every signed-in request. One query reads the
 * session with the few user columns an actor needs (never the password hash or the failure log),
 * the actor is built from it, and both are kept for a few seconds (`session-cache.ts`). Signing out
 * deletes the row and forgets the cached session at once.
 */
import { eq, sql } from 'drizzle-orm';
import { loadActor, systemActor, type Actor } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { contextFor, type Runtime } from '../context.ts';
import { prepared, type Database } from '../storage/index.ts';
import { busFor } from '../bus/index.ts';
import { listenForChanges } from './cache-bus.ts';
import { cachedSessionByToken, forgetSession, rememberSession, sessionCacheGeneration } from './session-cache.ts';
import { digest } from './tokens.ts';

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

/** The session row with the user's columns an actor needs, by token digest (prepared once). */
async function readSession(database: Database, tokenHash: string) {
  const [row] = await prepared(
    database,
    'session-by-token',
    (db, t) =>
      db
        .select({
          userId: t.sessions.userId,
          csrfToken: t.sessions.csrfToken,
          lastSeenAt: t.sessions.lastSeenAt,
          expiresAt: t.sessions.expiresAt,
          name: t.users.name,
          roles: t.users.roles,
          partnerId: t.users.partnerId,
          disabledAt: t.users.disabledAt,
        })
        .from(t.sessions)
        .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
        .where(eq(t.sessions.tokenHash, sql.placeholder('tokenHash')))
        .limit(1),
    { tokenHash },
  );
  return row;
}

/**
 * The session behind a token, or null when it does not exist, has expired or been idle too long,
 * or its user is disabled. Touches `lastSeenAt` at most once a minute.
 * @example
 * const s = await resolveSession(runtime, token); // { actor, csrfToken, userId, expiresAt } | null
 */
export async function resolveSession(rt: Runtime, token: string): Promise<SessionInfo | null> {
  const { db, t } = rt.database;
  const now = rt.clock.now();
  const nowMs = now.getTime();
  listenForChanges(rt.database); // other instances' sign-outs, disables and moves reach the cache
  const idleLimit = nowMs - rt.config.security.idleMinutes * 60_000;
  // A cached session is found by the token itself: no digest to compute on that path.
  let s = cachedSessionByToken(rt.database, token, nowMs);
  const tokenHash = s ? s.tokenHash : digest(token);
  const end = async () => {
    forgetSession(tokenHash);
    await db.delete(t.sessions).where(eq(t.sessions.tokenHash, tokenHash));
    return null;
  };
  if (s) {
    if (s.expiresAt.getTime() <= nowMs || s.lastSeenAt.getTime() < idleLimit) return end();
  } else {
    const since = sessionCacheGeneration();
    // One query: the session with its user, so a disabled user is refused whenever it is read.
    const row = await readSession(rt.database, tokenHash);
    if (!row) return null;
    if (row.expiresAt.getTime() <= nowMs || row.lastSeenAt.getTime() < idleLimit) return end();
    const actor = await loadActor(rt.database, rt.config, row.userId, { at: now, user: row });
    if (!actor) return null;
    s = rememberSession(
      {
        database: rt.database,
        tokenHash,
        token,
        userId: row.userId,
        csrfToken: row.csrfToken,
        expiresAt: row.expiresAt,
        lastSeenAt: row.lastSeenAt,
        actor,
        minute: Math.floor(nowMs / 60_000),
      },
      since,
    );
  }
  if (nowMs - s.lastSeenAt.getTime() > 60_000) {
    s.lastSeenAt = now;
    await db.update(t.sessions).set({ lastSeenAt: now }).where(eq(t.sessions.tokenHash, tokenHash));
  }
  return { actor: s.actor, csrfToken: s.csrfToken, userId: s.userId, expiresAt: s.expiresAt };
}

/**
 * End the session of a token: its row is deleted and its cached copy forgotten.
 * @example
 * await signOut(runtime, token);
 */
export async function signOut(rt: Runtime, token: string): Promise<void> {
  const { db, t } = rt.database;
  const tokenHash = digest(token);
  forgetSession(tokenHash);
  const ended = await db
    .delete(t.sessions)
    .where(eq(t.sessions.tokenHash, tokenHash))
    .returning({ userId: t.sessions.userId });
  forgetSession(tokenHash);
  if (ended[0]) {
    const ctx = contextFor(rt, systemActor('sign-out'));
    await writeAudit(
      { ...ctx, actor: { ...ctx.actor, userId: ended[0].userId } },
      {
        action: 'session.end',
        entity: 'user',
        entityId: ended[0].userId,
      },
    );
  }
  await busFor(rt.database).publish('session', tokenHash); // and every other instance's copy
}
