// The three consent tools of bench/widget.mjs, configured alike for the demo portal: the same
// categories (necessary; statistics = Google Analytics; marketing = YouTube embed; exempt
// Matomo measurement, on by default), the same French texts and the same cookie lists.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = (spec) => readFileSync(require.resolve(spec), 'utf8');

const TITLE = 'Vos choix en matière de cookies';
const TEXT =
  'Données ouvertes de Démoville utilise des cookies nécessaires à son fonctionnement et, avec votre accord, d’autres pour mesurer l’audience et afficher des contenus de tiers et des publicités. Vous pouvez changer d’avis à tout moment avec « Gérer mes cookies ».';
const CHARTER = '/p/demo.galette.localhost/charte-cookies';

const COOKIES = {
  necessary: [
    ['Opendatasoft', 'sessionid', 'Garder le visiteur connecté d’une page à l’autre.', '14 jours'],
    ['Opendatasoft', 'csrftoken', 'Protéger les formulaires et les appels à l’API.', '1 an'],
    ['Opendatasoft', 'django_language', 'Afficher le portail dans la langue choisie.', 'Session'],
    ['Galette', 'cookies_preferences', 'Retenir les choix du visiteur sur les cookies.', '6 mois'],
  ],
  statistics: [
    ['Google', '_ga', 'Reconnaître le navigateur pour Google Analytics.', '2 ans'],
    ['Google', '_ga_*', 'Conserver l’état de la session de mesure.', '2 ans'],
  ],
  marketing: [
    ['Google (YouTube)', 'YSC', 'Identifier la session de lecture.', 'Session'],
    ['Google (YouTube)', 'VISITOR_INFO1_LIVE', 'Estimer la bande passante ; publicité.', '6 mois'],
    ['Google (YouTube)', 'VISITOR_PRIVACY_METADATA', 'Conserver l’état du consentement.', '6 mois'],
  ],
  audience: [
    [
      'Démoville (Matomo)',
      '_pk_id.*',
      'Distinguer les visites (statistiques anonymes).',
      '13 mois',
    ],
    ['Démoville (Matomo)', '_pk_ses.*', 'Regrouper les pages d’une même visite.', '30 minutes'],
  ],
};
const LABELS = {
  necessary: ['Cookies nécessaires', 'Indispensables au fonctionnement de la plateforme.'],
  statistics: ['Mesure d’audience', 'Comptent les visites et les pages consultées.'],
  marketing: ['Contenus de tiers et publicité', 'Vidéos fournies par d’autres services.'],
  audience: ['Mesure d’audience anonyme', 'Statistiques anonymes, dispensées de consentement.'],
};
const CATEGORIES = Object.keys(LABELS);

const cookieConsentConfig = {
  // Its default hides the banner from automated browsers, which this benchmark drives.
  hideFromBots: false,
  categories: {
    necessary: { enabled: true, readOnly: true },
    statistics: { autoClear: { cookies: [{ name: '_ga' }, { name: /^_ga_/ }] } },
    marketing: {},
    audience: { enabled: true, autoClear: { cookies: [{ name: /^_pk_/ }] } },
  },
  language: {
    default: 'fr',
    translations: {
      fr: {
        consentModal: {
          title: TITLE,
          description: `${TEXT} <a href="${CHARTER}">Charte cookies</a>`,
          acceptAllBtn: 'Tout accepter',
          acceptNecessaryBtn: 'Tout refuser',
          showPreferencesBtn: 'Personnaliser',
          closeIconLabel: 'Continuer sans accepter',
        },
        preferencesModal: {
          title: 'Gérer mes cookies',
          acceptAllBtn: 'Tout accepter',
          acceptNecessaryBtn: 'Tout refuser',
          savePreferencesBtn: 'Enregistrer mes choix',
          closeIconLabel: 'Fermer',
          sections: CATEGORIES.map((id) => ({
            title: LABELS[id][0],
            description: LABELS[id][1],
            linkedCategory: id,
            cookieTable: {
              headers: { provider: 'Prestataire', name: 'Nom', purpose: 'Finalité', life: 'Durée' },
              body: COOKIES[id].map(([provider, name, purpose, life]) => ({
                provider,
                name,
                purpose,
                life,
              })),
            },
          })),
        },
      },
    },
  },
};

const orejimeConfig = {
  privacyPolicyUrl: CHARTER,
  lang: 'fr',
  purposes: CATEGORIES.filter((id) => id !== 'necessary').map((id) => ({
    id,
    title: LABELS[id][0],
    description: LABELS[id][1],
    cookies: COOKIES[id].map(([, name]) =>
      name.includes('*') ? `/^${name.replace('.*', '\\.')}/` : name,
    ),
    ...(id === 'audience' && { isExempt: true, default: true }),
  })),
  translations: { banner: { title: TITLE, description: TEXT } },
};

