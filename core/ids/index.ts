/**
 * @module ids
 * Identifier checks for Polish clients and firms. Browser-safe (no `node:` imports), so widgets
 * can validate as the user types; the keyed hash for dedupe lives in `auth/keyed-hash.ts` (Node only).
 */
import { parseIban } from './iban.ts';
import { parseNip } from './nip.ts';
import { parsePesel } from './pesel.ts';
import { parseRegon } from './regon.ts';
import type { IdentifierResult } from './result.ts';

export { parsePesel, peselCheckDigit, type PeselResult, type PeselReason } from './pesel.ts';
export { parseNip, type NipResult, type NipReason } from './nip.ts';
export { parseRegon, type RegonResult, type RegonReason } from './regon.ts';
export { parseIban, formatIban, type IbanResult, type IbanReason } from './iban.ts';
export { parsePhone, type PhoneResult, type PhoneReason } from './phone.ts';
export { identifierMessages, type IdentifierMessageKey } from './messages.ts';
export type { IdentifierResult, IdentifierFailure } from './result.ts';
export { newId } from './id.ts';
export { normalizeEmail } from './email.ts';

export type IdentifierKind = 'pesel' | 'nip' | 'regon' | 'iban';

/**
 * The validators behind the JSON-Schema keyword `x-crm-identifier: "<kind>"`.
 * @example
 * identifierValidators.nip('526-025-02-74').ok // true
 */
export const identifierValidators: Readonly<Record<IdentifierKind, (input: string) => IdentifierResult>> = {
  pesel: parsePesel,
  nip: parseNip,
  regon: parseRegon,
  iban: parseIban,
};
