/**
 * @module reports/export/export-scope
 * An export reaches what the screen shows AND what the export permission covers: a person who reads
 * the whole region but may export only their branch exports their branch. The list functions are
 * scoped by the read permission, so the export runs them as a copy of the actor whose read scope is
 * cut down to the narrower of the two (field masking still uses the actor's own pii/financial
 * scopes). Without the export permission there is no export at all (403).
 */
import { type Actor, type Permission, type Scope, requirePermission, scopesOf } from '../../access/index.ts';

const rank: Record<Exclude<Scope, 'referred'>, number> = { own: 0, team: 1, unit: 2, subtree: 3, all: 4 };

/** Scopes both lists allow: the narrower linear scope, and `referred` only when both have it. */
export function narrowerScopes(a: readonly Scope[], b: readonly Scope[]): Scope[] {
  const linear = (s: readonly Scope[]) => s.filter((x): x is Exclude<Scope, 'referred'> => x !== 'referred')[0];
  const la = linear(a);
  const lb = linear(b);
  const out: Scope[] = [];
  if (la && lb) out.push(rank[la] <= rank[lb] ? la : lb);
  if (a.includes('referred') && b.includes('referred')) out.push('referred');
  return out;
}

/**
 * The actor an export runs as: 403 without `exportPermission`, else the actor with `readPermission`
 * narrowed to what both permissions allow.
 * @example
 * const ctx2 = { ...ctx, actor: exportActor(ctx.actor, 'clients:read', 'clients:export') };
 */
export function exportActor(actor: Actor, readPermission: Permission, exportPermission: Permission): Actor {
  const exp = requirePermission(actor, exportPermission);
  const read = scopesOf(actor, readPermission);
  const permissions = new Map(actor.permissions);
  permissions.set(readPermission, narrowerScopes(read, exp));
  if (!permissions.get(readPermission)!.length) permissions.delete(readPermission);
  return { ...actor, permissions };
}
