/**
 * Files of the demonstration page (`GET /demo/{portalId}`). The tracking scripts are stand-ins:
 * a demonstration must work offline and must not send visitors to Google, so each one only
 * sets, on the page's own domain, the cookies the real tool sets, with the same names and
 * lifetimes. Everything is a file so the page runs under a strict Content-Security-Policy.
 */
export const DEMO_ASSETS: Readonly<Record<string, { type: string; body: string }>> = {
  'demo.css': {
    type: 'text/css; charset=utf-8',
    body: `*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1e293b;background:#f8fafc}
a{color:#1d4ed8}
header{background:#0f3d66;color:#fff}
header .bar{display:flex;flex-wrap:wrap;align-items:center;gap:24px;max-width:1100px;margin:auto;padding:16px 24px}
header strong{font-size:20px}
header nav{display:flex;gap:16px}
header nav a{color:#fff;text-decoration:none}
header nav a:hover,header nav a:focus{text-decoration:underline}
main{max-width:1100px;margin:auto;padding:24px}
.notice{padding:12px 16px;background:#fef3c7;border-left:4px solid #b45309}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:16px;padding:0;list-style:none}
.cards li{padding:16px;background:#fff;border:1px solid #cbd5e1;border-radius:8px}
.cards h3{margin:0 0 8px}
iframe{max-width:100%;border:0;background:#0f172a}
pre{overflow:auto;padding:12px;background:#fff;border:1px solid #cbd5e1;border-radius:8px;white-space:pre-wrap}
button.manage{padding:8px 16px;font:inherit;cursor:pointer}
footer{max-width:1100px;margin:auto;padding:24px;border-top:1px solid #cbd5e1}
footer a{margin-right:16px}
`,
  },
  // Stands in for Google's gtag.js (https://www.googletagmanager.com/gtag/js): GA4's two
  // first-party cookies, two years each.
  'gtag.js': {
    type: 'text/javascript; charset=utf-8',
    body: `(function () {
  var now = Math.floor(Date.now() / 1000);
  var age = '; Max-Age=63072000; Path=/; SameSite=Lax';
  document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now + age;
  document.cookie = '_ga_DEMO0001=GS1.1.' + now + '.1.0.' + now + '.0.0.0' + age;
  document.documentElement.setAttribute('data-demo-statistics', 'loaded');
})();
`,
  },
  // Stands in for a self-hosted matomo.js in its CNIL-exempt set-up: _pk_id (13 months) and
  // _pk_ses (30 minutes), suffixed with the site id and a hash of the domain.
  'matomo.js': {
    type: 'text/javascript; charset=utf-8',
    body: `(function () {
  var now = Math.floor(Date.now() / 1000);
  var id = Math.random().toString(16).slice(2, 18);
  // Written once: the exemption forbids extending its 13 months on later visits.
  if (!/(^|; )_pk_id\\.1\\.d3m0=/.test(document.cookie)) {
    document.cookie = '_pk_id.1.d3m0=' + id + '.' + now + '; Max-Age=33696000; Path=/; SameSite=Lax';
  }
  document.cookie = '_pk_ses.1.d3m0=1; Max-Age=1800; Path=/; SameSite=Lax';
  document.documentElement.setAttribute('data-demo-audience', 'loaded');
})();
`,
  },
  // Shows the visitor's consent state and the cookies the page can see, live.
  'demo.js': {
    type: 'text/javascript; charset=utf-8',
    body: `(function () {
  var out = document.getElementById('demo-state');
  if (!out) return;
  function show() {
    var consent = window.galette && window.galette.consent;
    var cookies = document.cookie ? document.cookie.split('; ').map(function (c) { return c.split('=')[0]; }) : [];
    out.textContent = (consent ? JSON.stringify(consent.choices, null, 2) : out.getAttribute('data-none')) +
      '\\n\\ndocument.cookie: ' + (cookies.join(', ') || '—');
  }
  document.addEventListener('galette:change', function () { setTimeout(show, 50); });
  show();
  setInterval(show, 2000);
})();
`,
  },
  // Stands in for a YouTube embed.
  'video.html': {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Lecteur vidéo</title>
<link rel="stylesheet" href="video.css"></head>
<body><p>▶ Lecteur vidéo de démonstration / demonstration video player</p></body></html>
`,
  },
  'video.css': {
    type: 'text/css; charset=utf-8',
    body: `body{display:grid;place-items:center;height:100vh;margin:0;background:#0f172a;color:#fff;font:18px system-ui,sans-serif}
`,
  },
};
