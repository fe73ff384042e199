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
    'server.errorPage.heading': 'Cette page ne peut pas s’afficher',
    'server.error.internal':
      'Une erreur interne est survenue. Réessayez dans quelques instants ; si elle persiste, contactez l’équipe qui exploite ce service.',
    'server.error.invalidInput': 'Les données envoyées ne sont pas valides.',
    'server.error.notFound': 'Ressource introuvable.',
    'server.error.portalNotFound': 'Aucune charte publiée pour le portail « {portalId} ».',
    'server.error.conflict': 'La ressource a été modifiée entre-temps.',
    'server.error.unauthorized': 'Authentification requise.',
    'server.error.forbidden': 'Accès refusé.',
    'server.error.rateLimited': 'Trop de requêtes ; réessayez plus tard.',
    'server.error.unavailable':
      'Le service est momentanément indisponible : sa base de données ne répond pas. Réessayez dans quelques instants.',
    'server.cli.usage': 'Utilisation : galette <commande> [options]',
    'server.cli.commandsHeading': 'Commandes :',
    'server.cli.optionsHeading': 'Options :',
    'server.cli.helpHint': '« galette <commande> --help » détaille une commande.',
    'server.cli.unknownCommand': 'Commande inconnue : « {command} ».',
    'server.cli.badOptions': 'Options invalides : {detail}',
    'server.cli.missingArgument': 'Argument manquant : {name}.',
    'server.cli.extraArgument': 'Argument en trop : « {value} ».',
    'server.cli.arg.portal': '<portail>',
    'server.cli.arg.address': '<adresse>',
    'server.cli.arg.file': '<fichier.json>',
    'server.cli.arg.auditAction': 'verify|log',
    'server.cli.badPort': 'Port invalide : « {value} » (attendu : un entier de 0 à 65535).',
    'server.cli.badFormat': 'Format invalide : « {value} » (attendu : {formats}).',
    'server.cli.charter.badLang':
      'Langue non publiée pour ce portail : « {value} » (langues : {languages}).',
    'server.cli.error': 'Erreur : {message}',
    'server.cli.migrationFailed': 'La migration {migration} a échoué : {message}',
    'server.cli.option.help': 'affiche cette aide',
    'server.cli.option.db':
      'base de données : sqlite:<fichier> ou postgres://… (défaut : $GALETTE_DB, sinon {default})',
    'server.cli.option.port':
      'port d’écoute, 0 pour un port libre (défaut : $PORT, sinon {default})',
    'server.cli.option.host': 'adresse d’écoute (défaut : toutes les interfaces)',
    'server.cli.option.lang': 'langue, comme ?lang= (défaut : langue par défaut du portail)',
    'server.cli.option.format': 'format : {formats} (défaut : html)',
    'server.cli.option.publish': 'publie aussi le brouillon importé comme nouvelle révision',
    'server.cli.option.force':
      'avec --publish, publie même si la conformité signale des erreurs (et le dit)',
    'server.cli.option.ocd':
      'Open Cookie Database à utiliser, un fichier CSV (défaut : GALETTE_COOKIE_DATABASE, sinon la copie livrée avec Galette)',
    'server.cli.option.revision':
      'numéro de révision, latest (dernière publiée) ou draft (brouillon, défaut)',
    'server.cli.serve.summary': 'démarre le serveur HTTP (chartes, widget, API)',
    'server.cli.serve.usage':
      'galette serve [--port <port>] [--host <adresse>] [--db <url>] [--no-demo]',
    'server.cli.option.noDemo':
      'ne charge pas le préréglage de démonstration dans une base vide (aussi GALETTE_DEMO=off)',
    'server.cli.charter.summary': 'affiche la charte cookies publiée d’un portail',
    'server.cli.charter.usage':
      'galette charter <portail> [--lang fr] [--format html|md|txt|json] [--db <url>]',
    'server.cli.import.summary': 'importe un fichier portail (JSON) dans le brouillon du portail',
    'server.cli.import.usage':
      'galette import <fichier.json> [--publish [--force]] [--ocd <fichier.csv>] [--db <url>]',
    'server.cli.export.summary':
      'écrit le fichier portail (JSON) d’un portail sur la sortie standard',
    'server.cli.export.usage':
      'galette export <portail> [--revision <n>|latest|draft] [--db <url>]',
    'server.cli.migrate.summary': 'met à jour le schéma de la base de données',
    'server.cli.migrate.usage': 'galette migrate [--db <url>]',
    'server.cli.serve.presetLoaded':
      'Base vide : préréglage de démonstration chargé ({count} portails publiés).',
    'server.cli.serve.listening': 'Galette {version} écoute sur {url} (base {store}).',
    'server.cli.serve.charters': 'Chartes cookies publiées :',
    'server.cli.serve.noPortals':
      'Aucun portail publié pour l’instant : importez-en un avec « galette import <fichier.json> --publish ».',
    'server.cli.serve.noSecret':
      'GALETTE_SECRET n’est pas défini : un secret aléatoire est utilisé. Les sessions n’en dépendent pas (elles sont dans la base), mais ce qui en dérive change à chaque démarrage et d’un nœud à l’autre : pseudonymes d’adresse du journal d’audit et du freinage des connexions ; et le code de double authentification comme le retour d’une connexion par le fournisseur d’identité (OpenID Connect) ne sont acceptés que par le nœud qui a commencé la connexion, avant qu’il redémarre. Avec plusieurs nœuds, donnez-leur à tous le même GALETTE_SECRET.',
    'server.cli.serve.stopping': 'Signal {signal} reçu : arrêt en cours…',
    'server.cli.serve.stopped': 'Serveur arrêté.',
    'server.cli.serve.portInUse':
      'Le port {port} est déjà utilisé ; choisissez-en un autre avec --port ou PORT.',
    'server.cli.migrate.applied': 'appliquée : {migration}',
    'server.cli.migrate.alreadyApplied': 'déjà appliquée : {migration}',
    'server.cli.migrate.failed': 'échec : {migration} — {message}',
    'server.cli.databaseUnavailable': 'La base de données {database} ne répond pas : {message}',
    'server.log.unavailable': 'Base de données injoignable, requêtes refusées (503) : {message}',
    'server.log.unavailableAgain':
      'Base de données toujours injoignable, {count} requête(s) refusée(s) (503) depuis le dernier message : {message}',
    'server.cli.migrate.done':
      'Base {store} à jour : {applied} migration(s) appliquée(s), {already} déjà en place.',
    'server.cli.import.unreadable': 'Impossible de lire {file} : {reason}',
    'server.cli.import.notJson': 'JSON invalide : {reason}',
    'server.cli.import.invalid':
      '{file} n’est pas un fichier portail valide ({count} erreur(s)) ; rien n’a été enregistré.',
    'server.cli.import.created': 'Portail {portalId} créé : {declarations} déclaration(s).',
    'server.cli.import.updated':
      'Portail {portalId} mis à jour : {added} déclaration(s) ajoutée(s), {removed} retirée(s), {changed} modifiée(s).',
    'server.cli.import.fieldsChanged': 'Réglages modifiés : {fields}.',
    'server.cli.import.unchanged': 'Portail {portalId} : brouillon inchangé.',
    'server.cli.import.published': 'Révision {number} publiée ({hash}).',
    'server.cli.import.alreadyPublished':
      'Rien de nouveau à publier : la révision {number} ({hash}) reste en ligne.',
    'server.cli.import.draftOnly':
      'Brouillon enregistré sans publication ; ajoutez --publish pour le mettre en ligne.',
    'server.cli.import.finding': '{severity} {path} : {message}',
    'server.cli.import.blocked':
      'Rien n’a été publié ni enregistré : {count} erreur(s) de conformité ci-dessus. Corrigez-les, ou ajoutez --force pour publier quand même.',
    'server.cli.import.forced': 'Publié malgré {count} erreur(s) de conformité (--force).',
    'server.cli.severity.error': 'non conforme',
    'server.cli.severity.warning': 'à vérifier',
    'server.cli.unknownPortal': 'Portail inconnu : {portalId}.',
    'server.cli.notPublished': 'Le portail {portalId} n’a aucune révision publiée.',
    'server.cli.export.noRevision': 'Le portail {portalId} n’a pas de révision {revision}.',
    'server.cli.export.badRevision':
      '--revision attend un numéro, latest ou draft ; reçu « {value} ».',
  },
  en: {
    'server.notFound.title': 'Page not found',
    'server.notFound.heading': 'This page does not exist',
    'server.notFound.page': 'No page matches the address {path} on this Galette server.',
    'server.notFound.portal':
      'No cookie policy is published for the portal “{portalId}”. Check the address: a portal is named by its host name, for example opendata.paris.fr.',
    'server.notFound.home': 'Back to the server’s home page',
    'server.error.title': 'Error',
    'server.errorPage.heading': 'This page cannot be shown',
    'server.error.internal':
      'An internal error occurred. Try again in a moment; if it persists, contact the team that runs this service.',
    'server.error.invalidInput': 'The data sent is not valid.',
    'server.error.notFound': 'Resource not found.',
    'server.error.portalNotFound': 'No published policy for the portal “{portalId}”.',
    'server.error.conflict': 'The resource was changed in the meantime.',
    'server.error.unauthorized': 'Authentication required.',
    'server.error.forbidden': 'Access denied.',
    'server.error.rateLimited': 'Too many requests; try again later.',
    'server.error.unavailable':
      'The service is briefly unavailable: its database does not answer. Try again in a moment.',
    'server.cli.usage': 'Usage: galette <command> [options]',
    'server.cli.commandsHeading': 'Commands:',
    'server.cli.optionsHeading': 'Options:',
    'server.cli.helpHint': '"galette <command> --help" describes a command.',
    'server.cli.unknownCommand': 'Unknown command: "{command}".',
    'server.cli.badOptions': 'Invalid options: {detail}',
    'server.cli.missingArgument': 'Missing argument: {name}.',
    'server.cli.extraArgument': 'Unexpected argument: "{value}".',
    'server.cli.arg.portal': '<portal>',
    'server.cli.arg.address': '<address>',
    'server.cli.arg.file': '<file.json>',
    'server.cli.arg.auditAction': 'verify|log',
    'server.cli.badPort': 'Invalid port: "{value}" (expected an integer from 0 to 65535).',
    'server.cli.badFormat': 'Invalid format: "{value}" (expected {formats}).',
    'server.cli.charter.badLang':
      'Language not published for this portal: "{value}" (languages: {languages}).',
    'server.cli.error': 'Error: {message}',
    'server.cli.migrationFailed': 'Migration {migration} failed: {message}',
    'server.cli.option.help': 'show this help',
    'server.cli.option.db':
      'database: sqlite:<file> or postgres://… (default: $GALETTE_DB, else {default})',
    'server.cli.option.port':
      'port to listen on, 0 for any free port (default: $PORT, else {default})',
    'server.cli.option.host': 'address to listen on (default: every interface)',
    'server.cli.option.lang': 'language, like ?lang= (default: the portal’s default language)',
    'server.cli.option.format': 'format: {formats} (default: html)',
    'server.cli.option.publish': 'also publish the imported draft as a new revision',
    'server.cli.option.force':
      'with --publish, publish even when compliance reports errors (and say so)',
    'server.cli.option.ocd':
      'Open Cookie Database to use, a CSV file (default: GALETTE_COOKIE_DATABASE, else the copy shipped with Galette)',
    'server.cli.option.revision': 'revision number, latest (latest published) or draft (default)',
    'server.cli.serve.summary': 'starts the HTTP server (charters, widget, API)',
    'server.cli.serve.usage':
      'galette serve [--port <port>] [--host <address>] [--db <url>] [--no-demo]',
    'server.cli.option.noDemo':
      'do not load the demo preset into an empty database (also GALETTE_DEMO=off)',
    'server.cli.charter.summary': 'prints a portal’s published cookie policy',
    'server.cli.charter.usage':
      'galette charter <portal> [--lang fr] [--format html|md|txt|json] [--db <url>]',
    'server.cli.import.summary': 'imports a portal file (JSON) into the portal’s draft',
    'server.cli.import.usage':
      'galette import <file.json> [--publish [--force]] [--ocd <file.csv>] [--db <url>]',
    'server.cli.export.summary': 'writes a portal’s portal file (JSON) to standard output',
    'server.cli.export.usage': 'galette export <portal> [--revision <n>|latest|draft] [--db <url>]',
    'server.cli.migrate.summary': 'brings the database schema up to date',
    'server.cli.migrate.usage': 'galette migrate [--db <url>]',
    'server.cli.serve.presetLoaded':
      'Empty database: demo preset loaded ({count} portals published).',
    'server.cli.serve.listening': 'Galette {version} listening on {url} ({store} database).',
    'server.cli.serve.charters': 'Published cookie policies:',
    'server.cli.serve.noPortals':
      'No portal published yet: import one with "galette import <file.json> --publish".',
    'server.cli.serve.noSecret':
      'GALETTE_SECRET is not set: using a random secret. Sessions do not depend on it (they live in the database), but what derives from it changes at every start and between nodes: the address pseudonyms of the audit log and of sign-in throttling; and the second-factor code and the single sign-on callback (OpenID Connect) only work on the node that began the sign-in, before it restarts. With several nodes, give them all one shared GALETTE_SECRET.',
    'server.cli.serve.stopping': 'Received {signal}: shutting down…',
    'server.cli.serve.stopped': 'Server stopped.',
    'server.cli.serve.portInUse':
      'Port {port} is already in use; pick another one with --port or PORT.',
    'server.cli.migrate.applied': 'applied: {migration}',
    'server.cli.migrate.alreadyApplied': 'already applied: {migration}',
    'server.cli.migrate.failed': 'failed: {migration} — {message}',
    'server.cli.databaseUnavailable': 'The database {database} does not answer: {message}',
    'server.log.unavailable': 'Database out of reach, requests refused (503): {message}',
    'server.log.unavailableAgain':
      'Database still out of reach, {count} request(s) refused (503) since the last line: {message}',
    'server.cli.migrate.done':
      '{store} database up to date: {applied} migration(s) applied, {already} already in place.',
    'server.cli.import.unreadable': 'Cannot read {file}: {reason}',
    'server.cli.import.notJson': 'invalid JSON: {reason}',
    'server.cli.import.invalid':
      '{file} is not a valid portal file ({count} error(s)); nothing was stored.',
    'server.cli.import.created': 'Portal {portalId} created: {declarations} declaration(s).',
    'server.cli.import.updated':
      'Portal {portalId} updated: {added} declaration(s) added, {removed} removed, {changed} changed.',
    'server.cli.import.fieldsChanged': 'Settings changed: {fields}.',
    'server.cli.import.unchanged': 'Portal {portalId}: draft unchanged.',
    'server.cli.import.published': 'Revision {number} published ({hash}).',
    'server.cli.import.alreadyPublished':
      'Nothing new to publish: revision {number} ({hash}) stays online.',
    'server.cli.import.draftOnly': 'Draft saved, not published; add --publish to put it online.',
    'server.cli.import.finding': '{severity} {path}: {message}',
    'server.cli.import.blocked':
      'Nothing was published or saved: {count} compliance error(s) above. Fix them, or add --force to publish anyway.',
    'server.cli.import.forced': 'Published despite {count} compliance error(s) (--force).',
    'server.cli.severity.error': 'non-compliant',
    'server.cli.severity.warning': 'to check',
    'server.cli.unknownPortal': 'Unknown portal: {portalId}.',
    'server.cli.notPublished': 'Portal {portalId} has no published revision.',
    'server.cli.export.noRevision': 'Portal {portalId} has no revision {revision}.',
    'server.cli.export.badRevision': '--revision expects a number, latest or draft; got "{value}".',
  },
});
