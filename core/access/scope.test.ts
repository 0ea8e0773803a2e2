/**
 * @module access/scope.test
 * The scoping function on a small fixture of client rows: each scope kind's condition selects exactly
 * the rows it promises, `canAccess` agrees with it row by row, and a missing permission is a 403.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import type { Actor } from './actor.ts';
import type { Permission, Scope } from './permissions.ts';
import { canAccess, requirePermission, scopeCondition, scopesOf } from './scope.ts';

const me = 'u-me';
const report = 'u-report';
const stranger = 'u-stranger';
const myUnit = 'unit-mine';
const childUnit = 'unit-child';
const otherUnit = 'unit-other';
const myPartner = 'partner-mine';

/** An actor holding `clients:read` at the given scopes: a report, one unit and its child below. */
function actorWith(scopes: Scope[], extra: Partial<Actor> = {}): Actor {
  return {
    kind: 'user',
    userId: me,
    name: 'Me',
    roles: [],
    partnerId: myPartner,
    unitIds: new Set([myUnit]),
    subtreeUnitIds: new Set([myUnit, childUnit]),
    teamUserIds: new Set([me, report]),
    permissions: new Map<Permission, Scope[]>(scopes.length ? [['clients:read', scopes]] : []),
    ...extra,
  };
}

const rows = [
  { name: 'mine', ownerId: me, unitId: myUnit, partnerId: null },
  { name: 'my report', ownerId: report, unitId: myUnit, partnerId: null },
  { name: 'colleague in my unit', ownerId: stranger, unitId: myUnit, partnerId: null },
  { name: 'in the unit below', ownerId: stranger, unitId: childUnit, partnerId: null },
  { name: 'elsewhere', ownerId: stranger, unitId: otherUnit, partnerId: null },
  { name: 'referred elsewhere', ownerId: stranger, unitId: otherUnit, partnerId: myPartner },
  { name: 'unowned', ownerId: null, unitId: null, partnerId: null },
];

describeEngines('access/scope: scopeCondition and canAccess', (database) => {
  const ids = new Map<string, string>();
  beforeAll(async () => {
    const { db, t } = database();
    const now = new Date('2026-03-02T09:00:00Z');
    for (const r of rows) {
      const id = randomUUID();
      ids.set(id, r.name);
      await db.insert(t.clients).values({
        id,
        kind: 'person',
        type: 'private',
        source: null,
        displayName: r.name,
        ownerId: r.ownerId,
        unitId: r.unitId,
        partnerId: r.partnerId,
        status: 'new',
        data: {},
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
  });

  async function seenBy(actor: Actor, columns: 'all' | 'no partner' = 'all'): Promise<string[]> {
    const { db, t } = database();
    const c = t.clients;
    const cols = { owner: c.ownerId, unit: c.unitId, ...(columns === 'all' ? { partner: c.partnerId } : {}) };
    const found = await db
      .select({ id: c.id })
      .from(c)
      .where(scopeCondition(actor, 'clients:read', cols));
    return found.map((r) => ids.get(r.id)!).sort();
  }

  const expected: Record<Scope, string[]> = {
    own: ['mine'],
    team: ['mine', 'my report'],
    unit: ['colleague in my unit', 'mine', 'my report'],
    subtree: ['colleague in my unit', 'in the unit below', 'mine', 'my report'],
    referred: ['referred elsewhere'],
    all: rows.map((r) => r.name).sort(),
  };

  for (const scope of Object.keys(expected) as Scope[]) {
    it(`scope ${scope}: the condition selects exactly its rows, and canAccess agrees row by row`, async () => {
      const actor = actorWith([scope]);
      expect(await seenBy(actor)).toEqual(expected[scope]);
      for (const r of rows)
        expect([r.name, canAccess(actor, 'clients:read', r)]).toEqual([r.name, expected[scope].includes(r.name)]);
    });
  }

  it('scope all puts no condition on the query at all', () => {
    const { t } = database();
    expect(scopeCondition(actorWith(['all']), 'clients:read', { owner: t.clients.ownerId })).toBeUndefined();
  });

  it('several scopes (a partner who also owns clients) see the union of both', async () => {
    expect(await seenBy(actorWith(['own', 'referred']))).toEqual(['mine', 'referred elsewhere']);
  });

  it('empty sets and missing columns select nothing, never everything', async () => {
    const lonely = actorWith(['unit', 'subtree', 'team'], {
      unitIds: new Set(),
      subtreeUnitIds: new Set(),
      teamUserIds: new Set(),
    });
    expect(await seenBy(lonely)).toEqual([]);
    expect(await seenBy(actorWith(['own'], { userId: null }))).toEqual([]);
    expect(await seenBy(actorWith(['referred'], { partnerId: null }))).toEqual([]);
    expect(await seenBy(actorWith(['referred']), 'no partner')).toEqual([]);
    expect(canAccess(actorWith(['own'], { userId: null }), 'clients:read', { ownerId: null })).toBe(false);
  });

  it('an actor without the permission gets 403 naming it, and canAccess says no', () => {
    const { t } = database();
    const none = actorWith([]);
    expect(scopesOf(none, 'clients:read')).toEqual([]);
    expect(() => requirePermission(none, 'clients:read')).toThrow(
      expect.objectContaining({ code: 'forbidden', details: { permission: 'clients:read' } }),
    );
    expect(() => scopeCondition(none, 'clients:read', { owner: t.clients.ownerId })).toThrow(/clients:read/);
    expect(canAccess(none, 'clients:read', { ownerId: me, unitId: myUnit })).toBe(false);
    expect(canAccess(actorWith(['all']), 'clients:write', { ownerId: me })).toBe(false);
  });
});
