import { describe, expect, it } from 'vitest';
import { isPrivateAddress, networkGuard } from './private-network.js';

describe('isPrivateAddress', () => {
  it('names the server’s own machine and networks, and nothing public', () => {
    for (const a of [
      '127.0.0.1',
      '127.9.9.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '[::1]',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of [
      '8.8.8.8',
      '172.32.0.1',
      '193.51.100.1',
      '2001:4860:4860::8888',
      'example.org',
    ]) {
      expect(isPrivateAddress(a), a).toBe(false);
    }
  });
});

describe('networkGuard', () => {
  it('refuses private addresses, localhost and names that resolve to a private address', async () => {
    const names: Record<string, string[]> = {
      'public.example': ['93.184.215.14'],
      'inside.example': ['93.184.215.14', '10.0.0.7'],
    };
    const guard = networkGuard(async (host) => {
      const found = names[host];
      if (!found) throw new Error('ENOTFOUND');
      return found;
    });
    expect(await guard.allows('https://public.example/page')).toBe(true);
    expect(await guard.allows('https://inside.example/')).toBe(false);
    expect(await guard.allows('http://169.254.169.254/latest/meta-data/')).toBe(false);
    expect(await guard.allows('http://localhost:5432/')).toBe(false);
    expect(await guard.allows('http://demo.galette.localhost:8080/')).toBe(false);
    expect(await guard.allows('http://[::1]:3000/')).toBe(false);
    expect(await guard.allows('wss://inside.example/socket')).toBe(false);
    expect(await guard.allows('https://unknown.example/')).toBe(true);
    expect(await guard.allows('data:text/plain,hello')).toBe(true);
    expect(await guard.allows('not a url')).toBe(false);
  });
});
