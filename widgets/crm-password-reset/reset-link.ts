/**
 * @module widgets/crm-password-reset/reset-link
 * The token a reset e-mail's link carries in the page's fragment (`#reset=<token>`): read from the
 * address, and removed from it once read, so it is not left in the history or a bookmark.
 */

/**
 * @example
 * resetTokenOf('#reset=abc_DEF-123'); // 'abc_DEF-123'
 * resetTokenOf('#client=0193…'); // null
 */
export function resetTokenOf(hash: string): string | null {
  const m = /^#reset=([A-Za-z0-9_-]{16,200})$/.exec(hash);
  return m ? m[1]! : null;
}

/** Why a new password cannot be sent yet, or null: `short` under the minimum, `mismatch` when the two differ. */
export function passwordProblem(password: string, repeated: string, min: number): 'short' | 'mismatch' | null {
  if (password.length < min) return 'short';
  return password === repeated ? null : 'mismatch';
}
