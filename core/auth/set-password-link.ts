/**
 * @module auth/set-password-link
 * A one-time link that sets a user's password, for whoever issues one (a reset the user asks for,
 * an invitation an administrator sends). Only the token's SHA-256 is stored, with the password it
 * was issued under and an end; the link opens the reset step of the intranet (or the partner
 * portal for a partner login), which calls `resetPassword` with the token.
 */
import type { Ctx, Runtime } from '../context.ts';
import { digest, randomToken } from './tokens.ts';

/** The password a link was issued under, as a digest: a link stops working once the password changes. */
export const stampOf = (passwordHash: string | null) => digest(`password:${passwordHash ?? ''}`);

/** The page a user's link opens: the partner portal for a partner login, else the intranet. */
export function resetLink(rt: Runtime, partnerLogin: boolean, token: string): string | null {
  const base = partnerLogin ? rt.config.firm.partnerPortalUrl : rt.config.firm.intranetUrl;
  if (!base) return null;
  const url = new URL(base);
  // In the fragment: browsers never send it to a server, so the token is in no access log or Referer.
  url.hash = `reset=${token}`;
  return url.toString();
}

/**
 * Store a new link for `user` valid for `minutes`; null when the firm has no page address to link
 * to (`firm.intranetUrl` / `firm.partnerPortalUrl`). Call it inside the transaction that sends it.
 * @example
 * const link = await createSetPasswordLink(tx, user, 7 * 24 * 60); // an invitation, valid a week
 */
export async function createSetPasswordLink(
  ctx: Ctx,
  user: { id: string; passwordHash: string | null; partnerId: string | null },
  minutes: number,
): Promise<{ link: string; expiresAt: Date } | null> {
  const token = randomToken(32);
  const link = resetLink(ctx, !!user.partnerId, token);
  if (!link) return null;
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await ctx.db.insert(ctx.t.passwordResets).values({
    tokenHash: digest(token),
    userId: user.id,
    passwordStamp: stampOf(user.passwordHash),
    createdAt: now,
    expiresAt,
    usedAt: null,
  });
  return { link, expiresAt };
}
