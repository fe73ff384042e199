import { describe, expect, it } from 'vitest';
import { clientKey, createProxyTrust, trustedNetworks } from './proxy-trust.js';

describe('createProxyTrust', () => {
  it('trusts nobody by default: X-Forwarded-For is ignored', () => {
    const trust = createProxyTrust(undefined);
    expect(trust.client('198.51.100.4', '203.0.113.7')).toBe('198.51.100.4');
    expect(trust.trusts('198.51.100.4')).toBe(false);
  });

  it('with a hop count, reads from the right end: what the client wrote on the left is ignored', () => {
    const one = createProxyTrust(1);
    // The client forged "1.2.3.4"; the one proxy appended the address it really came from.
    expect(one.client('10.0.0.2', '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    expect(createProxyTrust(true).client('10.0.0.2', '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    const two = createProxyTrust(2);
    expect(two.client('10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.9')).toBe('203.0.113.7');
    // Fewer entries than hops: the leftmost there is.
    expect(two.client('10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    expect(one.client('10.0.0.2', undefined)).toBe('10.0.0.2');
  });

  it('with a list, skips trusted proxies from the right and stops at the first other address', () => {
    const trust = createProxyTrust(['10.0.0.0/8', '2001:db8:ffff::1']);
    expect(trust.client('10.0.0.2', '1.2.3.4, 203.0.113.7, 10.1.2.3')).toBe('203.0.113.7');
    expect(trust.client('::ffff:10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    expect(trust.client('2001:db8:ffff::1', '2001:db8:1:2::5, 10.9.9.9')).toBe('2001:db8:1:2::5');
    // A connection that does not come from a trusted proxy: its headers say nothing.
    expect(trust.client('198.51.100.4', '203.0.113.7')).toBe('198.51.100.4');
    expect(trust.trusts('198.51.100.4')).toBe(false);
    expect(trust.trusts('10.200.0.1')).toBe(true);
    // Ports and brackets as some proxies write them.
    expect(trust.client('10.0.0.2', '[2001:db8::7]:4431')).toBe('2001:db8::7');
    expect(trust.client('10.0.0.2', '203.0.113.7:5000')).toBe('203.0.113.7');
  });

  it('refuses list entries that are neither addresses nor CIDR networks', () => {
    for (const entry of ['10.0.0.0/33', 'proxy.example', '10.0.0.0/8x', '::1/129', '']) {
      expect(() => trustedNetworks([entry]), entry).toThrow(TypeError);
    }
    expect(() => trustedNetworks(['192.0.2.0/24', '::1', 'fd00::/8'])).not.toThrow();
  });
});

describe('clientKey', () => {
  it('keys IPv4 clients by address and IPv6 clients by their /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('unknown')).toBe('unknown');
  });
});
