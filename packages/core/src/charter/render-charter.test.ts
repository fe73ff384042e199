import { describe, expect, it } from 'vitest';
import { charterRevision } from '../../test/fixtures/charter-revision.js';
import { buildCharter } from './build-charter.js';
import { CHARTER_CONTENT_TYPES, CHARTER_FORMATS, isCharterFormat } from './charter.js';
import { CHARTER_STYLESHEET } from './charter-stylesheet.js';
import { renderCharter } from './render-charter.js';

describe('renderCharter', () => {
  const charter = buildCharter(charterRevision(), 'fr');

  it('renders each format from the one model', () => {
    expect(renderCharter(charter, 'html', { stylesheetHref: '/a.css' })).toContain(
      '<link rel="stylesheet" href="/a.css">',
    );
    expect(renderCharter(charter, 'md').startsWith('## Charte cookies\n')).toBe(true);
    expect(renderCharter(charter, 'txt').startsWith('Charte cookies\n')).toBe(true);
    expect(JSON.parse(renderCharter(charter, 'json'))).toEqual(charter);
  });

  it('knows the formats and their media types', () => {
    expect(CHARTER_FORMATS).toEqual(['html', 'md', 'txt', 'json']);
    expect(Object.keys(CHARTER_CONTENT_TYPES).sort()).toEqual([...CHARTER_FORMATS].sort());
    expect(isCharterFormat('md')).toBe(true);
    expect(isCharterFormat('pdf')).toBe(false);
  });
});

describe('CHARTER_STYLESHEET', () => {
  it('shows keyboard focus and loads nothing from elsewhere', () => {
    expect(CHARTER_STYLESHEET).toMatch(/:focus-visible\s*{[^}]*outline: 3px solid/);
    expect(CHARTER_STYLESHEET).not.toMatch(/@import|url\(/);
  });

  it('has balanced braces', () => {
    const open = CHARTER_STYLESHEET.split('{').length;
    expect(CHARTER_STYLESHEET.split('}').length).toBe(open);
  });
});
