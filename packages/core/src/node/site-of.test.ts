import { describe, expect, it } from 'vitest';
import { siteOf } from './site-of.js';

describe('siteOf', () => {
  it('is the registrable domain by the public-suffix list, private suffixes included', () => {
    expect(siteOf('opendata.paris.fr')).toBe('paris.fr');
    expect(siteOf('www.data.gouv.fr')).toBe('data.gouv.fr');
    expect(siteOf('portal.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('other.co.uk')).toBe('other.co.uk');
    expect(siteOf('a.github.io')).not.toBe(siteOf('b.github.io'));
    expect(siteOf('Data.Example.ORG.')).toBe('example.org');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('demo.galette.localhost')).toBe('demo.galette.localhost');
  });
});
