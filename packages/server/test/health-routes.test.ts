import { describe, expect, it } from 'vitest';
import { SERVER_VERSION } from '../src/index.js';
import { healthShape, livenessShape } from '../src/health-shapes.js';
import { testApp } from './fixtures.js';

describe('GET /healthz', () => {
  it('reports the store kind, version and the database’s state', async () => {
    const { app, store } = await testApp();
    try {
      const res = await app.request('/healthz');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({
        status: 'ok',
        store: 'sqlite',
        version: SERVER_VERSION,
        database: 'ok',
      });
    } finally {
      await store.close();
    }
  });

  it('answers 503 with the reason once the store no longer answers; /livez stays 200', async () => {
    const { app, store } = await testApp({ version: '9.9.9' });
    await store.close();
    const res = await app.request('/healthz', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(503);
    const body: unknown = await res.json();
    // The 503 answer is documented with the same shape as the 200 one (the reason is optional).
    expect(healthShape.safeParse(body).error).toBeUndefined();
    expect(body).toEqual({
      status: 'unavailable',
      store: 'sqlite',
      version: '9.9.9',
      database: 'unreachable',
      reason: 'The database does not answer (connection refused, lost or impossible).',
    });
    for (const path of ['/livez', '/healthz?live']) {
      const live = await app.request(path);
      expect(live.status, path).toBe(200);
      const answer: unknown = await live.json();
      expect(livenessShape.safeParse(answer).error, path).toBeUndefined();
      expect(answer).toEqual({ status: 'ok', version: '9.9.9' });
    }
  });
});
