/**
 * @module auth/set-password-link
 * A one-time link that sets a user's password, for whoever issues one (a reset the user asks for,
 * an invitation an administrator sends). Only the token's SHA-256 is stored, with the password it
 * was issued under and an end; the link opens the reset step of the intranet (or the partner
 * portal for a partner login), which calls `resetPassword` with the token.
 */
import type { Ctx } from '../context.ts';
import { resetLink, stampOf } from './password-reset.ts';
import { digest, randomToken } from './tokens.ts';

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
