/**
 * @module leads/form-token
 * The signed form token: issued when a form is shown, checked when it is sent. It proves the form
 * was fetched from us for this key and says when, so a submission faster than a person can type
 * (`spam.minFillSeconds`) is recognised as a bot. HMAC-SHA256 with the runtime secret; no state.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`lead-form:${body}`).digest('base64url');

/**
 * @example
 * const token = issueFormToken(rt.secret, key.id, Date.now());
 */
export function issueFormToken(secret: string, keyId: string, nowMs: number): string {
  const body = `${nowMs.toString(36)}.${randomBytes(6).toString('base64url')}.${keyId}`;
  return `${body}.${sign(secret, body)}`;
}

export type TokenVerdict = 'ok' | 'invalid' | 'too-fast' | 'expired';

/**
 * @example
 * checkFormToken(rt.secret, token, key.id, Date.now(), { minMs: 3000, maxMs: 86_400_000 }) // 'ok'
 */
export function checkFormToken(
  secret: string,
  token: unknown,
  keyId: string,
  nowMs: number,
  limits: { minMs: number; maxMs: number },
): TokenVerdict {
  if (typeof token !== 'string' || token.length > 200) return 'invalid';
  const i = token.lastIndexOf('.');
  const body = token.slice(0, i);
  const mac = Buffer.from(token.slice(i + 1));
  const want = Buffer.from(sign(secret, body));
  if (i < 0 || mac.length !== want.length || !timingSafeEqual(mac, want)) return 'invalid';
  const [issued, , forKey] = body.split('.');
  if (forKey !== keyId) return 'invalid';
  const age = nowMs - parseInt(issued ?? '', 36);
  if (!Number.isFinite(age)) return 'invalid';
  if (age < limits.minMs) return 'too-fast';
  return age > limits.maxMs ? 'expired' : 'ok';
}
