/**
 * @module partners/access.test
 * Who sees which partner firm, on both engines: staff with `partners:read` at any scope see every
 * firm; a partner's own login (scope `referred`) sees its own firm only, and a login of no firm
 * sees none; without the permission it is a 403.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { systemActor, type Actor, type Permission, type Scope } from '../access/index.ts';
import { createCrm, type Crm } from '../crm.ts';
import { seesPartner, partnerCondition } from './access.ts';

const mine = randomUUID();
const theirs = randomUUID();
const actor = (scopes: Scope[], partnerId: string | null = null): Actor => ({
  ...systemActor(),
  kind: 'user',
  userId: 'u-1',
  partnerId,
  permissions: new Map<Permission, Scope[]>(scopes.length ? [['partners:read', scopes]] : []),
});

describe('seesPartner', () => {
  it('lets staff see every firm and a partner login only its own', () => {
    expect(seesPartner(actor(['unit']), 'partners:read', theirs)).toBe(true);
    expect(seesPartner(actor(['referred'], mine), 'partners:read', mine)).toBe(true);
    expect(seesPartner(actor(['referred'], mine), 'partners:read', theirs)).toBe(false);
    expect(seesPartner(actor(['referred']), 'partners:read', mine)).toBe(false);
    expect(seesPartner(actor([]), 'partners:read', mine)).toBe(false);
  });
});

describeEngines('partners/access: partnerCondition', (database) => {
  let crm: Crm;
  beforeAll(async () => {
    crm = await createCrm({ config: demoConfig(), database: database() });
    const now = new Date();
    for (const [id, name] of [
      [mine, 'Biuro Bursztyn'],
      [theirs, 'Agencja Wschód'],
    ] as const) {
      await database()
        .db.insert(database().t.partners)
        .values({
          ...{ id, name, type: 'real-estate-agency', nip: null, address: {}, contactEmails: [] },
          ...{ commissionGroup: null, internalUserId: null, archivedAt: null, createdAt: now, updatedAt: now },
        });
    }
  });

  const seen = async (a: Actor) => {
    const ctx = crm.as(a);
    const rows = await ctx.db
      .select({ name: ctx.t.partners.name })
      .from(ctx.t.partners)
      .where(partnerCondition(ctx, 'partners:read'));
    return rows.map((r) => r.name).sort();
  };

  it('gives staff every firm, a partner its own, a login of no firm none; 403 without the permission', async () => {
    expect(await seen(actor(['own']))).toEqual(['Agencja Wschód', 'Biuro Bursztyn']);
    expect(await seen(actor(['referred'], mine))).toEqual(['Biuro Bursztyn']);
    expect(await seen(actor(['referred']))).toEqual([]);
    await expect(seen(actor([]))).rejects.toMatchObject({ code: 'forbidden' });
  });
});
