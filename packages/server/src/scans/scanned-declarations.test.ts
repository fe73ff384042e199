import { parsePortalFile, toPortalFile } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { withScannedDeclarations, REVIEW_CATEGORY } from './scanned-declarations.js';
import type { StoredFinding } from './scan-diff.js';

const finding = (name: string): StoredFinding => ({
  id: `undeclared no-action cookie:${name}`,
  rule: 'undeclared',
  severity: 'error',
  scenario: 'no-action',
  subject: { kind: 'cookie', name, where: 'portal.example' },
  pages: ['https://portal.example/'],
  setBy: [],
});

// What the worker stores beside a report: every text in French and English.
const scanned = {
  declarations: [
    {
      name: '_ga',
      storage: 'cookie',
      category: 'statistics',
      lifetime: 'P13M',
      party: 'first',
      provider: 'Google',
      service: {
        fr: 'Vu sur portal.example (à compléter)',
        en: 'Seen on portal.example (to complete)',
      },
      purpose: { fr: 'Mesure d’audience.', en: 'Audience measurement.' },
    },
    {
      name: 'mystery',
      storage: 'cookie',
      category: REVIEW_CATEGORY,
      lifetime: 'P1D',
      party: 'first',
      provider: 'portal.example',
      service: {
        fr: 'Vu sur portal.example (à compléter)',
        en: 'Seen on portal.example (to complete)',
      },
      purpose: { fr: 'À compléter.', en: 'To complete.' },
    },
  ],
  categories: [
    {
      id: REVIEW_CATEGORY,
      label: { fr: 'À vérifier', en: 'To review' },
      description: { fr: 'Traceurs à classer.', en: 'Trackers to sort.' },
    },
  ],
};

describe('withScannedDeclarations', () => {
  it('adds declarations in the portal’s own languages, so a one-language portal takes them', () => {
    for (const languages of [['fr'], ['en'], ['fr', 'en']]) {
      const portal = parsePortalFile({
        format: 'galette.portal/1',
        id: 'portal.example',
        name: 'Portail',
        url: 'https://portal.example/',
        languages,
        defaultLanguage: languages[0],
        declarations: [],
      });
      const { file, added, toReview } = withScannedDeclarations(toPortalFile(portal), scanned, [
        finding('_ga'),
        finding('mystery'),
      ]);
      expect(added).toEqual(['_ga', 'mystery']);
      expect(toReview).toBe(1);
      // The portal file's own validator accepts the result.
      const saved = parsePortalFile(file);
      expect(saved.declarations.map((d) => d.name)).toEqual(['_ga', 'mystery']);
      expect(Object.keys(saved.declarations[0]!.purpose)).toEqual(languages);
    }
  });
});
