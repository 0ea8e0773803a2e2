/**
 * @module access/mask.test
 * Field masking by class: a `x-crm-pii` field is absent (not blanked) for a role without `pii:read`
 * on the record and present with it; `x-crm-financial` follows `financial:read` on its own; and the
 * partner view (`referrerOnly`) applies only when `referred` is the sole way to the record.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { fieldClasses, maskFields, referrerOnly } from './mask.ts';
import type { Permission, Scope } from './permissions.ts';

const schema = {
  type: 'object',
  properties: {
    firstName: { type: 'string' },
    pesel: { type: 'string', 'x-crm-pii': true },
    income: { type: 'integer', 'x-crm-financial': true },
    bankAccount: { type: 'string', 'x-crm-pii': true, 'x-crm-financial': true },
    city: { type: 'string', 'x-crm-pii': false },
  },
};
const data = { firstName: 'Jan', pesel: '44051401359', income: 1_200_000, bankAccount: 'PL61…', city: 'Gdańsk' };
const record = { ownerId: 'u-anna', unitId: 'unit-gda', partnerId: 'p-bursztyn' };

function actor(userId: string, permissions: Partial<Record<Permission, Scope[]>>, partnerId: string | null = null) {
  return {
    kind: 'user',
    userId,
    name: userId,
    roles: [],
    partnerId,
    unitIds: new Set(['unit-gda']),
    subtreeUnitIds: new Set(['unit-gda']),
    teamUserIds: new Set([userId]),
    permissions: new Map(Object.entries(permissions) as [Permission, Scope[]][]),
  } satisfies Actor;
}

describe('fieldClasses', () => {
  it('reads the pii and financial marks from the schema, and only true marks', () => {
    expect(fieldClasses(schema)).toEqual(
      new Map([
        ['pesel', ['pii']],
        ['income', ['financial']],
        ['bankAccount', ['pii', 'financial']],
      ]),
    );
    expect(fieldClasses({})).toEqual(new Map());
  });
});

describe('maskFields', () => {
  const classes = fieldClasses(schema);

  it('removes a pii field for a role without pii:read, and keeps it for a role with it', () => {
    const without = maskFields(
      actor('u-anna', { 'clients:read': ['own'], 'financial:read': ['own'] }),
      record,
      data,
      classes,
    );
    expect(without).not.toHaveProperty('pesel');
    expect(without).not.toHaveProperty('bankAccount');
    expect(without).toEqual({ firstName: 'Jan', income: 1_200_000, city: 'Gdańsk' });
    const withIt = maskFields(actor('u-anna', { 'pii:read': ['own'] }), record, data, classes);
    expect(withIt).toMatchObject({ pesel: '44051401359' });
    expect(withIt).not.toHaveProperty('income');
  });

  it('gives both classes to a role holding both, and a field marked twice only to it', () => {
    const both = actor('u-anna', { 'pii:read': ['own'], 'financial:read': ['own'] });
    expect(maskFields(both, record, data, classes)).toEqual(data);
  });

  it("judges the permission's scope on this record: pii:read own does not reach a colleague's client", () => {
    const colleague = actor('u-piotr', { 'clients:read': ['unit'], 'pii:read': ['own'] });
    expect(maskFields(colleague, record, data, classes)).toEqual({ firstName: 'Jan', city: 'Gdańsk' });
    const manager = actor('u-kasia', { 'pii:read': ['unit'], 'financial:read': ['unit'] });
    expect(maskFields(manager, record, data, classes)).toEqual(data);
  });

  it('returns a copy and leaves the stored data untouched', () => {
    const copy = maskFields(actor('u-x', {}), record, data, classes);
    expect(copy).not.toBe(data);
    expect(data.pesel).toBe('44051401359');
  });
});

describe('referrerOnly', () => {
  it('is true for a partner whose only way to the client is the referral', () => {
    expect(
      referrerOnly(actor('u-partner', { 'clients:read': ['referred'] }, 'p-bursztyn'), 'clients:read', record),
    ).toBe(true);
  });

  it('is false when another scope also reaches the record, true when it does not', () => {
    const both = actor('u-anna', { 'clients:read': ['own', 'referred'] }, 'p-bursztyn');
    expect(referrerOnly(both, 'clients:read', record)).toBe(false);
    expect(referrerOnly(both, 'clients:read', { ...record, ownerId: 'u-piotr' })).toBe(true);
  });

  it('is false for anyone without the referred scope', () => {
    expect(referrerOnly(actor('u-kasia', { 'clients:read': ['unit'] }), 'clients:read', record)).toBe(false);
    expect(referrerOnly(actor('u-x', {}), 'clients:read', record)).toBe(false);
  });
});

describe('pii:masked', () => {
  it('shows the identifiers it is given masked to their last 4 characters, nothing else of the record', () => {
    const clerk = actor('u-clerk', { 'clients:read': ['unit'], 'pii:masked': ['unit'] });
    const out = maskFields(clerk, record, data, fieldClasses(schema), new Set(['pesel', 'bankAccount']));
    // bankAccount is financial too: never masked into view; the name stays as it was (not pii here).
    expect(out).toEqual({ firstName: 'Jan', pesel: '*******1359', city: 'Gdańsk' });
    const none = actor('u-none', { 'clients:read': ['unit'] });
    expect(maskFields(none, record, data, fieldClasses(schema), new Set(['pesel']))).not.toHaveProperty('pesel');
    const full = actor('u-full', { 'clients:read': ['unit'], 'pii:read': ['unit'], 'pii:masked': ['unit'] });
    expect(maskFields(full, record, data, fieldClasses(schema), new Set(['pesel'])).pesel).toBe('44051401359');
    const elsewhere = actor('u-far', { 'clients:read': ['all'], 'pii:masked': ['own'] });
    expect(maskFields(elsewhere, record, data, fieldClasses(schema), new Set(['pesel']))).not.toHaveProperty('pesel');
  });
});
