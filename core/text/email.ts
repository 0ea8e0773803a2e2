/**
 * @module text/email
 * E-mail addresses as people write them, internationalised ones included (RFC 6531/6532:
 * `ąę@przykład.pl`, `kontakt@xn--przykad-bjb.pl`): a local part without spaces, quotes, angle
 * brackets or controls, and a domain of at least two dot-separated labels of letters, digits and
 * hyphens (any script), each at most 63 characters.
 */
import { textProblem } from './check.ts';

const LOCAL = /^[^\s@"(),:;<>[\]\\]{1,64}$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;

/**
 * @example
 * isEmailAddress('ąę@przykład.pl') // true
 * isEmailAddress('jan@localhost') // false
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254 || textProblem(value, false)) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return /^(?:[\p{L}]{2,63}|xn--[a-z0-9-]{1,59})$/iu.test(labels[labels.length - 1]!);
}
