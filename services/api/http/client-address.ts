import { isIP } from 'node:net';
import type { Context } from 'hono';

/** What the Node adapter (`incoming`) or API Gateway (`event`) put in the Hono context's env. */
interface ConnectionBindings {
  incoming?: { socket?: { remoteAddress?: string } };
  event?: { requestContext?: { identity?: { sourceIp?: string }; http?: { sourceIp?: string } } };
}

/**
 * The address a caller is counted by. IPv4-mapped IPv6 becomes plain IPv4, and IPv6 is cut to
 * its /64: one subscriber usually holds a whole /64, so counting single IPv6 addresses would let
 * one client act as 2^64 callers.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The peer's address as the server saw it, never a header the client wrote: the socket's remote
 * address on Node, API Gateway's `sourceIp` on Lambda. With `trustProxyHops` = N (the server sits
 * behind N proxies the operator trusts), the address N hops back: the N-th `X-Forwarded-For`
 * entry from the right, each proxy having appended the address it received the request from
 * (Express's "trust proxy" = N). Undefined when the transport does not say (`app.request()`).
 */
export function clientAddress(c: Context, trustProxyHops = 0): string | undefined {
  const env = c.env as ConnectionBindings | undefined;
  const peer =
    env?.incoming?.socket?.remoteAddress ??
    env?.event?.requestContext?.identity?.sourceIp ??
    env?.event?.requestContext?.http?.sourceIp;
  if (trustProxyHops <= 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Right to left: the peer is hop 0, the last entry hop 1, and so on; stop at the furthest known.
  const hops = [peer, ...forwarded.reverse()];
  const candidate = hops[Math.min(trustProxyHops, hops.length - 1)];
  return candidate && isIP(candidate) ? candidate : peer;
}
