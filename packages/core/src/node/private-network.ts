import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses no scan from the server may reach: the server's own machine and networks. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast, reserved. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '');
  const kind = isIP(a);
  if (kind === 4) return PRIVATE.check(a, 'ipv4');
  if (kind !== 6) return false;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(a, 'ipv6');
}

export interface NetworkGuard {
  /** False when the URL's host is, or resolves to, a private address. */
  allows(url: string): Promise<boolean>;
}

/**
 * Tells whether a URL leads out of the server's own networks, resolving each host once per
 * guard (one scan): a name that resolves to any private address is refused, like an address
 * written in the URL. Schemes other than http(s) and ws(s) carry no request to check.
 */
export function networkGuard(
  resolve: (host: string) => Promise<readonly string[]> = async (host) =>
    (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
): NetworkGuard {
  const hosts = new Map<string, Promise<boolean>>();
  const hostAllowed = async (host: string): Promise<boolean> => {
    if (host === 'localhost' || host.endsWith('.localhost')) return false;
    if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return !isPrivateAddress(host);
    try {
      const addresses = await resolve(host);
      return !addresses.some(isPrivateAddress);
    } catch {
      // A name that does not resolve reaches nothing; the browser will say so itself.
      return true;
    }
  };
  return {
    async allows(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (!/^(https?|wss?):$/.test(parsed.protocol)) return true;
      const host = parsed.hostname.toLowerCase();
      let allowed = hosts.get(host);
      if (!allowed) hosts.set(host, (allowed = hostAllowed(host)));
      return allowed;
    },
  };
}
