import { defineMessages } from '../message-module.js';

/**
 * Texts of the consent widget (banner, preferences centre, embed placeholders, demo page).
 * `widget.purpose.<category>` completes the banner sentence listing what consent is asked for.
 */
export const widgetMessages = defineMessages({
  fr: {
    'widget.banner.title': 'Vos choix en matière de cookies',
    'widget.banner.text':
      '{name} utilise des cookies nécessaires à son fonctionnement et, avec votre accord, d’autres pour {purposes}. Vous pouvez changer d’avis à tout moment avec « Gérer mes cookies ».',
    'widget.banner.gpc':
      'Votre navigateur envoie le signal Global Privacy Control : nous l’appliquons comme un refus, sauf si vous acceptez ici.',
    'widget.acceptAll': 'Tout accepter',
    'widget.rejectAll': 'Tout refuser',
    'widget.customise': 'Personnaliser',
    'widget.close': 'Continuer sans accepter',
    'widget.charter': 'Charte cookies',
    'widget.control': 'Gérer mes cookies',
    'widget.purpose.statistics': 'mesurer l’audience',
    'widget.purpose.preferences': 'retenir vos préférences',
    'widget.purpose.marketing': 'afficher des contenus de tiers et des publicités',
    'widget.purpose.custom': '« {label} »',
    'widget.category.necessary': 'Cookies nécessaires',
    'widget.category.necessary.description':
      'Indispensables au fonctionnement de la plateforme (session, sécurité, langue, mémorisation de vos choix). Ils ne peuvent pas être refusés.',
    'widget.category.statistics': 'Mesure d’audience',
    'widget.category.statistics.description':
      'Comptent les visites et les pages consultées pour améliorer la plateforme.',
    'widget.category.preferences': 'Préférences',
    'widget.category.preferences.description':
      'Retiennent des réglages de confort qui ne sont pas indispensables.',
    'widget.category.marketing': 'Contenus de tiers et publicité',
    'widget.category.marketing.description':
      'Permettent d’afficher des vidéos, cartes ou réseaux sociaux fournis par d’autres services, qui peuvent suivre votre navigation.',
    'widget.category.audience': 'Mesure d’audience anonyme',
    'widget.category.audience.description':
      'Statistiques anonymes produites par la plateforme elle-même, dispensées de consentement. Vous pouvez vous y opposer en désactivant cette option.',
    'widget.preferences.title': 'Gérer mes cookies',
    'widget.preferences.intro':
      'Choisissez, catégorie par catégorie, les cookies que vous acceptez. Aucune catégorie n’est activée sans votre accord ; vous pouvez revenir sur vos choix à tout moment.',
    'widget.preferences.introExempt':
      'Choisissez, catégorie par catégorie, les cookies que vous acceptez. Aucune catégorie soumise à consentement n’est activée sans votre accord ; la mesure d’audience anonyme, qui en est dispensée, reste active tant que vous ne vous y opposez pas. Vous pouvez revenir sur vos choix à tout moment.',
    'widget.preferences.noConsent':
      '{name} n’utilise que des cookies nécessaires à son fonctionnement ou dispensés de consentement : aucun accord ne vous est demandé.',
    'widget.preferences.alwaysOn': 'Toujours actifs',
    'widget.preferences.exemptActive': 'Active – vous pouvez vous y opposer',
    'widget.preferences.exemptObjected': 'Vous vous y opposez',
    'widget.preferences.cookies': 'Voir les cookies ({count})',
    'widget.preferences.save': 'Enregistrer mes choix',
    'widget.preferences.done': 'Fermer',
    'widget.preferences.history': 'Voir l’historique de mes choix',
    'widget.column.provider': 'Prestataire',
    'widget.column.name': 'Nom',
    'widget.column.purpose': 'Finalité',
    'widget.column.lifetime': 'Durée',
    'widget.lifetime.unknown': 'Non précisée',
    'widget.placeholder.text':
      'Ce contenu est fourni par un service tiers qui dépose des cookies de la catégorie « {category} ». Il ne s’affiche qu’avec votre accord.',
    'widget.placeholder.once': 'Accepter pour ce contenu',
    'widget.placeholder.always': 'Toujours accepter',
    'widget.demo.title': '{name} – démonstration',
    'widget.demo.notice':
      'Page de démonstration de Galette : elle imite un portail de données ouvertes et charge le bandeau de consentement de {portal}.',
    'widget.demo.datasets': 'Jeux de données à la une',
    'widget.demo.dataset1': 'Arbres d’alignement',
    'widget.demo.dataset2': 'Comptages vélo',
    'widget.demo.dataset3': 'Qualité de l’air',
    'widget.demo.datasetText': 'Mis à jour chaque semaine. Téléchargement en CSV, JSON et GeoJSON.',
    'widget.demo.video': 'Présentation en vidéo',
    'widget.demo.videoTitle': 'Vidéo de présentation du portail',
    'widget.demo.state': 'État du consentement',
    'widget.demo.stateNone': 'Aucun choix enregistré.',
    'widget.demo.footer': 'Mentions légales',
  },
  en: {
    'widget.banner.title': 'Your cookie choices',
    'widget.banner.text':
      '{name} uses cookies it needs to work and, with your consent, others to {purposes}. You can change your mind at any time with “Manage cookies”.',
    'widget.banner.gpc':
      'Your browser sends the Global Privacy Control signal: we apply it as a refusal, unless you accept here.',
    'widget.acceptAll': 'Accept all',
    'widget.rejectAll': 'Refuse all',
    'widget.customise': 'Customise',
    'widget.close': 'Continue without accepting',
    'widget.charter': 'Cookie policy',
    'widget.control': 'Manage cookies',
    'widget.purpose.statistics': 'measure its audience',
    'widget.purpose.preferences': 'remember your preferences',
    'widget.purpose.marketing': 'show third-party content and advertising',
    'widget.purpose.custom': '“{label}”',
    'widget.category.necessary': 'Necessary cookies',
    'widget.category.necessary.description':
      'Required for the platform to work (session, security, language, remembering your choices). They cannot be refused.',
    'widget.category.statistics': 'Audience measurement',
    'widget.category.statistics.description':
      'Count visits and pages viewed to improve the platform.',
    'widget.category.preferences': 'Preferences',
    'widget.category.preferences.description':
      'Remember convenience settings that are not essential.',
    'widget.category.marketing': 'Third-party content and advertising',
    'widget.category.marketing.description':
      'Show videos, maps or social networks provided by other services, which may track your browsing.',
    'widget.category.audience': 'Anonymous audience measurement',
    'widget.category.audience.description':
      'Anonymous statistics produced by the platform itself, exempt from consent. You can object by switching this option off.',
    'widget.preferences.title': 'Manage cookies',
    'widget.preferences.intro':
      'Choose, category by category, the cookies you accept. No category is switched on without your consent; you can change your choices at any time.',
    'widget.preferences.introExempt':
      'Choose, category by category, the cookies you accept. No category that needs consent is switched on without your agreement; anonymous audience measurement, which is exempt, stays on unless you object. You can change your choices at any time.',
    'widget.preferences.noConsent':
      '{name} only uses cookies that it needs to work or that are exempt from consent: nothing needs your agreement.',
    'widget.preferences.alwaysOn': 'Always on',
    'widget.preferences.exemptActive': 'Active – you can object',
    'widget.preferences.exemptObjected': 'You object',
    'widget.preferences.cookies': 'Show the cookies ({count})',
    'widget.preferences.save': 'Save my choices',
    'widget.preferences.done': 'Close',
    'widget.preferences.history': 'See the history of my choices',
    'widget.column.provider': 'Provider',
    'widget.column.name': 'Name',
    'widget.column.purpose': 'Purpose',
    'widget.column.lifetime': 'Lifetime',
    'widget.lifetime.unknown': 'Not stated',
    'widget.placeholder.text':
      'This content is provided by a third-party service that sets cookies of the “{category}” category. It is shown only with your consent.',
    'widget.placeholder.once': 'Accept for this content',
    'widget.placeholder.always': 'Always accept',
    'widget.demo.title': '{name} – demonstration',
    'widget.demo.notice':
      'Galette demonstration page: it imitates an open-data portal and loads the consent banner of {portal}.',
    'widget.demo.datasets': 'Featured datasets',
    'widget.demo.dataset1': 'Street trees',
    'widget.demo.dataset2': 'Bicycle counts',
    'widget.demo.dataset3': 'Air quality',
    'widget.demo.datasetText': 'Updated every week. Download as CSV, JSON and GeoJSON.',
    'widget.demo.video': 'Video presentation',
    'widget.demo.videoTitle': 'Presentation video of the portal',
    'widget.demo.state': 'Consent state',
    'widget.demo.stateNone': 'No choice recorded.',
    'widget.demo.footer': 'Legal notice',
  },
});
