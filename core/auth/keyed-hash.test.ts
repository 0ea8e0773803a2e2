import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyedHash } from './keyed-hash.ts';

const SECRET = 'test-secret-at-least-16-bytes';

describe('keyedHash', () => {
  it('is the HMAC-SHA-256 of kind and normalised value, so written forms collapse', () => {
    const expected = createHmac('sha256', SECRET).update('nip:5260250274').digest('hex');
    expect(keyedHash(SECRET, 'nip', 'PL 526-025-02-74')).toBe(expected);
    expect(keyedHash(SECRET, 'nip', '5260250274')).toBe(expected);
    expect(keyedHash(SECRET, 'phone', '600 100 200')).toBe(keyedHash(SECRET, 'phone', '+48600100200'));
  });

  it('depends on the key and the kind', () => {
    const h = keyedHash(SECRET, 'pesel', '44051401359');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(`${SECRET}!`, 'pesel', '44051401359')).not.toBe(h);
    expect(keyedHash(SECRET, 'regon', '123456785')).not.toBe(
      createHmac('sha256', SECRET).update('nip:123456785').digest('hex'),
    );
  });

  it('refuses invalid values and short keys', () => {
    expect(() => keyedHash(SECRET, 'pesel', '44051401358')).toThrow(/check digit/);
    expect(() => keyedHash('short', 'pesel', '44051401359')).toThrow(/16 bytes/);
  });
});
