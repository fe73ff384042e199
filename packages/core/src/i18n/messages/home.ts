import { defineMessages } from '../message-module.js';

/** The server's landing page, `GET /`. */
export const homeMessages = defineMessages({
  fr: {
    'home.title': 'Galette – chartes cookies et consentement',
    'home.heading': 'Serveur Galette',
    'home.intro':
      'Ce serveur publie la charte cookies et le bandeau de consentement des portails ci-dessous.',
    'home.portals': 'Portails publiés',
    'home.none':
      'Aucun portail n’est encore publié. Ajoutez-en un avec « galette import <fichier.json> --publish ».',
    'home.charter': 'Charte cookies',
    'home.demo': 'Page de démonstration',
    'home.api': 'Description de l’API (OpenAPI)',
    'home.language': 'English',
  },
  en: {
    'home.title': 'Galette – cookie charters and consent',
    'home.heading': 'Galette server',
    'home.intro':
      'This server publishes the cookie charter and consent banner of the portals below.',
    'home.portals': 'Published portals',
    'home.none': 'No portal is published yet. Add one with “galette import <file.json> --publish”.',
    'home.charter': 'Cookie charter',
    'home.demo': 'Demonstration page',
    'home.api': 'API description (OpenAPI)',
    'home.language': 'Français',
  },
});
