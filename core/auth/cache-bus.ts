/**
 * @module auth/cache-bus
 * The session cache hears the change bus, so a change made through any instance on the database
 * reaches this one's cached sessions within milliseconds: `session` (signed out) forgets that
 * session, `user` (disabled, password changed) that user's sessions, `org` (units, memberships,
 * supervisors: part of every actor), `config` (a new version: roles may have changed) and `*` (the bus may
 * have missed messages) all of them.
 */
import { busFor, EVERYTHING } from '../bus/index.ts';
import type { Database } from '../storage/index.ts';
import { forgetAll, forgetSession, forgetUser } from './session-cache.ts';

const listening = new WeakSet<Database>();

/**
 * Subscribe the session cache to a database's change bus (once per database; cheap to call again).
 * @example
 * listenForChanges(rt.database); // before reading or caching a session of this database
 */
export function listenForChanges(database: Database): void {
  if (listening.has(database)) return;
  listening.add(database);
  const bus = busFor(database);
  bus.subscribe('session', (id) => (id === EVERYTHING ? forgetAll() : forgetSession(id)));
  bus.subscribe('user', (id) => (id === EVERYTHING ? forgetAll() : forgetUser(id)));
  bus.subscribe('org', () => forgetAll());
  bus.subscribe('config', () => forgetAll()); // roles and their permissions are part of every actor
}
