import { describe, expect, it } from 'vitest';
import { charterRevision, declaration } from '../../test/fixtures/charter-revision.js';
import { buildCharter } from './build-charter.js';
import type { Charter } from './charter.js';
import { renderCharterJson } from './render-charter-json.js';

/** Rebuilds every object of a value with its keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('renderCharterJson', () => {
  const charter = buildCharter(
    charterRevision({
      declarations: [declaration({ name: 'a', lifetime: 'P1Y', domain: '.x.fr' })],
    }),
    'fr',
  );

  it('round-trips the charter model', () => {
    expect(JSON.parse(renderCharterJson(charter))).toEqual(charter);
  });

  it('writes keys in a stable order whatever the object order', () => {
    const json = renderCharterJson(charter);
    expect(renderCharterJson(reverseKeys(charter) as Charter)).toBe(json);
    expect(Object.keys(JSON.parse(json))).toEqual([
      'portal',
      'revision',
      'lang',
      'title',
      'intro',
      'versionNote',
      'sections',
      'columns',
      'categories',
    ]);
  });

  it('is pretty-printed and ends with a newline', () => {
    const json = renderCharterJson(charter);
    expect(json.startsWith('{\n  "portal": {\n    "id": "data.example.fr",')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });
});
