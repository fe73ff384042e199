import { siteOf } from '../site.js';

/**
 * Last-resort classification, after the portal's declarations and the Open Cookie Database:
 * hosts of well-known audience-measurement and advertising services, and cookie name shapes
 * of common frameworks and consent banners. Deliberately short: a guess is labelled as one.
 */
const HOSTS: Readonly<Record<string, string>> = {
  'google-analytics.com': 'statistics',
  'googletagmanager.com': 'statistics',
  'analytics.google.com': 'statistics',
  'hotjar.com': 'statistics',
  'hotjar.io': 'statistics',
  'matomo.cloud': 'statistics',
  'mixpanel.com': 'statistics',
  'segment.io': 'statistics',
  'segment.com': 'statistics',
  'amplitude.com': 'statistics',
  'clarity.ms': 'statistics',
  'xiti.com': 'statistics',
  'aticdn.net': 'statistics',
  'piwik.pro': 'statistics',
  'quantserve.com': 'statistics',
  'scorecardresearch.com': 'marketing',
  'doubleclick.net': 'marketing',
  'googlesyndication.com': 'marketing',
  'googleadservices.com': 'marketing',
  'facebook.com': 'marketing',
  'facebook.net': 'marketing',
  'instagram.com': 'marketing',
  'linkedin.com': 'marketing',
  'licdn.com': 'marketing',
  'ads-twitter.com': 'marketing',
  'twitter.com': 'marketing',
  'x.com': 'marketing',
  'youtube.com': 'marketing',
  'youtube-nocookie.com': 'marketing',
  'criteo.com': 'marketing',
  'criteo.net': 'marketing',
  'taboola.com': 'marketing',
  'outbrain.com': 'marketing',
  'adnxs.com': 'marketing',
  'tiktok.com': 'marketing',
  'snapchat.com': 'marketing',
  'pinterest.com': 'marketing',
  'bing.com': 'marketing',
  'addthis.com': 'marketing',
  'sharethis.com': 'marketing',
  'dailymotion.com': 'marketing',
  'vimeo.com': 'marketing',
  'hubspot.com': 'marketing',
  'hs-analytics.net': 'marketing',
};

const NAMES: readonly [RegExp, string][] = [
  [
    /^(_ga(_.+)?|_gid|_gat(_.+)?|__utm[a-z]|_pk_(id|ses|ref|cvar|hsr)(\..*)?|_hj.*|_clck|_clsk|ajs_.*|mp_.*_mixpanel|atuserid|atidvisitor)$/i,
    'statistics',
  ],
  [
    /^(_fbp|_fbc|_gcl_.*|IDE|test_cookie|NID|_uetsid|_uetvid|MUID|_ttp|_pin_unauth|li_.*|bcookie|YSC|VISITOR_INFO1_LIVE)$/,
    'marketing',
  ],
  [
    /^(sessionid|csrftoken|xsrf-token|csrf_token|_csrf|phpsessid|jsessionid|asp\.net_sessionid|laravel_session|cookies_preferences|cookieconsent_status|cc_cookie|orejime.*|tarteaucitron|didomi_token|euconsent-v2|optanonconsent|optanonalertboxclosed|cookieconsent|axeptio_.*|__cf_bm|cf_clearance)$/i,
    'necessary',
  ],
];

export function heuristicForName(name: string): { category: string; detail: string } | undefined {
  for (const [pattern, category] of NAMES) {
    if (pattern.test(name)) return { category, detail: `name ${pattern.source.slice(0, 40)}` };
  }
  return undefined;
}

export function heuristicForHost(host: string): { category: string; detail: string } | undefined {
  const h = host.replace(/^\./, '').toLowerCase();
  for (let at = h; at.includes('.'); at = at.slice(at.indexOf('.') + 1)) {
    const category = HOSTS[at];
    if (category) return { category, detail: `host ${at}` };
  }
  const category = HOSTS[siteOf(h)];
  return category ? { category, detail: `host ${siteOf(h)}` } : undefined;
}
