import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePortalFile } from '@galette/core';
import { runScan, type ScanOutput, type Scenario } from '@galette/scanner';
import { openStore, type Store } from '@galette/storage';

const require = createRequire(import.meta.url);
const file = (spec: string) => readFileSync(require.resolve(spec), 'utf8');

// Sites on vanilla-cookieconsent 3 (not Galette), installed from npm as a site would: the
// statistics script gated its way, and an ungated advertising pixel that writes `_fbp`
// whatever the visitor says. `/accept-only/` shows the same banner with nothing but « Tout
// accepter »: autoconsent finds it, and must not be made to click it to « refuse ».
const buttons = {
  full: {
    acceptAllBtn: 'Tout accepter',
    acceptNecessaryBtn: 'Tout refuser',
    showPreferencesBtn: 'Personnaliser',
  },
  acceptOnly: { acceptAllBtn: 'J’ai compris' },
  // Refusing takes the preferences modal: a refusal, but not in one click.
  twoStep: { acceptAllBtn: 'Tout accepter', showPreferencesBtn: 'Personnaliser' },
};
const config = (consentButtons: Record<string, string>) => ({
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: {
    default: 'fr',
    translations: {
      fr: {
        consentModal: {
          title: 'Cookies',
          description: 'Nous utilisons des cookies de mesure d’audience.',
          ...consentButtons,
        },
        preferencesModal: {
          title: 'Préférences',
          acceptAllBtn: 'Tout accepter',
          acceptNecessaryBtn: 'Tout refuser',
          savePreferencesBtn: 'Enregistrer',
          sections: [{ title: 'Mesure d’audience', linkedCategory: 'analytics' }],
        },
      },
    },
  },
});

const FILES: Record<string, [string, string]> = {
  '/cc.js': ['text/javascript', file('vanilla-cookieconsent/dist/cookieconsent.umd.js')],
  '/cc.css': ['text/css', file('vanilla-cookieconsent/dist/cookieconsent.css')],
  '/cc-config.js': [
    'text/javascript',
    `CookieConsent.run(${JSON.stringify(config(buttons.full))});`,
  ],
  '/cc-accept-only.js': [
    'text/javascript',
    `CookieConsent.run(${JSON.stringify(config(buttons.acceptOnly))});`,
  ],
  '/cc-two-step.js': [
    'text/javascript',
    `CookieConsent.run(${JSON.stringify(config(buttons.twoStep))});`,
  ],
  '/ga.js': ['text/javascript', `document.cookie = '_ga=GA1.1.1.1; Max-Age=33696000; Path=/';`],
  '/pixel.js': ['text/javascript', `document.cookie = '_fbp=fb.1.1.1; Max-Age=7776000; Path=/';`],
};

