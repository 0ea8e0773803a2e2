/**
 * @module access/actor
 * Who is acting: a signed-in user, an API key acting for its user, or the system (CLI, workers).
 * An actor is built once per request from the database and the config, and carries everything the
 * scoping function needs as small sets, so scope checks cost no extra queries.
 */
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { FirmSections } from '../config/index.ts';
import { busFor, EVERYTHING } from '../bus/index.ts';
import type { Database, Tables } from '../storage/index.ts';
import { isPermission, permissionCatalog, scopeRank, type Permission, type Scope } from './permissions.ts';

export interface Actor {
  readonly kind: 'user' | 'api-key' | 'system';
  readonly userId: string | null;
  readonly name: string;
  readonly roles: readonly string[];
  /** Set for partner users: the partner firm whose referred clients they may see. */
  readonly partnerId: string | null;
  /** Units of the actor's current memberships. */
  readonly unitIds: ReadonlySet<string>;
  /** Those units and every unit below them. */
  readonly subtreeUnitIds: ReadonlySet<string>;
  /** The actor and the users who report to them directly (`supervisorId`). */
  readonly teamUserIds: ReadonlySet<string>;
  /** Effective permissions: each with its scopes after merging roles (widest wins). */
  readonly permissions: ReadonlyMap<Permission, readonly Scope[]>;
}

/** Merge scopes from several roles: the widest linear scope, plus `referred` if any role has it. */
export function mergeScopes(list: Scope[]): Scope[] {
  const linear = list.filter((s): s is Exclude<Scope, 'referred'> => s !== 'referred');
  const out: Scope[] = [];
  if (linear.length) out.push(linear.reduce((a, b) => (scopeRank[b] > scopeRank[a] ? b : a)));
  if (list.includes('referred')) out.push('referred');
  return out;
}

/**
 * The effective permissions of a set of roles, optionally capped by an API key's list.
 * @example
 * rolePermissions(config, ['advisor']).get('clients:read') // ['own']
 */
export function rolePermissions(
  config: Pick<FirmSections, 'roles'>,
  roles: readonly string[],
  cap?: readonly string[],
): Map<Permission, Scope[]> {
  const collected = new Map<Permission, Scope[]>();
  for (const r of roles) {
    for (const [perm, scope] of Object.entries(config.roles[r]?.permissions ?? {})) {
      if (!isPermission(perm) || (cap && !cap.includes(perm))) continue;
      collected.set(perm, [...(collected.get(perm) ?? []), scope as Scope]);
    }
  }
  return new Map([...collected].map(([p, s]) => [p, mergeScopes(s)]));
}

/** The system actor: every permission, scope `all`. For the CLI, seeding and workers. */
export function systemActor(name = 'system'): Actor {
  const all = new Map(Object.keys(permissionCatalog).map((p) => [p as Permission, ['all'] as Scope[]]));
  return {
    kind: 'system',
    userId: null,
    name,
    roles: [],
    partnerId: null,
    unitIds: new Set(),
    subtreeUnitIds: new Set(),
    teamUserIds: new Set(),
    permissions: all,
  };
}

export interface LoadActorOptions {
  at?: Date;
  kind?: 'user' | 'api-key';
  /** An API key's permission list: the actor gets only these, each capped by the user's own. */
  cap?: readonly string[];
  /** The user's columns an actor needs, when the caller has just read them (saves a query). */
  user?: Pick<Tables['users']['$inferSelect'], 'name' | 'roles' | 'partnerId' | 'disabledAt'>;
}

/** Where a user stands in the network: what the scoping function needs besides roles. */
interface OrgPlace {
  unitIds: Set<string>;
  subtree: Set<string>;
  team: Set<string>;
}

/**
 * Places are cached per database for a few seconds: every request builds an actor, and the network
 * changes rarely. Any change to units, memberships or supervisors empties the cache of every
 * instance on the database at once (`orgChanged` publishes `org` on the change bus: in this process
 * before it returns, in the others within milliseconds); ORG_CACHE_MS bounds what a lost message
 * could cost. Whether a user is disabled is never cached.
 */
export const ORG_CACHE_MS = 5_000;
const places = new WeakMap<object, Map<string, { place: OrgPlace; expires: number }>>();

/** Call after changing units, memberships, roles or supervisors (after the change is committed). */
export function orgChanged(database: Database, id = EVERYTHING): void {
  void busFor(database).publish('org', id); // its subscriber below forgets this process's places at once
}

async function placeOf(database: Database, userId: string, at: Date): Promise<OrgPlace> {
  let cache = places.get(database);
  if (!cache) {
    places.set(database, (cache = new Map()));
    // A new map rather than clear(): a load that began before the change fills the old one, never read again.
    busFor(database).subscribe('org', () => places.set(database, new Map()));
  }
  // Memberships are dated: the place is cached per minute of the instant asked about.
  const key = `${userId}@${Math.floor(at.getTime() / 60_000)}`;
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.place;
  const { db, t } = database;
  const current = await db
    .select({ unitId: t.memberships.unitId, path: t.units.path })
    .from(t.memberships)
    .innerJoin(t.units, eq(t.units.id, t.memberships.unitId))
    .where(
      and(
        eq(t.memberships.userId, userId),
        lte(t.memberships.validFrom, at),
        or(isNull(t.memberships.validTo), gt(t.memberships.validTo, at)),
      ),
    );
  const unitIds = new Set(current.map((m) => m.unitId));
  const subtree = new Set<string>();
  if (current.length) {
    const all = await db.select({ id: t.units.id, path: t.units.path }).from(t.units);
    for (const u of all) if (current.some((m) => u.path.startsWith(m.path))) subtree.add(u.id);
  }
  const reports = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.supervisorId, userId));
  const place = { unitIds, subtree, team: new Set([userId, ...reports.map((r) => r.id)]) };
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { place, expires: Date.now() + ORG_CACHE_MS });
  return place;
}

/**
 * Build the actor for a user from the database. Returns null when the user does not exist or is
 * disabled: a disabled user cannot act, whatever session or key they hold.
 */
export async function loadActor(
  database: Database,
  config: Pick<FirmSections, 'roles'>,
  userId: string,
  options: LoadActorOptions = {},
): Promise<Actor | null> {
  const { db, t } = database;
  const at = options.at ?? new Date();
  const user = options.user ?? (await db.select().from(t.users).where(eq(t.users.id, userId)).limit(1))[0];
  if (!user || user.disabledAt) return null;
  const { unitIds, subtree, team } = await placeOf(database, userId, at);
  return {
    kind: options.kind ?? 'user',
    userId,
    name: user.name,
    roles: user.roles,
    partnerId: user.partnerId,
    unitIds,
    subtreeUnitIds: subtree,
    teamUserIds: team,
    permissions: rolePermissions(config, user.roles, options.cap),
  };
}
