/**
 * @module http/client-address.test
 * Which address a per-address limit counts: the socket's, unless the socket is a trusted proxy's;
 * then X-Forwarded-For, read right to left past trusted proxies only. A forged header from a caller
 * who is not a trusted proxy changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { addressBehindProxies, trustedProxies } from './client-address.ts';

describe('http/client-address', () => {
  const proxies = trustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');

  it('ignores X-Forwarded-For from a caller that is not a trusted proxy', () => {
    expect(addressBehindProxies('203.0.113.7', '198.51.100.1', proxies)).toBe('203.0.113.7');
    expect(addressBehindProxies('203.0.113.7', undefined, proxies)).toBe('203.0.113.7');
  });

  it('takes the address a trusted proxy saw, skipping further trusted proxies, never past an untrusted hop', () => {
    expect(addressBehindProxies('127.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(addressBehindProxies('::ffff:127.0.0.1', '203.0.113.7, 10.1.2.3', proxies)).toBe('203.0.113.7');
    // The client forged the leftmost entry; the first untrusted hop from the right is who connected.
    expect(addressBehindProxies('10.0.0.5', '1.2.3.4, 203.0.113.7, 10.9.9.9', proxies)).toBe('203.0.113.7');
    expect(addressBehindProxies('fd00::1', '2001:db8::5', proxies)).toBe('2001:db8::5');
  });

  it('stops at a mangled entry, and a proxy with no header is the caller', () => {
    expect(addressBehindProxies('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
    expect(addressBehindProxies('127.0.0.1', '', proxies)).toBe('127.0.0.1');
  });

  it('trusts nothing when unset, and refuses an entry that is not an address or a range', () => {
    expect(addressBehindProxies('127.0.0.1', '203.0.113.7', trustedProxies(''))).toBe('127.0.0.1');
    expect(() => trustedProxies('10.0.0.0/33')).toThrow(/"10.0.0.0\/33" is neither an IP address nor a CIDR range/);
    expect(() => trustedProxies('proxy.local')).toThrow(/CRM_TRUSTED_PROXIES: "proxy.local"/);
  });
});
