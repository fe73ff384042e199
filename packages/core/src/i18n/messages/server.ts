import { defineMessages } from '../message-module.js';

/** Texts of the HTTP server's own pages and errors, and of the `galette` command. */
export const serverMessages = defineMessages({
  fr: {
    'server.notFound.title': 'Page introuvable',
    'server.notFound.heading': 'Cette page n’existe pas',
    'server.notFound.page': 'Aucune page ne correspond à l’adresse {path} sur ce serveur Galette.',
    'server.notFound.portal':
      'Aucune charte cookies n’est publiée pour le portail « {portalId} ». Vérifiez l’adresse : le portail est désigné par son nom d’hôte, par exemple opendata.paris.fr.',
    'server.notFound.home': 'Revenir à l’accueil du serveur',
    'server.error.title': 'Erreur',
    'server.error.internal':
      'Une erreur interne est survenue. Réessayez dans quelques instants ; si elle persiste, contactez l’équipe qui exploite ce service.',
    'server.error.invalidInput': 'Les données envoyées ne sont pas valides.',
    'server.error.notFound': 'Ressource introuvable.',
    'server.error.portalNotFound': 'Aucune charte publiée pour le portail « {portalId} ».',
    'server.error.conflict': 'La ressource a été modifiée entre-temps.',
    'server.error.unauthorized': 'Authentification requise.',
    'server.error.forbidden': 'Accès refusé.',
    'server.error.rateLimited': 'Trop de requêtes ; réessayez plus tard.',
  },
  en: {
    'server.notFound.title': 'Page not found',
    'server.notFound.heading': 'This page does not exist',
    'server.notFound.page': 'No page matches the address {path} on this Galette server.',
    'server.notFound.portal':
      'No cookie policy is published for the portal “{portalId}”. Check the address: a portal is named by its host name, for example opendata.paris.fr.',
    'server.notFound.home': 'Back to the server’s home page',
    'server.error.title': 'Error',
    'server.error.internal':
      'An internal error occurred. Try again in a moment; if it persists, contact the team that runs this service.',
    'server.error.invalidInput': 'The data sent is not valid.',
    'server.error.notFound': 'Resource not found.',
    'server.error.portalNotFound': 'No published policy for the portal “{portalId}”.',
    'server.error.conflict': 'The resource was changed in the meantime.',
    'server.error.unauthorized': 'Authentication required.',
    'server.error.forbidden': 'Access denied.',
    'server.error.rateLimited': 'Too many requests; try again later.',
  },
});
