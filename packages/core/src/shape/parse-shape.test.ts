import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { formatFieldError, localizeFieldError } from '../field-error.js';
import { jsonSchemaOf } from './json-schema-of.js';
import { parseForm, parseShape, safeParseForm, safeParseShape } from './parse-shape.js';
import { shapeIssue } from './zod-field-errors.js';

const account = z
  .strictObject({
    email: z.email(),
    name: z.string().trim().min(1).max(10),
    role: z.enum(['admin', 'editor', 'viewer']),
    portals: z.array(z.string().regex(/^[a-z.]+$/)).max(2),
    totp: z.boolean(),
    note: z.string().max(20).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'admin' && value.portals.length > 0) {
      ctx.addIssue(shapeIssue('not_a_portal_category', { categories: 'none' }, ['portals']));
    }
  });

const problems = (input: unknown) => {
  const result = safeParseShape(account, input);
  return result.ok ? [] : result.errors.map((e) => formatFieldError(e));
};

describe('parseShape', () => {
  it('returns the parsed value', () => {
    const input = { email: 'a@b.fr', name: ' Ada ', role: 'editor', portals: [], totp: false };
    expect(parseShape(account, input)).toEqual({ ...input, name: 'Ada' });
  });

  it('names every field in document order: unknown, missing, then each field, items by index', () => {
    expect(
      problems({ rôle: 'admin', email: 'x', portals: ['a.fr', 'B', 'c'], name: 'x'.repeat(11) }),
    ).toEqual([
      '["rôle"]: unknown field (did you mean "role"?)',
      'role: is required',
      'totp: is required',
      'email: must be an email address such as agent@example.org',
      'name: must be at most 10 characters long (it has 11)',
      'portals: must have at most 2 items (it has 3)',
    ]);
    expect(
      problems({ role: 'admni', email: 'a@b.fr', name: 'A', portals: ['B'], totp: 1 }),
    ).toEqual([
      'role: "admni" is not one of "admin", "editor", "viewer" (did you mean "admin"?)',
      'portals[0]: does not have the expected form',
      'totp: must be true or false',
    ]);
    expect(problems([])).toEqual(['must be an object']);
  });

  it('reports refinements with Galette codes at the path they name', () => {
    expect(
      problems({ email: 'a@b.fr', name: 'A', role: 'admin', portals: ['a.fr'], totp: true }),
    ).toEqual(["portals: must be one of the portal's categories (none)"]);
  });

  it('throws one ValidationError whose errors read in French too', () => {
    let error: unknown;
    try {
      parseShape(account, { email: 'a@b.fr' }, 'invalid account');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const [first] = (error as ValidationError).errors;
    expect(first).toEqual({ path: 'name', code: 'required', message: 'is required' });
    expect(localizeFieldError(first!, 'fr')).toBe('est obligatoire');
  });
});

describe('parseForm', () => {
  it('reads checkboxes, repeated names and blank optional fields as browsers send them', () => {
    const form = new URLSearchParams([
      ['email', 'a@b.fr'],
      ['name', 'Ada'],
      ['role', 'viewer'],
      ['portals', 'a.fr'],
      ['portals', 'b.fr'],
      ['totp', 'on'],
      ['note', ''],
    ]);
    expect(parseForm(account, form)).toEqual({
      email: 'a@b.fr',
      name: 'Ada',
      role: 'viewer',
      portals: ['a.fr', 'b.fr'],
      totp: true,
    });
    const unchecked = new FormData();
    for (const [k, v] of [
      ['email', 'a@b.fr'],
      ['name', 'Ada'],
      ['role', 'viewer'],
    ]) {
      unchecked.append(k!, v!);
    }
    expect(parseForm(account, unchecked)).toMatchObject({ portals: [], totp: false });
  });

  it('refuses names the form does not have, and names every field', () => {
    const result = safeParseForm(account, { email: 'a@b.fr', name: '', role: 'x', csrf: 't' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => formatFieldError(e))).toEqual([
      'csrf: unknown field',
      'name: is required',
      'role: "x" is not one of "admin", "editor", "viewer"',
    ]);
    const odd = new URLSearchParams('email=a@b.fr&name=n&role=admin&constructor=1&toString=2');
    const refused = safeParseForm(account, odd);
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual([
      'constructor',
      'toString',
    ]);
  });
});

describe('jsonSchemaOf', () => {
  it('gives the JSON Schema 2020-12 of the same definition', () => {
    expect(jsonSchemaOf(account)).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      required: ['email', 'name', 'role', 'portals', 'totp'],
      properties: { role: { enum: ['admin', 'editor', 'viewer'] }, name: { maxLength: 10 } },
    });
    expect(jsonSchemaOf(account, { root: false })).not.toHaveProperty('$schema');
  });
});
