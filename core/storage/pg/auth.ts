/** @module storage/pg/auth — server-side sessions and API keys. Parallel: `../sqlite/auth.ts`. */
import { index, pgTable as table, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, json, text } from './columns.ts';

export const sessions = table(
  'sessions',
  {
    /** SHA-256 of the session token: a stolen database row cannot be replayed as a cookie. */
    tokenHash: text('token_hash').primaryKey(),
    userId: id('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  // Expired and idle sessions are swept by index range (signIn), not by scanning the table.
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    index('sessions_last_seen_idx').on(t.lastSeenAt),
  ],
);

export const apiKeys = table(
  'api_keys',
  {
    id: id('id').primaryKey(),
    /** The public, non-secret part shown in lists (`bck_ab12cd34`). */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    userId: id('user_id').notNull(),
    /** Permissions the key may use; each is capped by what its user has at the time of the request. */
    permissions: json<string[]>('permissions').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [uniqueIndex('api_keys_prefix_uq').on(t.prefix), index('api_keys_user_idx').on(t.userId)],
);
