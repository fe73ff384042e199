import { defineMessages } from '../message-module.js';

/** Accounts: sign-in, sessions, API tokens, the audit log, and their `galette` commands. */
export const accountsMessages = defineMessages({
  fr: {
    'accounts.signIn.failed': 'Adresse électronique ou mot de passe incorrect.',
    'accounts.signIn.throttled':
      'Trop de tentatives de connexion. Réessayez dans {seconds} secondes.',
    'accounts.link.invalid':
      'Ce lien n’est plus valable : il a déjà servi, a expiré ou a été remplacé par un plus récent. Demandez-en un nouveau à un administrateur.',
    'accounts.error.forbiddenUsers': 'Seuls les administrateurs gèrent les utilisateurs.',
    'accounts.error.forbiddenTokens': 'Seuls les administrateurs gèrent les jetons d’API.',
    'accounts.error.noSuchUser': 'Aucun utilisateur n’a l’adresse « {email} ».',
    'accounts.error.emailTaken': 'Un utilisateur a déjà l’adresse « {email} ».',
    'accounts.error.noSuchRole': '{email} n’a pas ce rôle.',
    'accounts.error.lastAdmin':
      '{email} est le dernier administrateur actif : nommez d’abord un autre administrateur.',
    'accounts.error.noSuchToken': 'Aucun jeton d’API ne s’appelle « {name} ».',
    'accounts.error.tokenNameTaken': 'Un jeton d’API actif s’appelle déjà « {name} ».',

    'accounts.cli.users.summary': 'gère les comptes de la console (ajout, rôles, désactivation)',
    'accounts.cli.users.usage':
      'galette users add <email> [--name <nom>] [--language fr|en] [--role admin|editor|viewer] [--portal <id>]… [--password-stdin]\n       galette users list\n       galette users grant <email> --role admin|editor|viewer [--portal <id>]…\n       galette users revoke <email> [--role admin|editor|viewer] [--portal <id>]…\n       galette users reset-password <email> [--password-stdin]\n       galette users disable|enable|reset-second-factor <email>',
    'accounts.cli.tokens.summary': 'gère les jetons de l’API d’administration',
    'accounts.cli.tokens.usage':
      'galette tokens create --name <nom> --role admin|editor|viewer [--portal <id>]… [--expires P90D]\n       galette tokens list\n       galette tokens revoke <nom>',
    'accounts.cli.arg.action': '<action>',
    'accounts.cli.arg.email': '<email>',
    'accounts.cli.arg.name': '<nom>',
    'accounts.cli.badAction': 'Action inconnue : « {action} » (attendu : {actions}).',
    'accounts.cli.optionNotHere': 'L’option --{option} ne s’applique pas à « {command} ».',
    'accounts.cli.option.name': 'nom affiché (défaut : la partie de l’adresse avant @)',
    'accounts.cli.option.language':
      'langue de la console pour cet utilisateur : fr ou en (défaut : fr)',
    'accounts.cli.option.role': 'rôle : admin (tous les portails), editor ou viewer (sur --portal)',
    'accounts.cli.option.portal': 'portail sur lequel le rôle s’applique ; répétable',
    'accounts.cli.option.passwordStdin':
      'lit le mot de passe sur l’entrée standard au lieu d’imprimer un lien',
    'accounts.cli.option.publicUrl':
      'adresse publique de la console pour les liens (défaut : $GALETTE_PUBLIC_URL, sinon http://localhost:$PORT)',
    'accounts.cli.option.tokenName': 'nom du jeton (lettres, chiffres, . _ -)',
    'accounts.cli.option.expires':
      'durée de validité ISO 8601, par exemple P90D (défaut : sans fin)',
    'accounts.cli.noPasswordOnStdin': 'Aucun mot de passe sur l’entrée standard.',
    'accounts.cli.userAdded': 'Utilisateur {email} ajouté ({grants}).',
    'accounts.cli.noRole': 'aucun rôle',
    'accounts.cli.linkIntro':
      'Lien à usage unique pour choisir le mot de passe, valable jusqu’au {expires} :',
    'accounts.cli.granted': '{email} : {grants}.',
    'accounts.cli.disabled': '{email} est désactivé ; ses sessions sont fermées.',
    'accounts.cli.secondFactorReset':
      'La double authentification de {email} est retirée ; la personne la configurera de nouveau depuis la page « Mon compte ».',
    'accounts.cli.enabled': '{email} est réactivé.',
    'accounts.cli.passwordSet':
      'Le mot de passe de {email} est changé ; ses sessions ouvertes sont fermées.',
    'accounts.cli.noUsers':
      'Aucun utilisateur. « galette serve » imprime un lien pour créer le premier administrateur.',
    'accounts.cli.listHeader': 'EMAIL\tNOM\tLANGUE\tÉTAT\tRÔLES\tDERNIÈRE CONNEXION',
    'accounts.cli.active': 'actif',
    'accounts.cli.inactive': 'désactivé',
    'accounts.cli.never': 'jamais',
    'accounts.cli.tokenCreated':
      'Jeton « {name} » créé ({grants}, {expiry}). Copiez-le maintenant : il ne sera plus affiché.',
    'accounts.cli.expiresOn': 'expire le {date}',
    'accounts.cli.noExpiry': 'sans expiration',
    'accounts.cli.tokensHeader': 'NOM\tRÔLE\tPORTAILS\tCRÉÉ LE\tPAR\tEXPIRE\tDERNIER USAGE',
    'accounts.cli.noTokens': 'Aucun jeton d’API.',
    'accounts.cli.tokenRevoked': 'Jeton « {name} » révoqué.',
    'accounts.cli.allPortals': 'tous',
    'accounts.cli.auditLog.summaryLine': '{count} entrées exportées.',
    'accounts.serve.firstAdmin':
      'Aucun utilisateur pour l’instant. Créez le premier administrateur avec ce lien à usage unique, valable jusqu’au {expires} :',
  },
  en: {
    'accounts.signIn.failed': 'Wrong email address or password.',
    'accounts.signIn.throttled': 'Too many sign-in attempts. Try again in {seconds} seconds.',
    'accounts.link.invalid':
      'This link no longer works: it was used, expired, or replaced by a newer one. Ask an administrator for a new one.',
    'accounts.error.forbiddenUsers': 'Only administrators manage users.',
    'accounts.error.forbiddenTokens': 'Only administrators manage API tokens.',
    'accounts.error.noSuchUser': 'No user has the email "{email}".',
    'accounts.error.emailTaken': 'A user already has the email "{email}".',
    'accounts.error.noSuchRole': '{email} does not hold this role.',
    'accounts.error.lastAdmin':
      '{email} is the last active administrator: make someone else administrator first.',
    'accounts.error.noSuchToken': 'No API token is named "{name}".',
    'accounts.error.tokenNameTaken': 'An active API token is already named "{name}".',

    'accounts.cli.users.summary': 'manage console accounts (add, roles, disable)',
    'accounts.cli.users.usage':
      'galette users add <email> [--name <name>] [--language fr|en] [--role admin|editor|viewer] [--portal <id>]… [--password-stdin]\n       galette users list\n       galette users grant <email> --role admin|editor|viewer [--portal <id>]…\n       galette users revoke <email> [--role admin|editor|viewer] [--portal <id>]…\n       galette users reset-password <email> [--password-stdin]\n       galette users disable|enable|reset-second-factor <email>',
    'accounts.cli.tokens.summary': 'manage admin API tokens',
    'accounts.cli.tokens.usage':
      'galette tokens create --name <name> --role admin|editor|viewer [--portal <id>]… [--expires P90D]\n       galette tokens list\n       galette tokens revoke <name>',
    'accounts.cli.arg.action': '<action>',
    'accounts.cli.arg.email': '<email>',
    'accounts.cli.arg.name': '<name>',
    'accounts.cli.badAction': 'Unknown action: "{action}" (expected: {actions}).',
    'accounts.cli.optionNotHere': 'Option --{option} does not apply to "{command}".',
    'accounts.cli.option.name': 'display name (default: the part of the email before @)',
    'accounts.cli.option.language': 'console language for this user: fr or en (default: fr)',
    'accounts.cli.option.role': 'role: admin (every portal), editor or viewer (on --portal)',
    'accounts.cli.option.portal': 'portal the role applies to; repeatable',
    'accounts.cli.option.passwordStdin':
      'read the password from standard input instead of printing a link',
    'accounts.cli.option.publicUrl':
      'public address of the console for links (default: $GALETTE_PUBLIC_URL, else http://localhost:$PORT)',
    'accounts.cli.option.tokenName': 'token name (letters, digits, . _ -)',
    'accounts.cli.option.expires': 'validity as an ISO 8601 duration, e.g. P90D (default: no end)',
    'accounts.cli.noPasswordOnStdin': 'No password on standard input.',
    'accounts.cli.userAdded': 'User {email} added ({grants}).',
    'accounts.cli.noRole': 'no role',
    'accounts.cli.linkIntro': 'Single-use link to choose a password, valid until {expires}:',
    'accounts.cli.granted': '{email}: {grants}.',
    'accounts.cli.disabled': '{email} is disabled; their sessions are closed.',
    'accounts.cli.secondFactorReset':
      'The two-factor authentication of {email} is removed; they will set it up again from the "My account" page.',
    'accounts.cli.enabled': '{email} is enabled again.',
    'accounts.cli.passwordSet':
      'The password of {email} is changed; their open sessions are closed.',
    'accounts.cli.noUsers':
      'No users. "galette serve" prints a link to create the first administrator.',
    'accounts.cli.listHeader': 'EMAIL\tNAME\tLANGUAGE\tSTATE\tROLES\tLAST SIGN-IN',
    'accounts.cli.active': 'active',
    'accounts.cli.inactive': 'disabled',
    'accounts.cli.never': 'never',
    'accounts.cli.tokenCreated':
      'Token "{name}" created ({grants}, {expiry}). Copy it now: it will not be shown again.',
    'accounts.cli.expiresOn': 'expires {date}',
    'accounts.cli.noExpiry': 'no expiry',
    'accounts.cli.tokensHeader': 'NAME\tROLE\tPORTALS\tCREATED\tBY\tEXPIRES\tLAST USED',
    'accounts.cli.noTokens': 'No API tokens.',
    'accounts.cli.tokenRevoked': 'Token "{name}" revoked.',
    'accounts.cli.allPortals': 'all',
    'accounts.cli.auditLog.summaryLine': '{count} entries exported.',
    'accounts.serve.firstAdmin':
      'No users yet. Create the first administrator with this single-use link, valid until {expires}:',
  },
});
