/**
 * @module auth/keyed-hash
 * A keyed hash (HMAC-SHA-256) of a normalised identifier, stored beside the encrypted value so
 * duplicates can be found with an equality lookup without keeping searchable plain PESELs. A bare
 * SHA-256 would not do: the whole PESEL space can be hashed in hours, so the key is the protection
 * and must live outside the database.
 */
import { createHmac } from 'node:crypto';
import { CrmError } from '../errors.ts';
import { identifierValidators, parsePhone, type IdentifierKind } from '../ids/index.ts';

export type KeyedHashKind = IdentifierKind | 'phone';

const MIN_SECRET_BYTES = 16;

/**
 * Hashes the normalised form, so `PL 526-025-02-74` and `5260250274` give the same hash. The kind
 * is part of the message, so equal digits of different kinds never collide.
 * Throws `CrmError('invalid')` for a value that is not a valid identifier of that kind.
 * @example
 * keyedHash(process.env.CRM_HASH_KEY!, 'nip', 'PL5260250274') // '3f0c…' (64 hex characters)
 */
export function keyedHash(secret: string | Uint8Array, kind: KeyedHashKind, value: string): string {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new CrmError('internal', `The identifier hash key must have at least ${MIN_SECRET_BYTES} bytes`);
  }
  const validate = kind === 'phone' ? parsePhone : identifierValidators[kind];
  if (typeof validate !== 'function') throw new CrmError('internal', `Unknown identifier kind "${String(kind)}"`);
  const parsed = validate(value);
  if (!parsed.ok)
    throw new CrmError('invalid', parsed.message, {
      problems: [{ path: '', message: parsed.message, keyword: parsed.messageKey }],
    });
  return createHmac('sha256', key).update(`${kind}:${parsed.value}`).digest('hex');
}
