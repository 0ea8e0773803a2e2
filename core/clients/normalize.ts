/**
 * @module clients/normalize
 * What is stored for a client besides the fields as typed: identifiers in their normalised form
 * (PESEL/NIP digits, phone in E.164, e-mail lower-case), the display name, and the folded search
 * text (lower-case, no diacritics, so "Łódź" is found by "lodz" on both engines).
 */
import { identifierValidators, parsePhone } from '../ids/index.ts';
import type { KindFields } from './fields.ts';

/**
 * Lower-case, strip diacritics (ł has none to strip, so it is mapped by hand).
 * @example
 * fold('Łucja Żółkiewska') // 'lucja zolkiewska'
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase();
}

/** The words of a folded text: runs of letters and digits. */
export const words = (s: string): string[] =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * A copy of `data` with identifier fields normalised. Call after validation (values are valid).
 * @example
 * normaliseData(person, { pesel: '4405 1401 359' }) // { pesel: '44051401359' }
 */
export function normaliseData(kf: KindFields, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [name, v] of Object.entries(data)) {
    const key = kf.fields.get(name)?.key;
    if (typeof v !== 'string' || !key) continue;
    if (key === 'email') {
      out[name] = v.trim().toLowerCase();
      continue;
    }
    const r = key === 'phone' ? parsePhone(v) : identifierValidators[key](v);
    if (r.ok) out[name] = r.value;
  }
  return out;
}

/** E-mails as people paste them (surrounding spaces) are trimmed before validation. */
export function trimInput(kf: KindFields, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [name, v] of Object.entries(data))
    if (typeof v === 'string' && kf.fields.get(name)?.key === 'email') out[name] = v.trim();
  return out;
}

/** The name shown in lists: the configured fields joined with spaces. */
export function displayNameOf(kf: KindFields, data: Record<string, unknown>): string {
  return kf.displayName
    .map((f) => data[f])
    .filter((v) => typeof v === 'string' && v.trim())
    .map((v) => (v as string).trim())
    .join(' ');
}

/**
 * The text behind the full-text index: the display name and every searchable field that is not a
 * checked identifier (those are found by keyed hash only), phones as digits (full and national).
 * An encrypted field adds nothing here: its plain words never reach the index (`storedClient` in
 * `protect.ts` adds keyed hashes of them).
 */
export function searchTextOf(kf: KindFields, data: Record<string, unknown>, displayName: string): string {
  const parts = [displayName];
  for (const f of kf.fields.values()) {
    const v = data[f.name];
    if (!f.searchable || v === undefined || v === null) continue;
    if (f.encrypted) continue; // its keyed hashes are added by storedClient (protect.ts)
    if (f.key === 'phone' && typeof v === 'string') {
      const digits = v.replace(/\D/g, '');
      parts.push(digits, digits.startsWith('48') ? digits.slice(2) : '');
    } else if (f.key === 'email' && typeof v === 'string') {
      parts.push(v, v.replace(/[@.]/g, ' '));
    } else if (!f.key && (typeof v === 'string' || typeof v === 'number')) {
      parts.push(String(v));
    }
  }
  return words(parts.join(' ')).join(' ');
}
