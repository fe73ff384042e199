import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan, type ScanOutput } from '@galette/scanner';

const require = createRequire(import.meta.url);
const file = (spec: string) => readFileSync(require.resolve(spec), 'utf8');

// A site on vanilla-cookieconsent 3 (not Galette): statistics gated its way, and an ungated
// advertising pixel script that writes `_fbp` whatever the visitor says.
const CONFIG = {
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: {
    default: 'fr',
    translations: {
      fr: {
        consentModal: {
          title: 'Cookies',
          description: 'Nous utilisons des cookies de mesure d’audience.',
          acceptAllBtn: 'Tout accepter',
          acceptNecessaryBtn: 'Tout refuser',
          showPreferencesBtn: 'Personnaliser',
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
};

const FILES: Record<string, [string, string]> = {
  '/cc.js': ['text/javascript', file('vanilla-cookieconsent/dist/cookieconsent.umd.js')],
  '/cc.css': ['text/css', file('vanilla-cookieconsent/dist/cookieconsent.css')],
  '/cc-config.js': ['text/javascript', `CookieConsent.run(${JSON.stringify(CONFIG)});`],
  '/ga.js': ['text/javascript', `document.cookie = '_ga=GA1.1.1.1; Max-Age=63072000; Path=/';`],
  '/pixel.js': ['text/javascript', `document.cookie = '_fbp=fb.1.1.1; Max-Age=7776000; Path=/';`],
};

const page = (
  n: number,
) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page ${n}</title>
<link rel="stylesheet" href="/cc.css">
<script src="/cc.js" defer></script><script src="/cc-config.js" defer></script>
<script src="/pixel.js"></script>
<script type="text/plain" data-category="analytics" src="/ga.js"></script>
</head><body><h1>Page ${n}</h1><a href="/one">1</a> <a href="/two">2</a></body></html>`;

let server: Server;
let scan: ScanOutput;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const asset = FILES[path];
    if (asset) {
      res.setHeader('content-type', asset[0]);
      res.end(asset[1]);
    } else if (path === '/' || path === '/one' || path === '/two') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page(path.length));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  scan = await runScan({
    url: `http://127.0.0.1:${port}/`,
    pages: 2,
    scenarios: ['no-action', 'refuse-all', 'accept-all'],
    concurrency: 3,
    settleMs: 1000,
  });
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('a site on another banner (vanilla-cookieconsent), through autoconsent', () => {
  it('refuses and accepts with the banner’s own buttons', () => {
    const byId = Object.fromEntries(scan.result.scenarios.map((s) => [s.id, s]));
    expect(byId['refuse-all']).toMatchObject({
      status: 'played',
      consentMechanism: 'autoconsent:cookieconsent3',
    });
    expect(byId['accept-all']).toMatchObject({
      status: 'played',
      consentMechanism: 'autoconsent:cookieconsent3',
    });
    const names = (id: string) => byId[id]!.cookies.map((c) => c.name).sort();
    expect(names('refuse-all')).toEqual(['_fbp', 'cc_cookie']);
    expect(names('accept-all')).toEqual(['_fbp', '_ga', 'cc_cookie']);
    expect(byId['refuse-all']!.screenshots.firstLayer).toBeDefined();
  });

  it('reports the ungated pixel, classified by heuristics, and nothing else', () => {
    expect(
      scan.result.findings
        .map((f) => `${f.severity} ${f.rule} ${f.scenario} ${f.subject.name}`)
        .sort(),
    ).toEqual(['error after-refusal refuse-all _fbp', 'error before-consent no-action _fbp']);
    const fbp = scan.result.scenarios[0]!.cookies.find((c) => c.name === '_fbp');
    expect(fbp?.classification).toMatchObject({ category: 'marketing', source: 'heuristic' });
    expect(scan.result.coverage.checksSkipped).toContain('declarations');
  });
});
