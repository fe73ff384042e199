import { fieldError, parsePortalFile, toPortalFile, type PortalFile } from '@galette/core';
import { describe, expect, it } from 'vitest';
import {
  declarationFormOf,
  declarationOfForm,
  moveDeclaration,
  putDeclaration,
  rowOf,
} from './declaration-form.js';
import { editorErrors } from './editor-errors.js';
import { applyGeneralForm, generalFormOf } from './general-form.js';

const file: PortalFile = toPortalFile(
  parsePortalFile({
    format: 'galette.portal/1',
    id: 'portal.example',
    name: 'Portal',
    url: 'https://portal.example',
    languages: ['fr', 'en'],
    categories: [
      { id: 'video', label: { fr: 'Vidéo', en: 'Video' }, description: { fr: 'V', en: 'V' } },
    ],
    declarations: [
      {
        provider: 'P',
        service: { fr: 'S', en: 'S en' },
        name: 'a',
        purpose: { fr: 'F', en: 'E' },
        category: 'necessary',
      },
      {
        provider: 'Q',
        service: { fr: 'T', en: 'T en' },
        name: 'b',
        purpose: { fr: 'G', en: 'G en' },
        category: 'video',
        lifetime: 'P1Y',
        hosts: ['www.youtube.com'],
      },
    ],
    texts: { intro: { fr: 'Seulement en français' }, contact: { fr: 'Écrivez-nous', en: 'Write' } },
  }),
);

describe('general settings form', () => {
  it('round-trips the draft unchanged', () => {
    expect(parsePortalFile(applyGeneralForm(file, generalFormOf(file)))).toEqual(
      parsePortalFile(file),
    );
  });

  it('takes a language off with its translations, and an empty origin list means the default', () => {
    const form = {
      ...generalFormOf(file),
      languages: ['en'],
      defaultLanguage: 'en',
      origins: '  \n',
    };
    const content = parsePortalFile(applyGeneralForm(file, form));
    expect(content.languages).toEqual(['en']);
    expect(content.origins).toEqual(['https://portal.example']);
    expect(content.declarations[0]!.purpose).toEqual({ en: 'E' });
    expect(content.categories[0]!.label).toEqual({ en: 'Video' });
    // An override left with no language is dropped: Galette's text applies again.
    expect(content.texts).toEqual({ contact: { en: 'Write' } });
  });
});

describe('declaration form', () => {
  it('round-trips every field, and leaves blank ones to the file', () => {
    const d = file.declarations[1]!;
    const form = declarationFormOf(d, ['fr', 'en']);
    expect(form).toMatchObject({ 'service.en': 'T en', lifetime: 'P1Y', hosts: 'www.youtube.com' });
    expect(declarationOfForm({ ...form, 'service.en': '' }, ['fr', 'en'])).toEqual({
      provider: 'Q',
      service: { fr: 'T' },
      name: 'b',
      purpose: { fr: 'G', en: 'G en' },
      category: 'video',
      lifetime: 'P1Y',
      party: 'first',
      storage: 'cookie',
      hosts: ['www.youtube.com'],
    });
    const blank = declarationOfForm({ ...form, provider: ' ', consentExempt: 'on' }, ['fr']);
    expect(blank.provider).toBeUndefined();
    expect(blank.consentExempt).toBe(true);
  });

  it('puts, moves and removes rows', () => {
    const c = { ...file.declarations[0]!, name: 'c' };
    const names = (f: PortalFile) => f.declarations.map((d) => d.name);
    expect(names(putDeclaration(file, c, {}))).toEqual(['a', 'b', 'c']);
    expect(names(putDeclaration(file, c, { after: 0 }))).toEqual(['a', 'c', 'b']);
    expect(names(putDeclaration(file, c, { row: 1 }))).toEqual(['a', 'c']);
    expect(names(moveDeclaration(file, 1, 'up'))).toEqual(['b', 'a']);
    expect(names(moveDeclaration(file, 0, 'down'))).toEqual(['b', 'a']);
    expect(moveDeclaration(file, 0, 'up')).toBe(file);
    expect(names(moveDeclaration(file, 0, 'remove'))).toEqual(['b']);
    expect([rowOf('1', file), rowOf('2', file), rowOf('-1', file), rowOf('1e0', file)]).toEqual([
      1,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('errors on a form', () => {
  it('puts each path beside its field, per row, or aside', () => {
    const errors = editorErrors(
      [
        fieldError('declarations[3].purpose', 'missing_default_text', { lang: 'fr' }),
        fieldError('declarations[3].hosts[1]', 'not_a_host_name', { value: 'x!' }),
        fieldError('declarations[5].lifetime', 'bad_lifetime', { value: 'x' }),
        fieldError('texts.intro', 'unknown_charter_section'),
      ],
      'en',
      { prefix: 'declarations[3]', fields: ['purpose.en', 'purpose.fr', 'hosts'] },
    );
    expect(Object.keys(errors.fields)).toEqual(['purpose.fr', 'hosts']);
    expect([...errors.rows.keys()]).toEqual([5]);
    expect(errors.rows.get(5)![0]!.path).toBe('lifetime');
    expect(errors.others.map((e) => e.path)).toEqual(['texts.intro']);
  });
});
