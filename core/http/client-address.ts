/**
 * @module http/client-address
 * The caller's network address, for per-address limits (failed sign-ins, public leads): the
 * socket's address, unless that socket belongs to a trusted proxy — then the address that proxy saw,
 * read from `X-Forwarded-For` right to left, skipping further trusted proxies. A header from anyone
 * else is ignored, so a client cannot choose its own address by sending one.
 *
 * Trusted proxies come from `CRM_TRUSTED_PROXIES`: comma-separated addresses and CIDR ranges
 * (`127.0.0.1, 10.0.0.0/8, ::1, fd00::/8`). Unset, nothing is trusted.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';
import type { HttpEnv } from './env.ts';

/** `::ffff:192.0.2.1` (an IPv4 caller on a dual-stack socket) is `192.0.2.1`. */
const plain = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * Parse a trusted-proxy list; throws naming the entry that is neither an address nor a CIDR range.
 * @example
 * const trusted = trustedProxies('127.0.0.1, 10.0.0.0/8');
 */
export function trustedProxies(list: string): BlockList {
  const blocks = new BlockList();
  for (const raw of list
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [address = '', prefix] = raw.split('/');
    const ip = plain(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const max = isIP(ip) === 6 ? 128 : 32;
    if (!isIP(ip) || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= max)))
      throw new Error(`CRM_TRUSTED_PROXIES: "${raw}" is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8)`);
    if (bits === null) blocks.addAddress(ip, family(ip));
    else blocks.addSubnet(ip, bits, family(ip));
  }
  return blocks;
}

/**
 * The address a request came from, given its socket's address, its `X-Forwarded-For` and the
 * trusted proxies.
 * @example
 * addressBehindProxies('10.0.0.5', '203.0.113.7, 10.0.0.9', trustedProxies('10.0.0.0/8')) // '203.0.113.7'
 */
export function addressBehindProxies(socket: string, forwardedFor: string | undefined, trusted: BlockList): string {
  let address = plain(socket);
  if (!forwardedFor) return address;
  const hops = forwardedFor.split(',').map(plain).reverse();
  for (const hop of hops) {
    if (!isIP(address) || !trusted.check(address, family(address))) return address;
    if (!isIP(hop)) return address; // a mangled header: stop at the last address a trusted proxy vouched for
    address = hop;
  }
  return address;
}

let parsed: { list: string; blocks: BlockList } | null = null;

/** The trusted proxies of `CRM_TRUSTED_PROXIES` (parsed once per value; throws on a bad entry). */
export function trustedProxiesFromEnv(): BlockList {
  const list = process.env.CRM_TRUSTED_PROXIES ?? '';
  if (parsed?.list !== list) parsed = { list, blocks: trustedProxies(list) };
  return parsed.blocks;
}

/** The caller's address (see the module note), or null when not served by Node's HTTP server. */
export function clientAddress(c: Context<HttpEnv>): string | null {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    return null; // not served by @hono/node-server (tests, other runtimes)
  }
  if (!socket) return null;
  return addressBehindProxies(socket, c.req.header('x-forwarded-for'), trustedProxiesFromEnv());
}
