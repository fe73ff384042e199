import { parsePortalFile, translator } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { describeChanges } from './describe-changes.js';

const t = translator('en');
const declaration = (name: string, purpose = 'Keep the session.') => ({
  provider: 'Opendatasoft',
  service: { fr: 'Service', en: 'Service' },
  name,
  purpose: { fr: purpose, en: purpose },
  category: 'necessary',
});
const content = (declarations: object[], name = 'Portal') =>
  parsePortalFile({
    format: 'galette.portal/1',
    id: 'portal.example.org',
    name,
    url: 'https://portal.example.org',
    declarations,
  });

describe('describeChanges', () => {
  it('reports a creation with its declaration count', () => {
    expect(describeChanges(undefined, content([declaration('a')]), t)).toEqual([
      'Portal portal.example.org created: 1 declaration(s).',
    ]);
  });

  it('counts added, removed and changed declarations and names changed settings', () => {
    const before = content([declaration('a'), declaration('b')]);
    const after = content([declaration('a', 'Changed.'), declaration('c')], 'Renamed');
    expect(describeChanges(before, after, t)).toEqual([
      'Portal portal.example.org updated: 1 declaration(s) added, 1 removed, 1 changed.',
      'Settings changed: name.',
    ]);
  });

  it('notices a reordering and an unchanged draft', () => {
    const before = content([declaration('a'), declaration('b')]);
    expect(describeChanges(before, content([declaration('b'), declaration('a')]), t)[1]).toBe(
      'Settings changed: declarations.',
    );
    expect(describeChanges(before, before, t)).toEqual([
      'Portal portal.example.org: draft unchanged.',
    ]);
  });
});
