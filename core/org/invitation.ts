/**
 * @module org/invitation
 * Inviting a person: an administrator creates the user without a password and the CRM e-mails a
 * one-time link (through the outbox, sealed in the row) with which the person sets their own
 * password and signs in. The link works once, for a week, and stops working if a password is set
 * by any other route meanwhile. Sending again issues a new link; the old ones still end on use of
 * any, since each is tied to the (still empty) password. A password reset an administrator sends
 * works the same way for a user who has a password: a one-time link, valid a day, that stops
 * working once the password changes.
 */
import { eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { createSetPasswordLink } from '../auth/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { enqueue } from '../notifications/index.ts';
import { assertMayManage, getUser } from './users.ts';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;
/** How long a reset link an administrator sends works (a person may read the e-mail hours later). */
export const ADMIN_RESET_HOURS = 24;

const resetWords = {
  pl: {
    subject: (firm: string) => `Ustaw nowe hasło do CRM ${firm}`,
    text: (name: string, link: string, firm: string, by: string) =>
      `Dzień dobry ${name},\n\n${by} wysłał(a) Ci link do ustawienia nowego hasła do CRM ${firm}.\n` +
      `Otwórz go w ciągu ${ADMIN_RESET_HOURS} godzin (link działa jeden raz):\n\n${link}\n\n` +
      `Do tego czasu obecne hasło nadal działa.\n`,
  },
  en: {
    subject: (firm: string) => `Set a new password for the ${firm} CRM`,
    text: (name: string, link: string, firm: string, by: string) =>
      `Hello ${name},\n\n${by} sent you a link to set a new password for the ${firm} CRM.\n` +
      `Open it within ${ADMIN_RESET_HOURS} hours (it works once):\n\n${link}\n\n` +
      `Until then your current password still works.\n`,
  },
};

const words = {
  pl: {
    subject: (firm: string) => `Zaproszenie do CRM ${firm}`,
    text: (name: string, link: string, firm: string, by: string) =>
      `Dzień dobry ${name},\n\n${by} zaprasza Cię do CRM ${firm}.\n` +
      `Otwórz ten link w ciągu ${INVITATION_DAYS} dni i ustaw swoje hasło (link działa jeden raz):\n\n` +
      `${link}\n\nPotem zalogujesz się swoim adresem e-mail i tym hasłem.\n`,
  },
  en: {
    subject: (firm: string) => `Invitation to the ${firm} CRM`,
    text: (name: string, link: string, firm: string, by: string) =>
      `Hello ${name},\n\n${by} invites you to the ${firm} CRM.\n` +
      `Open this link within ${INVITATION_DAYS} days and set your password (it works once):\n\n` +
      `${link}\n\nThen sign in with your e-mail address and that password.\n`,
  },
};

/**
 * E-mail an invitation to a user who has no password yet. 409 when the user already has one (a
 * password reset is the way then), 422 naming `firm.intranetUrl` when the firm has no page to link to.
 * @example
 * const user = await createUser(ctx, { email: 'nowa.osoba@kredyt-dom.pl', name: 'Nowa Osoba', roles: ['advisor'],
 *   unitId: waw.id });
 * await inviteUser(ctx, user.id, { lang: 'pl' }); // → { expiresAt }
 */
export function inviteUser(ctx: Ctx, userId: string, options: { lang?: 'pl' | 'en' } = {}) {
  return emailSetPasswordLink(ctx, userId, options.lang, {
    minutes: INVITATION_DAYS * 24 * 60,
    words,
    purpose: 'user-invitation',
    action: 'user.invite',
    what: 'an invitation',
    disabled: 'This user is disabled: enable them before inviting',
    refuse: (hasPassword) =>
      hasPassword ? 'This user already has a password: they can use "Nie pamiętam hasła" on the sign-in page' : null,
  });
}

/**
 * E-mail a user a one-time link to set a new password, sent by an administrator (users:write over
 * the user): through the outbox, sealed, valid `ADMIN_RESET_HOURS`. The current password keeps
 * working until the link is used. 409 for a disabled user; 422 naming `firm.intranetUrl` when the
 * firm has no page to link to. Audited as `user.password-reset-sent`.
 * @example
 * await sendPasswordReset(ctx, anna.id, { lang: 'pl' }); // → { userId, expiresAt }
 */
export function sendPasswordReset(ctx: Ctx, userId: string, options: { lang?: 'pl' | 'en' } = {}) {
  return emailSetPasswordLink(ctx, userId, options.lang, {
    minutes: ADMIN_RESET_HOURS * 60,
    words: resetWords,
    purpose: 'password-reset',
    action: 'user.password-reset-sent',
    what: 'a reset link',
    disabled: 'This user is disabled: enable them first',
    refuse: () => null,
  });
}

type Words = Record<
  'pl' | 'en',
  { subject(firm: string): string; text(n: string, l: string, f: string, by: string): string }
>;

/**
 * What an invitation and an administrator's reset have in common: may the caller manage the user,
 * a one-time set-password link, the e-mail through the outbox (sealed: the link is a credential),
 * the audit entry — all in one transaction.
 */
async function emailSetPasswordLink(
  ctx: Ctx,
  userId: string,
  lang: 'pl' | 'en' | undefined,
  kind: {
    minutes: number;
    words: Words;
    purpose: string;
    action: string;
    what: string;
    disabled: string;
    refuse(hasPassword: boolean): string | null;
  },
) {
  const user = await getUser(ctx, userId);
  await assertMayManage(ctx, user.unitId, userId);
  if (user.disabled) throw conflict(kind.disabled, { field: '/userId' });
  const { t } = ctx;
  const [row] = await ctx.db
    .select({ passwordHash: t.users.passwordHash, partnerId: t.users.partnerId })
    .from(t.users)
    .where(eq(t.users.id, userId))
    .limit(1);
  const refused = kind.refuse(Boolean(row!.passwordHash));
  if (refused) throw conflict(refused, { field: '/userId' });
  const w = kind.words[lang ?? (ctx.config.firm.locale === 'en-GB' ? 'en' : 'pl')];
  const [sender] = await ctx.db
    .select({ name: t.users.name })
    .from(t.users)
    .where(eq(t.users.id, ctx.actor.userId ?? ''))
    .limit(1);
  return inTransaction(ctx, async (tx) => {
    const issued = await createSetPasswordLink(tx, { id: userId, ...row! }, kind.minutes);
    const page = row!.partnerId ? 'firm.partnerPortalUrl' : 'firm.intranetUrl';
    if (!issued)
      throw invalid(`The firm config has no ${page}: ${kind.what} needs a page to link to`, [
        { path: `/${page.replace('.', '/')}`, message: 'not set in the firm config' },
      ]);
    const firm = ctx.config.firm.name;
    await enqueue(tx, {
      channel: 'email',
      purpose: kind.purpose,
      to: [user.email],
      email: { subject: w.subject(firm), text: w.text(user.name, issued.link, firm, sender?.name ?? firm) },
      sealed: true, // the link is a credential until it is used or expires: not readable in the outbox
      subject: `user:${userId}`,
      ownerId: userId,
      unitId: user.unitId ?? undefined,
    });
    await writeAudit(tx, {
      action: kind.action,
      entity: 'user',
      entityId: userId,
      data: { expiresAt: issued.expiresAt.toISOString() },
    });
    return { userId, expiresAt: issued.expiresAt };
  });
}
