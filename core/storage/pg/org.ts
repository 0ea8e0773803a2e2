/** @module storage/pg/org — units, users, dated memberships. Parallel: `../sqlite/org.ts`. */
import { index, pgTable as table, uniqueIndex } from 'drizzle-orm/pg-core';
import { bool, bytewise, id, instant, json, text } from './columns.ts';

export const units = table(
  'units',
  {
    id: id('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    parentId: id('parent_id'),
    path: bytewise('path').notNull(),
    groups: json<string[]>('groups').notNull(),
    city: text('city'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_path_idx').on(t.path),
    index('units_parent_idx').on(t.parentId),
  ],
);

export const users = table(
  'users',
  {
    id: id('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    roles: json<string[]>('roles').notNull(),
    commissionGroup: text('commission_group'),
    supervisorId: id('supervisor_id'),
    knfNumber: text('knf_number'),
    partnerId: id('partner_id'),
    disabledAt: instant('disabled_at'),
    failedLogins: json<number[]>('failed_logins').notNull(),
    lockedUntil: instant('locked_until'),
    mustChangePassword: bool('must_change_password').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_supervisor_idx').on(t.supervisorId)],
);

export const memberships = table(
  'memberships',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    unitId: id('unit_id').notNull(),
    validFrom: instant('valid_from').notNull(),
    validTo: instant('valid_to'),
    note: text('note'),
    createdBy: id('created_by'),
  },
  (t) => [
    index('memberships_user_idx').on(t.userId, t.validFrom),
    index('memberships_unit_idx').on(t.unitId, t.validFrom),
  ],
);
