/**
 * @module auth/password-reset
 * "Nie pamiętam hasła": a one-time link by e-mail, through the outbox. The request answers the same
 * whether or not the address has an account (the caller learns nothing), and is rate limited per
 * e-mail address and per network address, across instances. The link carries a 256-bit token; only
 * its SHA-256 is stored, with a 30-minute end and a stamp of the password it was issued under, so a
 * link works once, never after 30 minutes, and never after the password changed by any route. Setting
 * the new password follows the password rules of the firm's config, clears the lockout, and ends
 * every session of the user, here and in other instances.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { systemActor } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { busFor, sharedCounter } from '../bus/index.ts';
import { contextFor, inTransaction, type Runtime } from '../context.ts';
import { CrmError, invalid } from '../errors.ts';
import { normalizeEmail } from '../ids/index.ts';
import { enqueue } from '../notifications/index.ts';
import { hashPassword } from './password.ts';
import { forgetUser } from './session-cache.ts';
import { createSetPasswordLink, stampOf } from './set-password-link.ts';
import { digest } from './tokens.ts';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;
/** Requests per e-mail address within an hour (whether or not it has an account). */
export const RESETS_PER_EMAIL_PER_HOUR = 5;
/** Requests per network address within an hour. */
export const RESETS_PER_ADDRESS_PER_HOUR = 20;
const HOUR = 3_600_000;

const words = {
  pl: {
    subject: 'Ustawienie nowego hasła',
    text: (name: string, link: string, firm: string) =>
      `Dzień dobry ${name},\n\nktoś (zapewne Ty) poprosił o ustawienie nowego hasła do CRM ${firm}.\n` +
      `Otwórz ten link w ciągu ${RESET_LINK_MINUTES} minut, aby ustawić nowe hasło (link działa jeden raz):\n\n` +
      `${link}\n\nJeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło się nie zmieni.\n`,
  },
  en: {
    subject: 'Set a new password',
    text: (name: string, link: string, firm: string) =>
      `Hello ${name},\n\nsomeone (probably you) asked to set a new password for the ${firm} CRM.\n` +
      `Open this link within ${RESET_LINK_MINUTES} minutes to set a new password (it works once):\n\n` +
      `${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
  },
};

const rateLimited = (waitMs: number) =>
  new CrmError('rate_limited', 'Too many password reset requests. Try again later.', {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });

/**
 * Ask for a reset link. Resolves the same way for any address (the e-mail goes only where an
 * active account is); 429 when the address or the caller asked too often.
 * @example
 * await requestPasswordReset(crm.runtime, 'anna.nowak@kredyt-dom.pl', { address: '203.0.113.7', lang: 'pl' });
 */
export async function requestPasswordReset(
  rt: Runtime,
  email: string,
  meta: { address?: string | null; lang?: 'pl' | 'en' } = {},
): Promise<void> {
  const now = rt.clock.now();
  const nowMs = now.getTime();
  const key = normalizeEmail(email);
  const byEmail = sharedCounter(rt.database, 'password-reset-email', HOUR);
  const byAddress = sharedCounter(rt.database, 'password-reset-address', HOUR);
  const address = meta.address ?? 'unknown';
  if ((await byAddress.hit(address, nowMs)) > RESETS_PER_ADDRESS_PER_HOUR)
    throw rateLimited(byAddress.windowEnd(nowMs) - nowMs);
  if ((await byEmail.hit(key, nowMs)) > RESETS_PER_EMAIL_PER_HOUR) throw rateLimited(byEmail.windowEnd(nowMs) - nowMs);
  const { db, t } = rt.database;
  const [user] = await db
    .select({
      id: t.users.id,
      name: t.users.name,
      email: t.users.email,
      passwordHash: t.users.passwordHash,
      partnerId: t.users.partnerId,
    })
    .from(t.users)
    .where(and(eq(t.users.email, key), isNull(t.users.disabledAt)))
    .limit(1);
  if (!user) return;
  const ctx = contextFor(rt, systemActor('password-reset'));
  await inTransaction(ctx, async (tx) => {
    const issued = await createSetPasswordLink(tx, user, RESET_LINK_MINUTES);
    await writeAudit(tx, {
      action: 'user.password-reset-requested',
      entity: 'user',
      entityId: user.id,
      data: { sent: !!issued },
    });
    if (!issued) return; // no address to link to: `firm.intranetUrl` / `firm.partnerPortalUrl` is not set
    const link = issued.link;
    const lang = meta.lang ?? (rt.config.firm.locale === 'en-GB' ? 'en' : 'pl');
    const w = words[lang];
    await enqueue(tx, {
      channel: 'email',
      purpose: 'password-reset',
      to: [user.email],
      email: { subject: w.subject, text: w.text(user.name, link, rt.config.firm.name) },
      sealed: true, // the link is a credential for 30 minutes: not readable in the outbox
      subject: `user:${user.id}`,
      ownerId: user.id,
    });
  });
}

const badLink = () =>
  invalid('This link is not valid any more: it was used, it expired or the password changed. Ask for a new one.', [
    { path: '/token', message: 'used, expired or replaced' },
  ]);

/**
 * Set a new password with a reset link's token: once, within 30 minutes, while the password it was
 * issued under is still the user's. Every session of the user ends; the user signs in anew.
 * @example
 * await resetPassword(crm.runtime, tokenFromLink, 'nowe-haslo-2026');
 */
export async function resetPassword(rt: Runtime, token: string, password: string): Promise<{ userId: string }> {
  const min = rt.config.security.passwordMinLength;
  if (password.length < min)
    throw invalid('Password too short', [{ path: '/password', message: `must be at least ${min} characters` }]);
  const hash = await hashPassword(password);
  const ctx = contextFor(rt, systemActor('password-reset'));
  const now = rt.clock.now();
  const userId = await inTransaction(ctx, async (tx) => {
    const { t } = tx;
    // The claim is one statement: of two uses of one link at the same moment, only one gets the row.
    const [claimed] = await tx.db
      .update(t.passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(t.passwordResets.tokenHash, digest(token)),
          isNull(t.passwordResets.usedAt),
          gt(t.passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: t.passwordResets.userId, stamp: t.passwordResets.passwordStamp });
    if (!claimed) throw badLink();
    const [user] = await tx.db
      .select({ hash: t.users.passwordHash, disabledAt: t.users.disabledAt })
      .from(t.users)
      .where(eq(t.users.id, claimed.userId))
      .limit(1);
    if (!user || user.disabledAt || stampOf(user.hash) !== claimed.stamp) throw badLink();
    await tx.db
      .update(t.users)
      .set({ passwordHash: hash, failedLogins: [], lockedUntil: null, mustChangePassword: false, updatedAt: now })
      .where(eq(t.users.id, claimed.userId));
    const ended = await tx.db
      .delete(t.sessions)
      .where(eq(t.sessions.userId, claimed.userId))
      .returning({ h: t.sessions.tokenHash });
    await writeAudit(tx, {
      action: 'user.password-reset',
      entity: 'user',
      entityId: claimed.userId,
      data: { via: 'e-mailed link', sessionsEnded: ended.length },
    });
    return claimed.userId;
  });
  forgetUser(userId);
  await busFor(rt.database).publish('user', userId);
  return { userId };
}
