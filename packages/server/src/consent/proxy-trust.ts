import { BlockList, isIP } from 'node:net';

/**
 * Which reverse proxies in front of Galette may say who the client is (`GALETTE_TRUST_PROXY`):
 * `false`/`0` none; a number of hops (`true` is 1), each appending the address it got the request
 * from to `X-Forwarded-For`; or the addresses and CIDR networks of the proxies themselves.
 */
export type TrustProxySetting = boolean | number | readonly string[];

/** A resolved `TrustProxySetting`. */
export interface ProxyTrust {
  /**
   * The client's address from the connection's peer and `X-Forwarded-For` (whose entries a client
   * can forge, except those the trusted proxies appended: read from the right).
   */
  client(peer: string | undefined, forwardedFor: string | undefined): string;
  /** Whether the connection comes from a trusted proxy, whose `X-Forwarded-Proto` counts. */
  trusts(peer: string | undefined): boolean;
}

const UNKNOWN = 'unknown';

export function createProxyTrust(setting: TrustProxySetting | undefined): ProxyTrust {
  if (setting === undefined || setting === false || setting === 0) {
    return { client: (peer) => peer ?? UNKNOWN, trusts: () => false };
  }
  if (typeof setting === 'boolean' || typeof setting === 'number') {
    const hops = setting === true ? 1 : setting;
    if (!Number.isInteger(hops) || hops < 0) throw new TypeError(`trustProxy: ${setting}`);
    return {
      // The peer is the nearest proxy; each further hop appended one entry at the right end.
      client: (peer, forwardedFor) => {
        const chain = [...entries(forwardedFor), peer ?? UNKNOWN];
        return chain[Math.max(0, chain.length - 1 - hops)]!;
      },
      trusts: () => true,
    };
  }
  const proxies = trustedNetworks(setting);
  const trusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return {
    // From the right, skip every address of a trusted proxy: the first other one is the client.
    client: (peer, forwardedFor) => {
      let client = peer ?? UNKNOWN;
      if (!trusted(unmapped(client))) return client;
      const chain = entries(forwardedFor);
      for (let i = chain.length - 1; i >= 0; i--) {
        client = chain[i]!;
        if (!trusted(unmapped(client))) break;
      }
      return client;
    },
    trusts: (peer) => peer !== undefined && trusted(unmapped(peer)),
  };
}

/**
 * The addresses and networks of a `TrustProxySetting` list; throws a `TypeError` naming the
 * first entry that is neither an address nor a CIDR network.
 */
export function trustedNetworks(list: readonly string[]): BlockList {
  const networks = new BlockList();
  for (const raw of list) {
    const entry = raw.trim();
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || !/^\d*$/.test(prefix ?? '') || !(bits >= 0 && bits <= max)) {
      throw new TypeError(`not an address or CIDR network: ${entry}`);
    }
    networks.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return networks;
}

function entries(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((e) => stripPort(e.trim()))
    .filter((e) => e !== '');
}

/** `[2001:db8::1]:443` → `2001:db8::1`, `203.0.113.7:8080` → `203.0.113.7`. */
function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) → `203.0.113.7`. */
export function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/**
 * The key a client is limited and traced by: its IPv4 address, or its IPv6 /64 network, since
 * one subscriber usually holds a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function clientKey(address: string): string {
  const plain = unmapped(address);
  if (isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, lowercase, without leading zeros. */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  let left = parse(head);
  let right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4 was handled above; 64:ff9b::1.2.3.4 here) is two groups.
  const v4 = (groups: string[]) => {
    const last = groups.at(-1);
    if (!last?.includes('.')) return groups;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    return [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  };
  left = v4(left);
  right = v4(right);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16).toString(16));
}
