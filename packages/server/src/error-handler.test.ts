import {
  ConflictError,
  GaletteError,
  NotFoundError,
  UnavailableError,
  ValidationError,
  fieldError,
  type ErrorCode,
} from '@galette/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, errorHandler, type ErrorBody } from './error-handler.js';

function appThrowing(error: unknown, logged: unknown[] = []) {
  const app = new Hono();
  app.onError(errorHandler({ log: (e) => logged.push(e) }));
  app.get('/api/boom', () => {
    throw error;
  });
  app.get('/p/boom', () => {
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
    ['gone', 410],
    ['unprocessable', 422],
    ['rate_limited', 429],
    ['storage', 500],
    ['unavailable', 503],
    ['internal', 500],
  ] as const)('maps %s to %i', async (code: ErrorCode, status) => {
    const res = await appThrowing(new GaletteError(code, 'détail')).request('/api/boom');
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
  });

  it('answers the details a program acts on, for public codes only', async () => {
    const details = { currentVersion: 3 };
    const conflict = await appThrowing(new GaletteError('conflict', 'changé', { details })).request(
      '/api/boom',
    );
    expect(((await conflict.json()) as ErrorBody).error.details).toEqual(details);
    const internal = await appThrowing(new GaletteError('internal', 'secret', { details })).request(
      '/api/boom',
    );
    expect(((await internal.json()) as ErrorBody).error.details).toBeUndefined();
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
    const french = await appThrowing(error).request('/api/boom');
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
    const english = await appThrowing(error).request('/api/boom', {
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
    const res = await appThrowing(new ConflictError('revision changed')).request('/api/boom');
    expect(((await res.json()) as ErrorBody).error.message).toBe('revision changed');
    const notFound = await appThrowing(new NotFoundError('no portal x')).request('/api/boom');
    expect(((await notFound.json()) as ErrorBody).error.message).toBe('no portal x');
  });

  it('hides internals of server errors and logs them', async () => {
    const logged: unknown[] = [];
    const secret = new Error('password=hunter2 at /srv/db.ts:12');
    const res = await appThrowing(secret, logged).request('/api/boom', {
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

  it('asks the client to retry when the database does not answer, without its details', async () => {
    const logged: unknown[] = [];
    const down = new UnavailableError(
      'postgres store: latest failed: connect ECONNREFUSED 10.0.0.5',
    );
    const res = await appThrowing(down, logged).request('/api/boom', {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as ErrorBody).error).toEqual({
      code: 'unavailable',
      message:
        'The service is briefly unavailable: its database does not answer. Try again in a moment.',
    });
    expect(logged).toEqual([down]);
  });

  it('does not log client errors', async () => {
    const logged: unknown[] = [];
    await appThrowing(new NotFoundError('x'), logged).request('/api/boom');
    expect(logged).toEqual([]);
  });

  it('answers a page address with a page, in the visitor’s language, keeping its headers', async () => {
    const app = new Hono();
    app.onError(errorHandler());
    app.get('/p/limited', (c) => {
      c.header('Retry-After', '30');
      throw new GaletteError('rate_limited', 'Too many requests; try again later.');
    });
    const res = await app.request('/p/limited', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-language')).toBe('en');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Error 429 – Galette</title>');
    expect(html).toContain('<h1>This page cannot be shown</h1>');
    expect(html).toContain('<p>Too many requests; try again later.</p>');
    expect(html).toContain('<a href="/">');
  });

  it('lists the bad fields of a page address, and hides a server error’s internals there too', async () => {
    const invalid = await appThrowing(
      new ValidationError([fieldError('lang', 'required')]),
    ).request('/p/boom');
    expect(invalid.status).toBe(400);
    const html = await invalid.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Cette page ne peut pas s’afficher</h1>');
    expect(html).toContain('<li><code>lang</code> est obligatoire</li>');
    const logged: unknown[] = [];
    const secret = new Error('password=hunter2 <script>');
    const failed = await appThrowing(secret, logged).request('/p/boom');
    expect(failed.status).toBe(500);
    const page = await failed.text();
    expect(page).not.toContain('hunter2');
    expect(page).toContain('Une erreur interne est survenue.');
    expect(logged).toEqual([secret]);
  });

  it('answers JSON for .json documents outside the API', async () => {
    const app = new Hono();
    app.onError(errorHandler());
    app.get('/p/x/charte-cookies.json', () => {
      throw new GaletteError('rate_limited', 'slow down');
    });
    const res = await app.request('/p/x/charte-cookies.json');
    expect(((await res.json()) as ErrorBody).error.code).toBe('rate_limited');
  });
});
