/**
 * @module leads/form-token.test
 * The lead form's signed token: accepted for its own key between the minimum fill time and the
 * maximum age; refused when too fast, too old, for another key, under another secret, or altered.
 */
import { describe, expect, it } from 'vitest';
import { checkFormToken, issueFormToken } from './form-token.ts';

const secret = 'test-secret-0123456789abcdef';
const key = '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';
const issuedAt = Date.parse('2026-03-02T09:00:00Z');
const limits = { minMs: 3_000, maxMs: 3_600_000 };
const check = (token: unknown, afterMs: number, forKey = key, withSecret = secret) =>
  checkFormToken(withSecret, token, forKey, issuedAt + afterMs, limits);

describe('lead form token', () => {
  const token = issueFormToken(secret, key, issuedAt);

  it('is accepted for its key from the minimum fill time to the maximum age', () => {
    expect(check(token, limits.minMs)).toBe('ok');
    expect(check(token, 60_000)).toBe('ok');
    expect(check(token, limits.maxMs)).toBe('ok');
  });

  it('says too-fast for a form sent sooner than a person can fill it, expired for an old one', () => {
    expect(check(token, 500)).toBe('too-fast');
    expect(check(token, limits.maxMs + 1)).toBe('expired');
  });

  it('is refused for another key or under another secret', () => {
    expect(check(token, 60_000, '0193a1b2-0000-7e4f-8a9b-0c1d2e3f4a5b')).toBe('invalid');
    expect(check(token, 60_000, key, 'another-secret-0123456789abcd')).toBe('invalid');
  });

  it('is refused when any part is altered: the time, the key in it, or the signature', () => {
    const [time, nonce, forKey, mac] = token.split('.');
    const older = (parseInt(time!, 36) - 600_000).toString(36);
    expect(check([older, nonce, forKey, mac].join('.'), 60_000)).toBe('invalid');
    expect(check([time, nonce, 'other-key', mac].join('.'), 60_000, 'other-key')).toBe('invalid');
    expect(check(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 60_000)).toBe('invalid');
  });

  it('is refused when it is not a token at all', () => {
    for (const junk of [undefined, null, 42, '', 'no-dots', 'a.b.c.d', 'x'.repeat(201)]) {
      expect(check(junk, 60_000)).toBe('invalid');
    }
  });

  it('differs each time it is issued, so one token cannot be told from another by its look', () => {
    expect(issueFormToken(secret, key, issuedAt)).not.toBe(token);
  });
});
