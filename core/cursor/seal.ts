/**
 * @module cursor/seal
 * Sealed page cursors: a cursor's contents are encrypted and authenticated (AES-256-GCM under a key
 * derived from the CRM secret), so a caller can neither read what it holds (a sort key such as a
 * client's name) nor forge or alter one to probe the data. Anything that is not a cursor this CRM
 * gave out for the same list is a 400 naming `cursor`.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { badRequest, type CrmError } from '../errors.ts';

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let k = keys.get(secret);
  if (!k) {
    k = createHmac('sha256', secret).update('broker-crm page cursor v1').digest();
    if (keys.size > 16) keys.clear();
    keys.set(secret, k);
  }
  return k;
}

/** The one answer to a cursor that is malformed, forged, tampered with or from another list. */
export function badCursor(message = 'The cursor is not valid; start again from the first page'): CrmError {
  return badRequest(message, { field: 'cursor', problems: [{ path: '?cursor', message: 'invalid cursor' }] });
}

/**
 * Seal `payload` (JSON) for the list named `purpose`.
 * @example
 * const next = sealCursor(ctx.secret, 'clients', ['createdAt', 'desc', 1767225600000, id]);
 */
export function sealCursor(secret: string, purpose: string, payload: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/**
 * The payload of a cursor sealed for `purpose`; throws 400 (`cursor`) for anything else.
 * The caller still validates every field of the payload.
 * @example
 * const [sort, order, value, id] = openCursor(ctx.secret, 'clients', query.cursor) as unknown[];
 */
export function openCursor(secret: string, purpose: string, text: string): unknown {
  if (typeof text !== 'string' || text.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor();
  const raw = Buffer.from(text, 'base64url');
  if (raw.length < 12 + 16 + 2) throw badCursor();
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as unknown;
  } catch {
    throw badCursor();
  }
}

/** Whether `v` looks like an id this CRM hands out (UUID-shaped, or a short slug). */
export const isCursorId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 64 && /^[A-Za-z0-9_-]+$/.test(v);

/** Whether `v` is a millisecond timestamp a Date can hold and a database can store. */
export const isCursorInstant = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) <= 8.64e15;
