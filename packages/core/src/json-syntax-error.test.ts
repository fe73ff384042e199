import { describe, expect, it } from 'vitest';
import { LocalizedError } from './errors.js';
import { jsonSyntaxError, parseJsonText } from './json-syntax-error.js';

describe('jsonSyntaxError', () => {
  it('agrees with JSON.parse on what is JSON', () => {
    const texts = [
      '{}',
      ' [1, -2.5e+3, "a\\u00e9\\n", true, false, null, {"k": []}] ',
      '"x"',
      '0',
      '{"a": 01}',
      '{"a": 1,}',
      '[1 2]',
      '{"a" 1}',
      '"\\x"',
      '-',
      '1.',
      '\ufeff{}',
      '{"a": "line\nbreak"}',
      '{"a": tru}',
      '',
      '{} {}',
    ];
    for (const text of texts) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonSyntaxError(text) === undefined, JSON.stringify(text)).toBe(valid);
    }
  });

  it('gives the line, the column and what was found', () => {
    expect(jsonSyntaxError('{\n  "id": "x",\n  "name": }\n')).toEqual({
      line: 3,
      column: 11,
      found: '}',
    });
    expect(jsonSyntaxError('{"id": ')).toEqual({ line: 1, column: 8, found: undefined });
  });

  it('throws a catalog error in the reader’s language', () => {
    let error: unknown;
    try {
      parseJsonText('{\n  "a": 1,\n}');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocalizedError);
    expect((error as LocalizedError).localize('fr')).toBe(
      'JSON invalide ligne 3, colonne 1 : « } » inattendu',
    );
    expect((error as LocalizedError).localize('en')).toBe(
      'invalid JSON at line 3, column 1: unexpected “}”',
    );
    expect(() => parseJsonText('[')).toThrow(
      'invalid JSON at line 1, column 2: the text ends early',
    );
    expect(parseJsonText('{"a": [1]}')).toEqual({ a: [1] });
  });
});
