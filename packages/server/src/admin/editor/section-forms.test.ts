import { parsePortalFile, toPortalFile, type PortalFile } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { categoryFormOf, putCategory, removeCategory } from './category-form.js';
import { applyTextsForm, textsFormOf } from './texts-form.js';
import { accentContrast, applyWidgetForm, widgetFormOf } from './widget-form.js';

const file: PortalFile = toPortalFile(
  parsePortalFile({
    format: 'galette.portal/1',
    id: 'portal.example',
    name: 'Portal',
    url: 'https://portal.example',
    categories: [{ id: 'video', label: { fr: 'Vidéo' }, description: { fr: 'V' } }],
    declarations: [
      { provider: 'P', service: { fr: 'S' }, name: 'a', purpose: { fr: 'F' }, category: 'video' },
    ],
    texts: { intro: { fr: 'Bonjour', en: 'Hello' } },
    widget: { theme: 'dsfr', consentMode: { ad_storage: 'video' }, consentMonths: 12 },
  }),
);

describe('category form', () => {
  it('renames a category with its declarations and Consent Mode mappings', () => {
    const form = { ...categoryFormOf(file.categories![0], ['fr', 'en']), id: 'videos' };
    const content = parsePortalFile(putCategory(file, form, 0));
    expect(content.categories.map((c) => c.id)).toEqual(['videos']);
    expect(content.declarations[0]!.category).toBe('videos');
    expect(content.widget?.consentMode).toEqual({ ad_storage: 'videos' });
    expect(removeCategory(file, 0).categories).toEqual([]);
  });
});

describe('texts form', () => {
  it('sets and clears one language, keeping the others', () => {
    const form = { ...textsFormOf(file, 'en'), intro: '', contact: 'Write\r\nto us ' };
    const next = applyTextsForm(file, 'en', form);
    expect(next.texts).toEqual({ intro: { fr: 'Bonjour' }, contact: { en: 'Write\nto us' } });
  });
});

describe('widget form', () => {
  it('round-trips, and leaves blank fields to the defaults', () => {
    expect(parsePortalFile(applyWidgetForm(file, widgetFormOf(file)))).toEqual(
      parsePortalFile(file),
    );
    const cleared = applyWidgetForm(file, { consentMode: 'default' });
    expect(cleared.widget).toBeUndefined();
    expect(applyWidgetForm(file, { consentMode: 'off', consentMonths: 'six' }).widget).toEqual({
      consentMode: false,
      consentMonths: 'six',
    });
  });

  it('computes the accent colour’s contrast on the theme’s panel', () => {
    expect(accentContrast({ accentColor: '#000091', theme: 'dsfr' })).toMatchObject({ ok: true });
    expect(accentContrast({ accentColor: '#949494' })).toEqual({
      ratio: '3.03',
      ok: false,
      background: '#ffffff',
    });
    expect(accentContrast({ accentColor: 'blue' })).toBeUndefined();
  });
});
