import { defineMessages } from '../message-module.js';

/** The console's statistics pages (charts, tables, period picker) and the proofs pages. */
export const statisticsMessages = defineMessages({
  fr: {
    'statistics.nav': 'Statistiques',
    'statistics.titleAll': 'Statistiques de tous vos portails',
    'statistics.titlePortal': 'Statistiques — {portal}',
    'statistics.allPortals': 'Tous mes portails',
    'statistics.proofsLink': 'Preuves de consentement',
    'statistics.period.heading': 'Période et portail',
    'statistics.period.label': 'Période',
    'statistics.period.7d': '7 derniers jours',
    'statistics.period.30d': '30 derniers jours',
    'statistics.period.12m': '12 derniers mois',
    'statistics.period.custom': 'Dates choisies',
    'statistics.period.from': 'Du',
    'statistics.period.to': 'Au',
    'statistics.period.customHint': 'Pour « Dates choisies » ; deux ans au plus.',
    'statistics.period.apply': 'Afficher',
    'statistics.periodShown': 'Du {from} au {to} (jours en UTC).',
    'statistics.figure.choices': 'Choix enregistrés',
    'statistics.figure.shown': 'Bandeaux affichés',
    'statistics.figure.consentRate': 'Taux de consentement',
    'statistics.figure.optInRate': 'Taux d’acceptation',
    'statistics.figure.noChoiceRate': 'Taux sans choix',
    'statistics.choices.heading': 'Choix des visiteurs',
    'statistics.choices.caption':
      'Choix des visiteurs par période : tout accepter, personnaliser, tout refuser, retraits, bandeaux affichés et taux de consentement',
    'statistics.categories.heading': 'Acceptation par catégorie',
    'statistics.categories.caption':
      'Par catégorie : choix qui la concernaient, acceptations et part acceptée',
    'statistics.revisions.heading': 'Par révision',
    'statistics.revisions.caption':
      'Par révision publiée : choix, bandeaux affichés, taux de consentement et d’acceptation',
    'statistics.chart.choicesAlt':
      'Histogramme empilé des choix par période, courbe des bandeaux affichés et publications de révisions ; les mêmes chiffres sont dans le tableau qui suit.',
    'statistics.chart.categoriesAlt':
      'Barres de la part acceptée de chaque catégorie ; les mêmes chiffres sont dans le tableau qui suit.',
    'statistics.chart.revisionsAlt':
      'Barres du taux de consentement de chaque révision ; les mêmes chiffres sont dans le tableau qui suit.',
    'statistics.series.acceptAll': 'Tout accepter',
    'statistics.series.custom': 'Personnalisé',
    'statistics.series.rejectAll': 'Tout refuser',
    'statistics.series.withdraw': 'Retrait',
    'statistics.series.shown': 'Bandeaux affichés',
    'statistics.series.marker': 'Publication d’une révision',
    'statistics.col.day': 'Jour',
    'statistics.col.month': 'Mois',
    'statistics.col.published': 'Publication',
    'statistics.col.category': 'Catégorie',
    'statistics.col.chosen': 'Choix',
    'statistics.col.accepted': 'Acceptée',
    'statistics.col.acceptance': 'Part acceptée',
    'statistics.col.revision': 'Révision',
    'statistics.revisionShort': 'r{number}',
    'statistics.noData': 'n.d.',
    'statistics.empty': 'Aucun choix sur cette période.',
    'statistics.csv': 'Télécharger « {table} » (CSV)',
    'statistics.definitions.heading': 'Définitions',
    'statistics.definitions.consentRate':
      'Taux de consentement : « tout accepter » ÷ (« tout accepter » + « tout refuser »).',
    'statistics.definitions.optInRate':
      'Taux d’acceptation : « tout accepter » ÷ bandeaux affichés.',
    'statistics.definitions.noChoiceRate':
      'Taux sans choix : (bandeaux affichés − choix « tout accepter », « tout refuser » et « personnalisé ») ÷ bandeaux affichés.',
    'statistics.definitions.shown':
      'Bandeaux affichés : compte anonyme envoyé par le bandeau quand il s’affiche, sans identifiant ni cookie. n.d. : aucun dénominateur sur la période.',
  },
  en: {
    'statistics.nav': 'Statistics',
    'statistics.titleAll': 'Statistics of all your portals',
    'statistics.titlePortal': 'Statistics — {portal}',
    'statistics.allPortals': 'All my portals',
    'statistics.proofsLink': 'Consent proofs',
    'statistics.period.heading': 'Period and portal',
    'statistics.period.label': 'Period',
    'statistics.period.7d': 'Last 7 days',
    'statistics.period.30d': 'Last 30 days',
    'statistics.period.12m': 'Last 12 months',
    'statistics.period.custom': 'Chosen dates',
    'statistics.period.from': 'From',
    'statistics.period.to': 'To',
    'statistics.period.customHint': 'For “Chosen dates”; two years at most.',
    'statistics.period.apply': 'Show',
    'statistics.periodShown': 'From {from} to {to} (days in UTC).',
    'statistics.figure.choices': 'Choices recorded',
    'statistics.figure.shown': 'Banners shown',
    'statistics.figure.consentRate': 'Consent rate',
    'statistics.figure.optInRate': 'Opt-in rate',
    'statistics.figure.noChoiceRate': 'No-choice rate',
    'statistics.choices.heading': 'Visitors’ choices',
    'statistics.choices.caption':
      'Visitors’ choices per period: accept all, custom, refuse all, withdrawals, banners shown and consent rate',
    'statistics.categories.heading': 'Acceptance per category',
    'statistics.categories.caption':
      'Per category: choices that concerned it, acceptances and share accepted',
    'statistics.revisions.heading': 'Per revision',
    'statistics.revisions.caption':
      'Per published revision: choices, banners shown, consent and opt-in rates',
    'statistics.chart.choicesAlt':
      'Stacked bar chart of choices per period, line of banners shown and revision publications; the same figures are in the table that follows.',
    'statistics.chart.categoriesAlt':
      'Bars of the share accepted of each category; the same figures are in the table that follows.',
    'statistics.chart.revisionsAlt':
      'Bars of the consent rate of each revision; the same figures are in the table that follows.',
    'statistics.series.acceptAll': 'Accept all',
    'statistics.series.custom': 'Custom',
    'statistics.series.rejectAll': 'Refuse all',
    'statistics.series.withdraw': 'Withdrawal',
    'statistics.series.shown': 'Banners shown',
    'statistics.series.marker': 'Revision published',
    'statistics.col.day': 'Day',
    'statistics.col.month': 'Month',
    'statistics.col.published': 'Published',
    'statistics.col.category': 'Category',
    'statistics.col.chosen': 'Choices',
    'statistics.col.accepted': 'Accepted',
    'statistics.col.acceptance': 'Share accepted',
    'statistics.col.revision': 'Revision',
    'statistics.revisionShort': 'r{number}',
    'statistics.noData': 'n/a',
    'statistics.empty': 'No choice in this period.',
    'statistics.csv': 'Download “{table}” (CSV)',
    'statistics.definitions.heading': 'Definitions',
    'statistics.definitions.consentRate':
      'Consent rate: “accept all” ÷ (“accept all” + “refuse all”).',
    'statistics.definitions.optInRate': 'Opt-in rate: “accept all” ÷ banners shown.',
    'statistics.definitions.noChoiceRate':
      'No-choice rate: (banners shown − “accept all”, “refuse all” and “custom” choices) ÷ banners shown.',
    'statistics.definitions.shown':
      'Banners shown: an anonymous count the banner sends when it appears, with no identifier and no cookie. n/a: no denominator in the period.',
  },
});
