/**
 * @module auth/tokens
 * Random tokens and their stored digests. Tokens are 256-bit random, so a plain SHA-256 digest is
 * enough to store (unlike passwords, they cannot be guessed from a dictionary).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
