import {
  ConflictError,
  GaletteError,
  NotFoundError,
  ValidationError,
  fieldError,
  type ErrorCode,
} from '@galette/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorHandler, type ErrorBody } from './error-handler.js';

function appThrowing(error: unknown, logged: unknown[] = []) {
  const app = new Hono();
  app.onError(errorHandler({ log: (e) => logged.push(e) }));
  app.get('/boom', () => {
    throw error;
  });
  return app;
}

describe('errorHandler', () => {
  it.each([
    ['invalid_input', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['rate_limited', 429],
    ['storage', 500],
    ['internal', 500],
  ] as const)('maps %s to %i', async (code: ErrorCode, status) => {
    const res = await appThrowing(new GaletteError(code, 'détail')).request('/boom');
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
  });

  it('lists every field error with its code, its message in the request language', async () => {
    const error = new ValidationError([
      fieldError('declarations[2].category', 'unknown_category', {
        value: 'marketting',
        suggestion: 'marketing',
      }),
      fieldError('id', 'required'),
      { path: 'to', message: 'période invalide' },
    ]);
    const french = await appThrowing(error).request('/boom');
    expect(french.status).toBe(400);
    expect(((await french.json()) as ErrorBody).error.fields).toEqual([
      {
        path: 'declarations[2].category',
        code: 'unknown_category',
        message: 'catégorie inconnue « marketting » (vouliez-vous dire « marketing » ?)',
      },
      { path: 'id', code: 'required', message: 'est obligatoire' },
      { path: 'to', code: 'invalid', message: 'période invalide' },
    ]);
    const english = await appThrowing(error).request('/boom', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(english.headers.get('content-language')).toBe('en');
    expect(((await english.json()) as ErrorBody).error.fields).toEqual([
      {
        path: 'declarations[2].category',
        code: 'unknown_category',
        message: 'unknown category "marketting" (did you mean "marketing"?)',
      },
      { path: 'id', code: 'required', message: 'is required' },
      { path: 'to', code: 'invalid', message: 'période invalide' },
    ]);
  });

  it('passes the message of client errors through', async () => {
    const res = await appThrowing(new ConflictError('revision changed')).request('/boom');
    expect(((await res.json()) as ErrorBody).error.message).toBe('revision changed');
    const notFound = await appThrowing(new NotFoundError('no portal x')).request('/boom');
    expect(((await notFound.json()) as ErrorBody).error.message).toBe('no portal x');
  });

  it('hides internals of server errors and logs them', async () => {
    const logged: unknown[] = [];
    const secret = new Error('password=hunter2 at /srv/db.ts:12');
    const res = await appThrowing(secret, logged).request('/boom', {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('db.ts');
    expect((JSON.parse(text) as ErrorBody).error).toEqual({
      code: 'internal',
      message: expect.stringContaining('internal error') as unknown as string,
    });
    expect(logged).toEqual([secret]);
  });

  it('does not log client errors', async () => {
    const logged: unknown[] = [];
    await appThrowing(new NotFoundError('x'), logged).request('/boom');
    expect(logged).toEqual([]);
  });
});
