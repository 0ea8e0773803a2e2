/**
 * @module keys/cipher
 * One value sealed with AES-256-GCM: `enc:v1:<key id>:<iv>:<ciphertext and tag>` (base64url), a
 * random 96-bit IV per value, the plaintext the value's JSON (so numbers stay numbers), and
 * associated data naming where the value belongs (e.g. `client:<id>:pesel`), so a ciphertext copied
 * to another row or field does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyError, type Keyring } from './keyring.ts';

const PREFIX = 'enc:v1:';
const SEALED = /^enc:v1:([0-9a-f]{8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22,})$/;

/** Whether a stored value is a sealed one. */
export function isSealed(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(PREFIX) && SEALED.test(v);
}

/** The key id a sealed value names, or null for anything else. */
export function sealedKeyId(v: unknown): string | null {
  return typeof v === 'string' ? (SEALED.exec(v)?.[1] ?? null) : null;
}

/**
 * @example
 * const stored = sealValue(ring, 'client:0193…:pesel', '44051401359'); // 'enc:v1:3f2a…'
 */
export function sealValue(ring: Keyring, where: string, value: unknown): string {
  const { id, key } = ring.current;
  if (key.length !== 32) throw new KeyError('The data key is not 32 bytes: nothing was written');
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(where));
  const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final(), c.getAuthTag()]);
  return `${PREFIX}${id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/**
 * The value a sealed string holds. A key id the ring does not know, or a ciphertext that does not
 * open under its key (wrong key, altered value, value moved), is a `KeyError` saying which.
 * @example
 * openValue(ring, 'client:0193…:pesel', stored) // '44051401359'
 */
export function openValue(ring: Keyring, where: string, sealed: string): unknown {
  const m = SEALED.exec(sealed);
  if (!m) throw new KeyError(`The stored value of ${where} is not a sealed value`);
  const dk = ring.byId.get(m[1]!);
  if (!dk)
    throw new KeyError(
      `The value of ${where} was encrypted with data key ${m[1]}, which is not among the keys given ` +
        `(${[...ring.byId.keys()].join(', ')}): add it to CRM_PREVIOUS_DATA_KEYS or the key file's previousDataKeys`,
    );
  const body = Buffer.from(m[3]!, 'base64url');
  try {
    const d = createDecipheriv('aes-256-gcm', dk.key, Buffer.from(m[2]!, 'base64url'));
    d.setAAD(Buffer.from(where));
    d.setAuthTag(body.subarray(body.length - 16));
    const text = Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    throw new KeyError(
      `The value of ${where} does not decrypt with data key ${m[1]}: wrong key, or the value was altered`,
    );
  }
}
