/**
 * The size gate, measured on what the server sends for the demo portal (the preset portal with
 * the most to declare), in one language, gzip: JavaScript and CSS, configuration included (the
 * stylesheets travel inside the scripts).
 */
import { createApp } from '@galette/server';
import { openStore, type Store } from '@galette/storage';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeWidget } from '../build.mjs';
import { DEMO, presetContent } from './browser-harness.js';

/** Everything the banner needs before it can show. */
export const FIRST_LAYER_LIMIT = 6_000;
/** The first layer plus what it loads on demand: preferences centre, gate, placeholders. */
export const WHOLE_WIDGET_LIMIT = 10_000;

let store: Store;
let get: (path: string, encoding: string) => Promise<number>;

beforeAll(async () => {
  await writeWidget();
  store = await openStore('sqlite::memory:');
  await store.migrate();
  await store.saveAndPublish(presetContent(DEMO));
  const app = createApp({ store });
  get = async (path, encoding) => {
    const res = await app.request(`https://consent.example.org${path}`, {
      headers: { 'accept-encoding': encoding },
    });
    expect(res.headers.get('content-encoding')).toBe(encoding);
    return (await res.arrayBuffer()).byteLength;
  };
});
afterAll(() => store?.close());

it('keeps the first layer under 6,000 bytes and the whole widget under 10,000 (gzip)', async () => {
  const first = await get(`/p/${DEMO}/widget.js?lang=fr`, 'gzip');
  const rest = await get(`/p/${DEMO}/preferences.js?lang=fr`, 'gzip');
  expect(first).toBeLessThanOrEqual(FIRST_LAYER_LIMIT);
  expect(first + rest).toBeLessThanOrEqual(WHOLE_WIDGET_LIMIT);
});
