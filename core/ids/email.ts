/**
 * @module ids/email
 * The one spelling of an e-mail address the CRM stores and looks up (sign-in, uniqueness of users).
 */

/**
 * @example
 * normalizeEmail('  Anna.Nowak@Example.PL ') // 'anna.nowak@example.pl'
 */
export const normalizeEmail = (e: string) => e.trim().toLowerCase();
