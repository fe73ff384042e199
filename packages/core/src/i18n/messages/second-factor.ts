import { defineMessages } from '../message-module.js';

/** The console's second factor (TOTP): sign-in step, setting up, turning off, enforcement. */
export const secondFactorMessages = defineMessages({
  fr: {
    'secondFactor.signIn.title': 'Code de vérification',
    'secondFactor.signIn.intro':
      'Votre compte est protégé par une double authentification. Ouvrez votre application d’authentification et saisissez le code à six chiffres affiché pour Galette.',
    'secondFactor.signIn.failed':
      'Code incorrect, expiré ou déjà utilisé. Réessayez avec le code affiché maintenant.',
    'secondFactor.signIn.expired':
      'Le délai de saisie du code est dépassé. Saisissez de nouveau votre adresse électronique et votre mot de passe.',
    'secondFactor.signIn.submit': 'Vérifier le code',
    'secondFactor.field.code': 'Code à six chiffres',
    'secondFactor.field.codeHint': 'Exemple : 123456. Le code change toutes les 30 secondes.',
    'secondFactor.account.heading': 'Double authentification',
    'secondFactor.account.on':
      'Activée : à chaque connexion, un code de votre application d’authentification vous est demandé après le mot de passe.',
    'secondFactor.account.off':
      'Désactivée : le mot de passe suffit pour se connecter. Une application d’authentification (FreeOTP, Aegis, Google Authenticator…) protège votre compte même si le mot de passe fuit.',
    'secondFactor.account.setUp': 'Activer la double authentification',
    'secondFactor.account.disable': 'Désactiver la double authentification',
    'secondFactor.account.disableHint':
      'Saisissez un code actuel de votre application pour confirmer.',
    'secondFactor.account.enabled': 'La double authentification est activée.',
    'secondFactor.account.disabled': 'La double authentification est désactivée.',
    'secondFactor.required':
      'L’administration de cette instance exige une double authentification pour les administrateurs : activez-la pour continuer.',
    'secondFactor.setup.title': 'Activer la double authentification',
    'secondFactor.setup.step1':
      'Ajoutez un compte dans votre application d’authentification avec la clé ci-dessous (saisie manuelle, type « basé sur le temps »), ou ouvrez le lien depuis le téléphone qui porte l’application.',
    'secondFactor.setup.key': 'Clé',
    'secondFactor.setup.link': 'Ouvrir dans l’application d’authentification',
    'secondFactor.setup.step2':
      'Saisissez ensuite le code à six chiffres que l’application affiche.',
    'secondFactor.setup.submit': 'Activer',
    'secondFactor.setup.already': 'La double authentification est déjà activée sur votre compte.',
    'secondFactor.api.required':
      'Une double authentification est exigée pour les administrateurs : activez-la dans la console avant d’utiliser l’API avec cette session.',
    'secondFactor.users.reset': 'Retirer la double authentification de {email}',
  },
  en: {
    'secondFactor.signIn.title': 'Verification code',
    'secondFactor.signIn.intro':
      'Your account is protected by two-factor authentication. Open your authenticator app and type the six-digit code it shows for Galette.',
    'secondFactor.signIn.failed':
      'Wrong, expired or already used code. Try again with the code shown now.',
    'secondFactor.signIn.expired':
      'The time to type the code has passed. Type your email address and password again.',
    'secondFactor.signIn.submit': 'Verify the code',
    'secondFactor.field.code': 'Six-digit code',
    'secondFactor.field.codeHint': 'For example: 123456. The code changes every 30 seconds.',
    'secondFactor.account.heading': 'Two-factor authentication',
    'secondFactor.account.on':
      'On: each sign-in asks for a code from your authenticator app after the password.',
    'secondFactor.account.off':
      'Off: the password alone signs you in. An authenticator app (FreeOTP, Aegis, Google Authenticator…) protects your account even if the password leaks.',
    'secondFactor.account.setUp': 'Turn on two-factor authentication',
    'secondFactor.account.disable': 'Turn off two-factor authentication',
    'secondFactor.account.disableHint': 'Type a current code from your app to confirm.',
    'secondFactor.account.enabled': 'Two-factor authentication is on.',
    'secondFactor.account.disabled': 'Two-factor authentication is off.',
    'secondFactor.required':
      'This instance requires two-factor authentication for administrators: turn it on to continue.',
    'secondFactor.setup.title': 'Turn on two-factor authentication',
    'secondFactor.setup.step1':
      'Add an account in your authenticator app with the key below (manual entry, "time-based"), or open the link on the phone that holds the app.',
    'secondFactor.setup.key': 'Key',
    'secondFactor.setup.link': 'Open in the authenticator app',
    'secondFactor.setup.step2': 'Then type the six-digit code the app shows.',
    'secondFactor.setup.submit': 'Turn on',
    'secondFactor.setup.already': 'Two-factor authentication is already on for your account.',
    'secondFactor.api.required':
      'Two-factor authentication is required for administrators: turn it on in the console before using the API with this session.',
    'secondFactor.users.reset': 'Remove the two-factor authentication of {email}',
  },
});
