/**
 * @module ids/id
 * Time-ordered unique ids (UUID version 7, RFC 9562): sortable by creation time, so keyset pages
 * ordered by id are also ordered by age, and safe to generate on any instance without coordination.
 */
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;

// Random bytes drawn from the CSPRNG 4 KiB at a time, each used once: a lead or an import writes several
// ids per row, and a `randomBytes(16)` call each (a call into OpenSSL and a new Buffer) showed in profiles.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let used = POOL_BYTES;

/** The offset in `pool` of `n` (at most 4096) fresh random bytes, valid until the next call. */
function takeRandom(n: number): number {
  if (used + n > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const o = used;
  used += n;
  return o;
}

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
  const o = takeRandom(16);
  pool.writeUIntBE(now, o, 6);
  pool[o + 6] = 0x70 | (seq >> 8);
  pool[o + 7] = seq & 0xff;
  pool[o + 8] = 0x80 | (pool[o + 8]! & 0x3f);
  const h = pool.toString('hex', o, o + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
