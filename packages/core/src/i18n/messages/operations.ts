import { defineMessages } from '../message-module.js';

/** Texts about running Galette: health checks, security settings refused at start. */
export const operationsMessages = defineMessages({
  fr: {
    'operations.health.unreachable':
      'La base de données ne répond pas (connexion refusée, coupée ou impossible).',
    'operations.health.timeout':
      'La base de données n’a pas répondu dans le délai de {timeout} ms.',
    'operations.health.readOnly':
      'La base de données est en lecture seule (serveur secondaire, primaire rétrogradé ou default_transaction_read_only) : aucun consentement ne peut être enregistré.',
    'operations.request.aborted': 'La requête a été interrompue avant la fin de son contenu.',
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
    'operations.secret.tooShort':
      "GALETTE_SECRET is too short: {length} byte(s), at least {min} are needed. Generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"",
  },
});
