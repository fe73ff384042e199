import { defineMessages } from '../message-module.js';

/**
 * Texts about running Galette: health checks, security settings refused at start, the command
 * line's own errors (options, database URL) that Node and the drivers would say in English.
 */
export const operationsMessages = defineMessages({
  fr: {
    'operations.health.unreachable':
      'La base de données ne répond pas (connexion refusée, coupée ou impossible).',
    'operations.health.timeout':
      'La base de données n’a pas répondu dans le délai de {timeout} ms.',
    'operations.health.readOnly':
      'La base de données est en lecture seule (serveur secondaire, primaire rétrogradé ou default_transaction_read_only) : aucun consentement ne peut être enregistré.',
    'operations.request.aborted': 'La requête a été interrompue avant la fin de son contenu.',
    'operations.cli.unknownOption':
      'Option inconnue : {option}. Un argument qui commence par « - » se place après « -- ».',
    'operations.cli.missingValue': 'L’option {option} attend une valeur.',
    'operations.cli.unexpectedValue': 'L’option {option} ne prend pas de valeur.',
    'operations.cli.badOption': 'Option invalide : {option}.',
    'operations.cli.exportEmpty':
      'Aucune preuve de consentement pour le portail « {portalId} » pour l’instant : export vide.',
    'operations.cli.badDatabaseUrl':
      '{source} : adresse de base de données non reconnue « {url} ». Formes acceptées : sqlite:./data/galette.db (relative au dossier courant), sqlite:/chemin/absolu.db, sqlite::memory:, postgres://utilisateur:mot-de-passe@hôte:5432/base ou postgresql://…',
    'operations.metrics.forbidden':
      'Les métriques ne sont servies qu’avec le jeton de GALETTE_METRICS_TOKEN (Authorization: Bearer …) ou en boucle locale.',
    'operations.secret.tooShort':
      "GALETTE_SECRET est trop court : {length} octet(s), il en faut au moins {min}. Générez-en un avec : node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"",
  },
  en: {
    'operations.health.unreachable':
      'The database does not answer (connection refused, lost or impossible).',
    'operations.health.timeout': 'The database did not answer within {timeout} ms.',
    'operations.health.readOnly':
      'The database is read-only (a standby, a demoted primary or default_transaction_read_only): no consent can be stored.',
    'operations.request.aborted': 'The request was interrupted before the end of its body.',
    'operations.cli.unknownOption':
      'Unknown option: {option}. An argument starting with “-” goes after “--”.',
    'operations.cli.missingValue': 'The option {option} needs a value.',
    'operations.cli.unexpectedValue': 'The option {option} takes no value.',
    'operations.cli.badOption': 'Invalid option: {option}.',
    'operations.cli.exportEmpty': 'No consent proof for portal “{portalId}” yet: empty export.',
    'operations.cli.badDatabaseUrl':
      '{source}: unsupported database URL “{url}”. Accepted forms: sqlite:./data/galette.db (relative to the working directory), sqlite:/absolute/path.db, sqlite::memory:, postgres://user:password@host:5432/database or postgresql://…',
    'operations.metrics.forbidden':
      'Metrics are served only with the token of GALETTE_METRICS_TOKEN (Authorization: Bearer …) or over loopback.',
    'operations.secret.tooShort':
      "GALETTE_SECRET is too short: {length} byte(s), at least {min} are needed. Generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"",
  },
});
