import { describe, expect, it } from 'vitest';
import { formatLifetime } from './format-lifetime.js';

describe('formatLifetime', () => {
  it('writes durations in words, per language', () => {
    expect(formatLifetime('P13M', 'fr')).toBe('13 mois');
    expect(formatLifetime('P1Y6M', 'fr')).toBe('1 an et 6 mois');
    expect(formatLifetime('P2Y', 'fr')).toBe('2 ans');
    expect(formatLifetime('P1Y2M3D', 'fr')).toBe('1 an, 2 mois et 3 jours');
    expect(formatLifetime('PT8H', 'fr')).toBe('8 heures');
    expect(formatLifetime('P1Y6M', 'en')).toBe('1 year and 6 months');
    expect(formatLifetime('P1D', 'en')).toBe('1 day');
    expect(formatLifetime('P2WT30M', 'en')).toBe('2 weeks and 30 minutes');
    expect(formatLifetime('PT1S', 'fr')).toBe('1 seconde');
    expect(formatLifetime('PT36H', 'en')).toBe('36 hours');
    expect(formatLifetime('P1W3D', 'fr')).toBe('1 semaine et 3 jours');
    expect(formatLifetime('P1.5D', 'fr')).toBe('1,5 jour');
    expect(formatLifetime('P1.5D', 'en')).toBe('1.5 days');
    expect(formatLifetime('PT1M30S', 'en')).toBe('1 minute and 30 seconds');
  });

  it('names session cookies', () => {
    expect(formatLifetime('session', 'fr')).toBe('Durée de la session');
    expect(formatLifetime('session', 'en')).toBe('Session');
  });

  it('shows an unparseable lifetime as declared', () => {
    expect(formatLifetime('forever', 'fr')).toBe('forever');
  });
});
