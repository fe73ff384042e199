import type { Declaration, PortalContent } from '@galette/core';

/**
 * A small valid portal exercising what storage must keep exactly: optional fields present and
 * absent, `false` and empty arrays, non-Latin text, markup and quoting in strings, and keys in
 * an order that is not alphabetical.
 */
export function portalFixture(id = 'opendata.exemple.fr'): PortalContent {
  return {
    id,
    name: 'Données « ouvertes » — Exemple',
    url: `https://${id}`,
    origins: [`https://${id}`, 'https://www.exemple.fr'],
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
    categories: [
      {
        id: 'video',
        label: { fr: 'Vidéos intégrées', en: 'Embedded videos' },
        description: { fr: 'Lecteurs <iframe> de tiers', en: 'Third-party <iframe> players' },
      },
      {
        id: 'cartes',
        label: { fr: 'Cartes', en: 'Maps' },
        description: { fr: 'Fonds de carte « OSM » & co', en: 'Base maps "OSM" & co' },
      },
    ],
    declarations: [
      {
        provider: 'Opendatasoft',
        service: { fr: 'Plateforme — connexion', en: 'Platform — sign-in' },
        name: 'sessionid',
        purpose: { fr: "Maintient l'utilisateur connecté", en: 'Keeps the user signed in' },
        category: 'necessary',
        lifetime: 'P14D',
        party: 'first',
        storage: 'cookie',
      },
      {
        provider: 'Matomo',
        service: { fr: "Mesure d'audience", en: 'Audience measurement' },
        name: '_pk_id.*',
        purpose: { fr: 'Distingue les visiteurs 👣', en: 'Tells visitors apart 👣' },
        category: 'statistics',
        lifetime: 'P13M',
        party: 'first',
        domain: '.exemple.fr',
        storage: 'cookie',
        consentExempt: true,
        hosts: [],
      },
      {
        provider: 'YouTube',
        service: { en: 'Video <b>player</b>', fr: 'Lecteur <b>vidéo</b>' },
        name: 'VISITOR_INFO1_LIVE',
        purpose: { fr: 'Préférences du lecteur\n"quoted" \\ back\\slash', en: '日本語 ✓' },
        category: 'video',
        party: 'third',
        domain: 'youtube.com',
        storage: 'cookie',
        consentExempt: false,
        hosts: ['www.youtube.com', 'www.youtube-nocookie.com'],
      },
      {
        provider: 'Exemple',
        service: { fr: 'Carte interactive', en: 'Interactive map' },
        name: 'map:view',
        purpose: { fr: '<script>alert("x")</script>', en: "Remembers the map's view" },
        category: 'cartes',
        lifetime: 'session',
        party: 'first',
        storage: 'localStorage',
      },
    ],
    texts: {
      intro: { fr: 'Bienvenue sur la **charte**.', en: 'Welcome to the **charter**.' },
      contact: { en: 'Write to <dpo@exemple.fr>.', fr: 'Écrivez à <dpo@exemple.fr>.' },
      title: { fr: 'Charte cookies' },
    },
    widget: {
      theme: 'dsfr',
      accentColor: '#000091',
      consentMonths: 13,
      consentMode: { analytics_storage: 'statistics', ad_storage: 'marketing' },
      texts: { bannerTitle: { fr: 'Vos choix <b>cookies</b>', en: 'Your cookie choices' } },
    },
  };
}

/** The fixture with one declaration changed, for "the draft moved on" cases. */
export function editedFixture(base: PortalContent, marker: string): PortalContent {
  const [first, ...rest] = base.declarations;
  const changed: Declaration = { ...first!, purpose: { fr: `Modifié ${marker}`, en: marker } };
  return { ...base, declarations: [changed, ...rest] };
}
