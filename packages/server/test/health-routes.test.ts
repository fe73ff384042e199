import { describe, expect, it } from 'vitest';
import { SERVER_VERSION } from '../src/index.js';
import { testApp } from './fixtures.js';

describe('GET /healthz', () => {
  it('reports the store kind and version', async () => {
    const { app, store } = await testApp();
    try {
      const res = await app.request('/healthz');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ status: 'ok', store: 'sqlite', version: SERVER_VERSION });
    } finally {
      await store.close();
    }
  });

  it('answers 503 once the store no longer answers', async () => {
    const { app, store } = await testApp({ version: '9.9.9' });
    await store.close();
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', store: 'sqlite', version: '9.9.9' });
  });
});
