import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePortalFile, type Revision } from '@galette/core';
import { createApp } from '@galette/server';
import { openStore, type Store } from '@galette/storage';
import { writeWidget } from '../../widget/build.mjs';

/**
 * A small portal with known behaviour, served on 127.0.0.1 with Galette's real widget (the
 * server app, a portal published in SQLite in memory) and a third-party host on 127.0.0.2:
 *
 * - `audience.js` — exempt first-party audience measurement (`_aud_id`) that renews its cookie
 *   on every page view (an exemption condition broken);
 * - `early.js` — a marketing tracker loaded without gating: `early_id` before any choice;
 * - `ignore.js` — sets `ignore_id` (marketing) whenever a choice is made, refusal included;
 * - an inline script writing `undeclared_pref`, declared nowhere;
 * - `stats.js`, gated on statistics (compliant): `stats_id`, the localStorage key
 *   `stats_state`, and a call to `/collect` whose response sets `stats_long` for three years
 *   while the charter says one;
 * - a gated marketing iframe from 127.0.0.2 whose response sets the HttpOnly `tp_sess`;
 * - `never_set`, declared and never set; `/private/` disallowed by robots.txt.
 */
export interface FixtureSite {
  readonly url: string;
  readonly thirdParty: string;
  readonly revision: Revision;
  readonly store: Store;
  /** The user agents the site's pages were asked with. */
  readonly userAgents: ReadonlySet<string>;
  close(): Promise<void>;
}

export const FIXTURE_PORTAL = 'scan-fixture.galette.test';

const listen = (server: Server, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });

const SCRIPTS: Record<string, string> = {
  '/js/audience.js': `document.cookie = '_aud_id=' + Math.random().toString(16).slice(2) + '; Max-Age=33696000; Path=/; SameSite=Lax';`,
  '/js/early.js': `document.cookie = 'early_id=' + Math.random().toString(16).slice(2) + '; Max-Age=15552000; Path=/';`,
  '/js/ignore.js': `(function () {
  function set() { document.cookie = 'ignore_id=1; Max-Age=15552000; Path=/'; }
  if (document.cookie.indexOf('cookies_preferences=') !== -1) set();
  document.addEventListener('galette:change', set);
})();`,
  '/js/stats.js': `document.cookie = 'stats_id=' + Math.random().toString(16).slice(2) + '; Max-Age=2592000; Path=/';
localStorage.setItem('stats_state', String(Date.now()));
fetch('/collect');`,
};

function declaration(
  name: string,
  category: string,
  lifetime: string,
  extra: Record<string, unknown> = {},
) {
  return {
    provider: 'Fixture',
    service: { fr: 'Page de test', en: 'Test page' },
    name,
    purpose: { fr: `Test ${name}`, en: `Test ${name}` },
    category,
    lifetime,
    party: 'first',
    storage: 'cookie',
    ...extra,
  };
}

export async function startFixtureSite(): Promise<FixtureSite> {
  await writeWidget();
  const third = createServer((req, res) => {
    if (req.url?.startsWith('/embed')) {
      res.setHeader(
        'set-cookie',
        'tp_sess=abc; Max-Age=3600; Path=/; SameSite=None; Secure; HttpOnly',
      );
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>Embed</title><p>Embed</p>');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  const thirdPort = await listen(third, '127.0.0.2');
  const thirdParty = `http://127.0.0.2:${thirdPort}`;

  // Made once the site's address (an allowed origin of the portal) is known.
  const served: { app?: ReturnType<typeof createApp> } = {};
  let origin = '';
  const userAgents = new Set<string>();
  const site = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/p/') || path.startsWith('/api/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await served.app!.request(`${origin}${req.url}`, {
        method: req.method ?? 'GET',
        headers: req.headers as Record<string, string>,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      res.statusCode = answer.status;
      answer.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    const send = (type: string, body: string, status = 200) => {
      res.statusCode = status;
      res.setHeader('content-type', type);
      res.end(body);
    };
    if (SCRIPTS[path]) return send('text/javascript', SCRIPTS[path]!);
    if (path === '/collect') {
      res.setHeader('set-cookie', 'stats_long=1; Max-Age=94608000; Path=/');
      return send('text/plain', 'ok');
    }
    if (path === '/robots.txt') return send('text/plain', 'User-agent: *\nDisallow: /private/\n');
    if (path === '/sitemap.xml') {
      return send(
        'application/xml',
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/page-2</loc></url></urlset>`,
      );
    }
    if (path === '/' || path === '/page-2' || path === '/page-3' || path.startsWith('/private/')) {
      userAgents.add(req.headers['user-agent'] ?? '');
      return send('text/html; charset=utf-8', page(path, origin, thirdParty));
    }
    send('text/plain', 'not found', 404);
  };
  const port = await listen(site, '127.0.0.1');
  origin = `http://127.0.0.1:${port}`;

  const content = parsePortalFile({
    format: 'galette.portal/1',
    id: FIXTURE_PORTAL,
    name: 'Fixture',
    url: `http://${FIXTURE_PORTAL}`,
    origins: [origin],
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
    categories: [],
    declarations: [
      declaration('cookies_preferences', 'necessary', 'P6M'),
      declaration('_aud_id', 'statistics', 'P13M', { consentExempt: true }),
      declaration('stats_id', 'statistics', 'P1M'),
      declaration('stats_long', 'statistics', 'P1Y'),
      declaration('stats_state', 'statistics', 'P1M', { storage: 'localStorage' }),
      declaration('early_id', 'marketing', 'P6M'),
      declaration('ignore_id', 'marketing', 'P6M'),
      declaration('tp_sess', 'marketing', 'P1D', {
        party: 'third',
        domain: '127.0.0.2',
        hosts: ['127.0.0.2'],
      }),
      declaration('never_set', 'marketing', 'P1M'),
    ],
    texts: {},
  });
  const store = await openStore('sqlite::memory:');
  const migration = await store.migrate();
  if (migration.error) throw new Error(migration.error.message);
  const revision = await store.saveAndPublish(content);
  served.app = createApp({ store, revisionTtlMs: 0, consents: { rateLimit: false } });
  return {
    url: `${origin}/`,
    thirdParty,
    revision,
    store,
    userAgents,
    async close() {
      await new Promise((r) => site.close(r));
      await new Promise((r) => third.close(r));
      await store.close();
    },
  };
}

function page(path: string, origin: string, thirdParty: string): string {
  const links = ['/', '/page-2', '/page-3', '/private/secret']
    .map((href) => `<a href="${href}">${href}</a>`)
    .join(' ');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Fixture ${path}</title>
<script src="/p/${FIXTURE_PORTAL}/widget.js" defer></script>
<script src="/js/audience.js"></script>
<script src="/js/early.js"></script>
<script src="/js/ignore.js"></script>
<script>document.cookie = 'undeclared_pref=dark; Max-Age=3600; Path=/';</script>
<script type="text/plain" data-galette="statistics" src="/js/stats.js"></script>
</head><body><main><h1>Fixture ${path}</h1><nav>${links}</nav>
<iframe data-galette="marketing" data-src="${thirdParty}/embed" title="embed" width="200" height="80"></iframe>
</main></body></html>`;
}
