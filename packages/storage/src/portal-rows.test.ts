import { canonicalJson, revisionHash, type PortalContent } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { normalizeContent, portalFromRows, portalToRows } from './portal-rows.js';

const portal: PortalContent = {
  id: 'p.example',
  name: 'P',
  url: 'https://p.example',
  origins: [],
  languages: ['fr'],
  defaultLanguage: 'fr',
  categories: [],
  declarations: [
    {
      provider: 'X',
      service: { fr: 's' },
      name: 'a',
      purpose: { fr: 'p' },
      category: 'necessary',
      party: 'first',
      storage: 'sessionStorage',
      consentExempt: false,
      hosts: [],
    },
  ],
  texts: { title: { fr: 'T', en: 'T' }, intro: { fr: 'I' } },
};

describe('portal rows', () => {
  it('round-trips a draft, keeping false, empty arrays and absent fields apart', () => {
    const back = portalFromRows(portalToRows(portal));
    expect(back).toStrictEqual(portal);
    expect(JSON.stringify(back)).toBe(JSON.stringify(portal));
  });

  it('keeps text sections and languages in their saved order', () => {
    const rows = portalToRows(portal);
    expect(rows.texts.map((t) => [t.position, t.section, t.lang])).toEqual([
      [0, 'title', 'fr'],
      [1, 'title', 'en'],
      [2, 'intro', 'fr'],
    ]);
    const shuffled = { ...rows, texts: [...rows.texts].reverse() };
    expect(JSON.stringify(portalFromRows(shuffled))).toBe(JSON.stringify(portal));
  });

  it('puts canonical (key-sorted) JSON back in model order without changing its hash', () => {
    const canonical = JSON.parse(canonicalJson(portal)) as PortalContent;
    expect(Object.keys(canonical)[0]).toBe('categories');
    const normalized = normalizeContent(canonical);
    expect(Object.keys(normalized)).toEqual(Object.keys(portal));
    expect(revisionHash(normalized)).toBe(revisionHash(portal));
  });

  it('drops explicitly undefined optional fields and sections without any language', () => {
    const loose = {
      ...portal,
      declarations: [{ ...portal.declarations[0]!, lifetime: undefined }],
      texts: { ...portal.texts, contact: {} },
    } as PortalContent;
    const normalized = normalizeContent(loose);
    expect('lifetime' in normalized.declarations[0]!).toBe(false);
    expect('contact' in normalized.texts).toBe(false);
  });
});
