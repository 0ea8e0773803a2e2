/**
 * @module leads/spam
 * Screening a public-key submission for bots. A bot gets a response that looks exactly like
 * success and nothing is stored, so it learns nothing to adapt to. Persons never trip these: the
 * honeypot field is hidden from them and the form token is older than the minimum fill time.
 */
import type { FirmSections } from '../config/index.ts';
import { checkFormToken } from './form-token.ts';

export type Screening =
  { bot: false } | { bot: true; reason: 'honeypot' | 'token-invalid' | 'too-fast' | 'token-expired' };

/**
 * @example
 * screenSubmission(config, secret, key.id, body, Date.now()) // { bot: false }
 */
export function screenSubmission(
  config: Pick<FirmSections, 'leads'>,
  secret: string,
  keyId: string,
  body: unknown,
  nowMs: number,
): Screening {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const spam = config.leads.spam;
  const trap = b[spam.honeypot];
  if (trap !== undefined && trap !== '') return { bot: true, reason: 'honeypot' };
  const v = checkFormToken(secret, b.formToken, keyId, nowMs, {
    minMs: spam.minFillSeconds * 1000,
    maxMs: spam.tokenMaxAgeHours * 3_600_000,
  });
  if (v === 'ok') return { bot: false };
  return { bot: true, reason: v === 'too-fast' ? 'too-fast' : v === 'expired' ? 'token-expired' : 'token-invalid' };
}
