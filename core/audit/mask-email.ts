/**
 * @module audit/mask-email
 * How an e-mail typed into the sign-in form is recorded for a failed sign-in: a keyed hash (the same
 * address always gives the same value under one install's secret, so failures for one address can
 * be found and counted) and a masked form a person can read (`j***@firma.pl`), never the address itself.
 */
import { createHmac } from 'node:crypto';

/**
 * @example
 * maskedEmail('secret…', 'Jan.Kowalski@Firma.pl'); // { emailHash: '5f1c…', email: 'j***@firma.pl' }
 */
export function maskedEmail(secret: string, email: string): { emailHash: string; email: string } {
  const norm = email.trim().toLowerCase();
  const at = norm.lastIndexOf('@');
  const masked = at > 0 ? `${norm[0]}***${norm.slice(at)}` : '***';
  const emailHash = createHmac('sha256', secret).update(`audit sign-in e-mail\n${norm}`).digest('hex').slice(0, 32);
  return { emailHash, email: masked.slice(0, 120) };
}
