import { defineMessages } from '../message-module.js';

/** Signing in to the console through an OpenID Connect provider (ProConnect…). */
export const singleSignOnMessages = defineMessages({
  fr: {
    'singleSignOn.button': 'Se connecter avec {provider}',
    'singleSignOn.or': 'ou avec votre adresse électronique et votre mot de passe :',
    'singleSignOn.refused.flow-expired':
      'La connexion a pris trop de temps, ou a commencé dans un autre navigateur. Recommencez depuis ce navigateur.',
    'singleSignOn.refused.provider-error':
      'Le fournisseur d’identité a interrompu ou refusé la connexion. Recommencez ; si cela persiste, prévenez l’administration de Galette.',
    'singleSignOn.refused.no-email':
      'Le fournisseur d’identité n’a pas transmis d’adresse électronique vérifiée : Galette ne peut pas vous reconnaître.',
    'singleSignOn.refused.domain-not-allowed':
      'Les adresses de ce domaine ne peuvent pas se connecter à cette console par ce fournisseur.',
    'singleSignOn.refused.no-account':
      'Aucun compte ne correspond à votre adresse. Demandez à une personne qui administre Galette de vous en créer un.',
    'singleSignOn.refused.identity-taken':
      'Votre adresse est déjà liée à une autre identité de ce fournisseur. Demandez à l’administration de Galette de vérifier votre compte.',
    'singleSignOn.refused.disabled': 'Ce compte est désactivé.',
    'singleSignOn.unavailable':
      'Le fournisseur d’identité ne répond pas pour l’instant. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.',
  },
  en: {
    'singleSignOn.button': 'Sign in with {provider}',
    'singleSignOn.or': 'or with your email address and password:',
    'singleSignOn.refused.flow-expired':
      'Signing in took too long, or started in another browser. Start again from this browser.',
    'singleSignOn.refused.provider-error':
      'The identity provider interrupted or refused the sign-in. Try again; if it persists, tell Galette’s administrators.',
    'singleSignOn.refused.no-email':
      'The identity provider sent no verified email address: Galette cannot recognise you.',
    'singleSignOn.refused.domain-not-allowed':
      'Addresses of this domain cannot sign in to this console through this provider.',
    'singleSignOn.refused.no-account':
      'No account matches your address. Ask someone who administers Galette to make one for you.',
    'singleSignOn.refused.identity-taken':
      'Your address is already linked to another identity of this provider. Ask Galette’s administrators to check your account.',
    'singleSignOn.refused.disabled': 'This account is disabled.',
    'singleSignOn.unavailable':
      'The identity provider does not answer right now. Try again in a few minutes, or sign in with your password.',
  },
});
