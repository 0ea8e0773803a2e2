/**
 * @module storage/sqlite/password-resets
 * One-time password reset links: only the SHA-256 of the token is stored (a stolen row cannot be
 * used as a link), with its 30-minute end, its use, and a stamp of the password it was issued under
 * (a changed password voids every link issued before). Parallel: `../pg/password-resets.ts`.
 */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, text } from './columns.ts';

export const passwordResets = table(
  'password_resets',
  {
    /** SHA-256 of the token in the e-mailed link. */
    tokenHash: text('token_hash').primaryKey(),
    userId: id('user_id').notNull(),
    /** A digest of the user's password hash when the link was issued: another password voids the link. */
    passwordStamp: text('password_stamp').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId), index('password_resets_expires_idx').on(t.expiresAt)],
);