/** JavaScript source of `value`, regular expressions included (JSON would drop them). */
const source = (value) =>
  JSON.stringify(value, (_, v) => (v instanceof RegExp ? `\u0000${v.source}\u0000` : v)).replace(
    /"\\u0000(.*?)\\u0000"/g,
    (_, re) => `/${re.replace(/\\\\/g, '\\')}/`,
  );

/** Files each tool adds to the page, served gzip-compressed like Galette's. */
export const TOOL_ASSETS = {
  'cookieconsent.umd.js': file('vanilla-cookieconsent/dist/cookieconsent.umd.js'),
  'cookieconsent.css': file('vanilla-cookieconsent/dist/cookieconsent.css'),
  'cookieconsent-config.js': `CookieConsent.run(${source(cookieConsentConfig)});`,
  'orejime-standard-fr.js': file('orejime/dist/orejime-standard-fr.js'),
  'orejime-standard.css': file('orejime/dist/orejime-standard.css'),
  'orejime-config.js': `window.orejimeConfig = ${JSON.stringify(orejimeConfig)};`,
};

const WIDGET_TAG = /<script src="(\/p\/[^"]+)\/widget\.js(?:\?lang=\w+)?" defer><\/script>/;

/** The demo page with Galette's tag taken out and nothing in its place. */
export const withoutConsentTool = (html) => html.replace(WIDGET_TAG, '');

/**
 * The demo page for each tool: Galette's as served (one language, like the others; one tag, or
 * the two-stage load), or with Galette's tag replaced by the tool's own and the gated elements
 * marked its way. `files` matches every file of the tool (configuration included); `prefetch`
 * what is fetched at idle and not counted before interaction; `open` the selector that opens
 * its preferences.
 */
export const TOOLS = [
  {
    name: 'galette',
    banner: '[data-galette-banner]',
    open: '[data-galette-banner] [data-galette-action="customise"]',
    centre: '[data-galette-preferences]',
    files: /\/p\/[^/]+\/(widget|widget-boot|preferences)\.js/,
    page: (html) => html.replace(WIDGET_TAG, '<script src="$1/widget.js?lang=fr" defer></script>'),
  },
  {
    name: 'galette two-stage',
    banner: '[data-galette-banner]',
    open: '[data-galette-banner] [data-galette-action="customise"]',
    centre: '[data-galette-preferences]',
    files: /\/p\/[^/]+\/(widget|widget-boot|preferences)\.js/,
    page: (html) =>
      html
        .replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<script src="$BOOT"></script>')
        .replace(
          WIDGET_TAG,
          (_, base) => '<script src="' + base + '/widget.js?lang=fr" defer></script>',
        )
        .replace('$BOOT', html.match(WIDGET_TAG)[1] + '/widget-boot.js'),
  },
  {
    name: 'vanilla-cookieconsent 3.1.0',
    anchor: true,
    banner: '#cc-main .cm',
    open: '#cc-main .cm [data-role="show"]',
    centre: '#cc-main .pm',
    files: /\/bench\/assets\/cookieconsent/,
    page: (html) =>
      html
        .replace(
          WIDGET_TAG,
          '<link rel="stylesheet" href="/bench/assets/cookieconsent.css">' +
            '<script src="/bench/assets/cookieconsent.umd.js" defer></script>' +
            '<script src="/bench/assets/cookieconsent-config.js" defer></script>',
        )
        .replace(/data-galette="(\w+)"/g, 'data-category="$1"'),
  },
  {
    name: 'orejime 3.2.1',
    anchor: true,
    banner: '.orejime-Banner',
    open: '.orejime-Banner-learnMoreButton',
    centre: '.orejime-Modal',
    files: /\/bench\/assets\/orejime/,
    page: (html) =>
      html
        .replace(
          WIDGET_TAG,
          '<link rel="stylesheet" href="/bench/assets/orejime-standard.css">' +
            '<script src="/bench/assets/orejime-config.js" defer></script>' +
            '<script src="/bench/assets/orejime-standard-fr.js" defer></script>',
        )
        .replace(
          /<script type="text\/plain" data-galette="(\w+)"([^>]*)>([\s\S]*?)<\/script>/g,
          '<template data-purpose="$1"><script$2>$3</script></template>',
        )
        .replace(
          /<iframe data-galette="(\w+)" data-src="([^"]+)"([^>]*)><\/iframe>/g,
          '<template data-purpose="$1"><iframe src="$2"$3></iframe></template>',
        ),
  },
];
