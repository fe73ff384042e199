import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { parsePortalFile, toPortalFile } from './portal-file.js';
import { revisionHash } from './revision.js';

const file = (widget: unknown) => ({
  format: 'galette.portal/1',
  id: 'opendata.example.fr',
  name: 'Example',
  url: 'https://opendata.example.fr',
  declarations: [],
  widget,
});

const problems = (widget: unknown) => {
  try {
    parsePortalFile(file(widget));
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.errors.map((x) => `${x.path}: ${x.message}`);
  }
};

describe('the widget key of a portal file', () => {
  it('is read into the content and written back unchanged', () => {
    const widget = {
      theme: 'dsfr',
      accentColor: '#B60000',
      consentMonths: 13,
      cookieDomain: '.example.fr',
      control: 'none',
      consentMode: { ad_storage: 'statistics' },
      charterUrl: 'https://opendata.example.fr/{lang}/cookies',
      texts: { bannerTitle: { fr: 'Cookies', en: 'Cookies' } },
    };
    const content = parsePortalFile(file(widget));
    expect(content.widget).toEqual({ ...widget, accentColor: '#b60000' });
    expect(revisionHash(parsePortalFile(toPortalFile(content)))).toBe(revisionHash(content));
    expect(parsePortalFile(file(undefined)).widget).toBeUndefined();
  });

  it('names every unusable setting', () => {
    expect(
      problems({
        theme: 'dark',
        accentColor: '#f5f5f5',
        consentMonths: 14,
        control: 'top',
        consentMode: { ad_storage: 'ads', analytics: 'statistics' },
        texts: { bannerTitel: { fr: 'x' }, save: { en: 'Save' } },
        colour: 'red',
      }),
    ).toEqual([
      'widget.colour: unknown field',
      'widget.theme: "dark" is not one of "neutral", "dsfr"',
      expect.stringMatching(/^widget\.accentColor: contrast with the banner background/),
      'widget.consentMonths: must be a whole number of months from 1 to 13',
      'widget.control: "top" is not one of "left", "right", "none"',
      expect.stringMatching(
        /^widget\.consentMode\.ad_storage: must be one of the portal's categories/,
      ),
      expect.stringMatching(/^widget\.consentMode\.analytics: unknown consent type/),
      expect.stringMatching(
        /^widget\.texts\.bannerTitel: unknown widget text \(did you mean "bannerTitle"\?\)/,
      ),
      'widget.texts.save: must have a text in the default language "fr"',
    ]);
  });
});