const page = (path: string, configScript: string, pixel: boolean) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Page ${path}</title>
<link rel="stylesheet" href="/cc.css">
<script src="/cc.js" defer></script><script src="${configScript}" defer></script>
${pixel ? '<script src="/pixel.js"></script>' : ''}
<script type="text/plain" data-category="analytics" src="/ga.js"></script>
</head><body><h1>Page ${path}</h1><a href="/one">1</a> <a href="/two">2</a></body></html>`;

let server: Server;
let store: Store;
let origin: string;
let scan: ScanOutput;
let acceptOnly: ScanOutput;
let twoStep: ScanOutput;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const asset = FILES[path];
    res.setHeader('content-type', asset ? asset[0] : 'text/html; charset=utf-8');
    if (asset) res.end(asset[1]);
    else if (path === '/' || path === '/one' || path === '/two') {
      res.end(page(path, '/cc-config.js', true));
    } else if (path === '/accept-only/') res.end(page(path, '/cc-accept-only.js', false));
    else if (path === '/two-step/') res.end(page(path, '/cc-two-step.js', false));
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The portal the operator is onboarding: its charter already says what the site sets.
  const declaration = (name: string, category: string, lifetime: string) => ({
    provider: 'Site',
    service: { fr: 'Site' },
    name,
    purpose: { fr: `Test ${name}` },
    category,
    lifetime,
    party: 'first',
    storage: 'cookie',
  });
  store = await openStore('sqlite::memory:');
  const migration = await store.migrate();
  if (migration.error) throw new Error(migration.error.message);
  const revision = await store.saveAndPublish(
    parsePortalFile({
      format: 'galette.portal/1',
      id: 'other-banner.galette.test',
      name: 'Other banner',
      url: 'https://other-banner.galette.test',
      origins: [origin],
      languages: ['fr'],
      defaultLanguage: 'fr',
      categories: [],
      declarations: [
        declaration('cc_cookie', 'necessary', 'P6M'),
        declaration('_ga', 'statistics', 'P13M'),
        declaration('_fbp', 'marketing', 'P3M'),
      ],
      texts: {},
    }),
  );
  const options = { concurrency: 2, settleMs: 800, depth: 1 };
  [scan, acceptOnly, twoStep] = await Promise.all([
    runScan({
      ...options,
      url: `${origin}/`,
      revision,
      pages: 3,
      scenarios: ['no-action', 'refuse-all', 'accept-all', 'withdraw', 'category:statistics'],
    }),
    runScan({
      ...options,
      url: `${origin}/accept-only/`,
      pages: 1,
      scenarios: ['no-action', 'refuse-all', 'accept-all'],
    }),
    runScan({ ...options, url: `${origin}/two-step/`, pages: 1, scenarios: ['refuse-all'] }),
  ]);
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
});

const byId = (output: ScanOutput, id: string): Scenario => {
  const found = output.result.scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};
const names = (output: ScanOutput, id: string) =>
  byId(output, id)
    .cookies.map((c) => c.name)
    .sort();
const findings = (output: ScanOutput) =>
  output.result.findings
    .map((f) => `${f.severity} ${f.rule} ${f.scenario} ${f.subject.kind}:${f.subject.name}`)
    .sort();

describe('a site on another banner (vanilla-cookieconsent from npm), through autoconsent', () => {
  it('refuses and accepts with the banner’s own buttons', () => {
    for (const id of ['refuse-all', 'accept-all']) {
      expect(byId(scan, id)).toMatchObject({
        status: 'played',
        consentMechanism: 'autoconsent:cookieconsent3',
      });
      expect(byId(scan, id).screenshots).toEqual({
        firstLayer: `screenshots/${id}-first-layer.jpg`,
        afterChoice: `screenshots/${id}-after-choice.jpg`,
      });
    }
    expect(names(scan, 'no-action')).toEqual(['_fbp']);
    expect(names(scan, 'refuse-all')).toEqual(['_fbp', 'cc_cookie']);
    expect(names(scan, 'accept-all')).toEqual(['_fbp', '_ga', 'cc_cookie']);
  });

  it('reports exactly the ungated pixel, and nothing else', () => {
    expect(findings(scan)).toEqual([
      'error after-refusal refuse-all cookie:_fbp',
      'error before-consent no-action cookie:_fbp',
    ]);
    expect(scan.result.findings[0]!.setBy[0]).toMatchObject({
      via: 'script',
      script: `${origin}/pixel.js`,
    });
  });

  it('says what the rules cannot play rather than guessing', () => {
    expect(scan.result.coverage.scenariosNotPlayed).toEqual([
      { id: 'withdraw', reason: 'not-playable' },
      { id: 'category:statistics', reason: 'not-playable' },
    ]);
    expect(scan.result.pages.map((p) => new URL(p.url).pathname).sort()).toEqual([
      '/',
      '/one',
      '/two',
    ]);
  });
});

describe('an accept-only banner', () => {
  it('is reported as offering no refusal, and nothing is accepted in its name', () => {
    expect(findings(acceptOnly)).toEqual([
      'error no-refusal refuse-all banner:autoconsent:cookieconsent3',
    ]);
    expect(byId(acceptOnly, 'refuse-all')).toMatchObject({
      status: 'not-played',
      reason: 'no-refusal',
    });
    // No consent record, no statistics cookie: the « accept » button was never clicked.
    expect(names(acceptOnly, 'refuse-all')).toEqual([]);
    expect(names(acceptOnly, 'accept-all')).toEqual(['_ga', 'cc_cookie']);
    expect(acceptOnly.result.coverage.scenariosNotPlayed).toEqual([
      { id: 'refuse-all', reason: 'no-refusal' },
    ]);
  });
});

describe('a banner whose refusal is behind « Personnaliser »', () => {
  it('is refused all the same, and reported as offering no one-click refusal', () => {
    expect(byId(twoStep, 'refuse-all')).toMatchObject({
      status: 'played',
      consentMechanism: 'autoconsent:cookieconsent3',
    });
    expect(names(twoStep, 'refuse-all')).toEqual(['cc_cookie']);
    expect(findings(twoStep)).toEqual([
      'error no-refusal refuse-all banner:autoconsent:cookieconsent3',
    ]);
    expect(twoStep.result.findings[0]!.details).toEqual({ clicks: 2 });
  });
});
