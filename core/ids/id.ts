/**
 * @module ids/id
 * Time-ordered unique ids (UUID version 7, RFC 9562): sortable by creation time, so keyset pages
 * ordered by id are also ordered by age, and safe to generate on any instance without coordination.
 */
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * @example
 * newId() // '01938f6e-3c2a-7b1e-9c4d-2f1a0b3c4d5e'
 */
export function newId(now: number = Date.now()): string {
  // A 12-bit counter within one millisecond keeps ids from one process strictly increasing.
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
