/**
 * @module auth/session-cache
 * Resolved sessions with their actors, kept in the process for SESSION_CACHE_MS, so a request pays
 * for its session and actor only once every few seconds instead of two to four queries each time.
 *
 * Entries are dropped at once, in this process, on sign-out (`forgetSession`), when a user is
 * disabled, changes password or roles (`forgetUser`), and on any change to units, memberships or
 * supervisors (`forgetAll`: a place in the network is part of every actor). Other instances on the
 * same PostgreSQL database are told by the change bus, which calls the same three functions; the
 * few seconds bound what a lost message could cost. Expiry and idleness are checked on every hit
 * against the runtime's clock, and an entry is used only within the minute of the instant it was
 * loaded for (memberships are dated).
 *
 * A load that began before a `forget…` call is not kept (a generation counter), so a session read
 * just before its user was disabled cannot be cached after the disable.
 *
 * Entries are found by the presented token itself (`cachedSessionByToken`), so a request whose session
 * is cached pays no SHA-256 of its token; they are identified, and forgotten, by the digest as stored
 * in `sessions.token_hash` (the id other instances name on the change bus). A token is kept in memory
 * only as long as its entry (seconds), as the request that presented it holds it anyway.
 */
import type { Actor } from '../access/index.ts';

/** How long a resolved session and its actor are reused, in milliseconds (wall clock). */
export const SESSION_CACHE_MS = 3_000;
/** Entries beyond this many empty the cache (a bound on memory, not a tuning knob). */
const MAX_ENTRIES = 50_000;

export interface CachedSession {
  /** The database the session was read from (tests and embedders may open several). */
  readonly database: object;
  /** The session's id: the SHA-256 of its token, as stored in `sessions.token_hash`. */
  readonly tokenHash: string;
  /** The token presented (the key of the fast look-up). */
  readonly token: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  /** Updated in place when the session is touched. */
  lastSeenAt: Date;
  readonly actor: Actor;
  /** The minute (of the runtime clock) the actor was loaded for. */
  readonly minute: number;
  /** Wall-clock time after which the entry is not used. */
  readonly until: number;
}

const byToken = new Map<string, CachedSession>();
/** The same entries by the raw token (`byToken` is by digest). */
const byRawToken = new Map<string, CachedSession>();
const byUser = new Map<string, Set<string>>();
let generation = 0;

/** The current generation: pass it to `rememberSession` for a load that starts now. */
export const sessionCacheGeneration = () => generation;

/**
 * A cached session for this database, token (as presented) and runtime instant, if still fresh; no
 * digest to compute.
 * @example
 * const hit = cachedSessionByToken(rt.database, token, rt.clock.now().getTime());
 */
export function cachedSessionByToken(database: object, token: string, nowMs: number): CachedSession | undefined {
  return fresh(byRawToken.get(token), database, nowMs);
}

function fresh(hit: CachedSession | undefined, database: object, nowMs: number): CachedSession | undefined {
  if (!hit) return undefined;
  if (hit.database !== database || hit.until <= Date.now() || hit.minute !== Math.floor(nowMs / 60_000)) {
    if (hit.until <= Date.now()) drop(hit.tokenHash);
    return undefined;
  }
  return hit;
}

/**
 * Keep a session loaded since `since` (a `sessionCacheGeneration()`), unless something was forgotten
 * meanwhile; returns the entry (kept or not) to use for this request.
 */
export function rememberSession(loaded: Omit<CachedSession, 'until'>, since: number): CachedSession {
  if (since !== generation) return { ...loaded, until: 0 };
  if (byToken.size >= MAX_ENTRIES) forgetAll();
  const entry = { ...loaded, until: Date.now() + SESSION_CACHE_MS };
  const previous = byToken.get(entry.tokenHash);
  if (previous) byRawToken.delete(previous.token);
  byToken.set(entry.tokenHash, entry);
  byRawToken.set(entry.token, entry);
  let tokens = byUser.get(entry.userId);
  if (!tokens) byUser.set(entry.userId, (tokens = new Set()));
  tokens.add(entry.tokenHash);
  return entry;
}

function drop(tokenHash: string): void {
  const hit = byToken.get(tokenHash);
  if (!hit) return;
  byToken.delete(tokenHash);
  byRawToken.delete(hit.token);
  const tokens = byUser.get(hit.userId);
  tokens?.delete(tokenHash);
  if (tokens && !tokens.size) byUser.delete(hit.userId);
}

/**
 * Forget one session (by its id, the token's SHA-256 digest): after sign-out, or when another
 * instance reports it ended.
 * @example
 * forgetSession(digest(token));
 */
export function forgetSession(sessionId: string): void {
  generation++;
  drop(sessionId);
}

/**
 * Forget every session of a user: after the user is disabled, changes password or roles.
 * @example
 * forgetUser(userId);
 */
export function forgetUser(userId: string): void {
  generation++;
  for (const tokenHash of byUser.get(userId) ?? []) {
    const hit = byToken.get(tokenHash);
    if (hit) byRawToken.delete(hit.token);
    byToken.delete(tokenHash);
  }
  byUser.delete(userId);
}

/**
 * Forget every cached session: after any change to units, memberships or supervisors (each actor
 * carries its place in the network), or when the change bus lost messages.
 * @example
 * forgetAll();
 */
export function forgetAll(): void {
  generation++;
  byToken.clear();
  byRawToken.clear();
  byUser.clear();
}
