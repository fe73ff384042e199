import { safeParseForm } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { declarationFields } from './declaration-form.js';
import {
  declarationFormShape,
  generalFormShape,
  textFormOf,
  versionOf,
  widgetFormShape,
} from './editor-form-shapes.js';

describe('editor form shapes', () => {
  it('types the version seen: a positive integer, or absent', () => {
    const read = (version?: string) =>
      safeParseForm(generalFormShape, version === undefined ? {} : { version });
    expect(read('7')).toMatchObject({ ok: true, value: { version: 7 } });
    for (const absent of ['', undefined]) {
      const result = read(absent);
      expect(result.ok && result.value.version, String(absent)).toBeUndefined();
    }
    for (const bad of ['0', '-1', '1.5', 'abc']) {
      expect(read(bad), bad).toMatchObject({ ok: false, errors: [{ path: 'version' }] });
    }
    expect(versionOf({ version: '3' })).toBe(3);
    expect(versionOf({ version: 'x' })).toBeUndefined();
  });

  it('names per language the fields of the portal’s languages only', () => {
    const fr = declarationFormShape(['fr']);
    const sent = { provider: 'P', 'service.fr': 'S', consentExempt: 'on', row: '2' };
    const read = safeParseForm(fr, sent);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect((read.value as Record<string, unknown>).consentExempt).toBe(true);
    const form = textFormOf(read.value, declarationFields(['fr']));
    expect(form).toMatchObject({ provider: 'P', 'service.fr': 'S', consentExempt: 'on', name: '' });
    expect(safeParseForm(fr, { ...sent, 'service.en': 'S' })).toMatchObject({
      ok: false,
      errors: [{ path: '["service.en"]', code: 'unknown_field' }],
    });
    expect(safeParseForm(declarationFormShape(['fr', 'en']), { 'service.en': 'S' }).ok).toBe(true);
    expect(safeParseForm(widgetFormShape(['en']), { 'texts.bannerTitle.en': 'T' }).ok).toBe(true);
    expect(safeParseForm(widgetFormShape(['fr']), { 'texts.bannerTitle.en': 'T' }).ok).toBe(false);
  });

  it('collects the ticked languages and bounds texts above the portal file’s limits', () => {
    const read = safeParseForm(generalFormShape, {
      languages: ['fr', 'en'],
      name: 'n'.repeat(201),
    });
    expect(read).toMatchObject({ ok: true, value: { languages: ['fr', 'en'] } });
    expect(safeParseForm(generalFormShape, { name: 'n'.repeat(50_001) })).toMatchObject({
      ok: false,
      errors: [{ path: 'name', code: 'too_long' }],
    });
  });
});
