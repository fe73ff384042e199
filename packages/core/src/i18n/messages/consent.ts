import { defineMessages } from '../message-module.js';

/**
 * Texts of consent proofs: the consent API's errors, the visitor's receipt page, the statistics
 * API and the `audit`, `export-consents` and `purge-consents` commands.
 */
export const consentMessages = defineMessages({
  fr: {
    'consent.error.originNotAllowed':
      'L’origine {origin} n’est pas déclarée pour le portail « {portalId} » : ajoutez-la à ses origines pour qu’il puisse envoyer des consentements.',
    'consent.error.bodyTooLarge': 'Le corps de la requête dépasse {max} octets.',
    'consent.error.mediaType':
      'Type de contenu non pris en charge : envoyez du JSON (application/json ou text/plain).',
    'consent.error.malformedJson': 'Le corps de la requête n’est pas un document JSON valide.',
    'consent.error.receiptNotFound': 'Aucun choix n’est enregistré sous cet identifiant.',
    'consent.error.adminDisabled':
      'L’API d’administration est désactivée : définissez GALETTE_SECRET sur le serveur.',
    'consent.error.adminToken':
      'Jeton d’accès manquant ou incorrect : envoyez l’en-tête Authorization: Bearer <GALETTE_SECRET>.',
    'consent.receipt.title': 'Vos choix de cookies – {portal}',
    'consent.receipt.heading': 'Historique de vos choix de cookies',
    'consent.receipt.intro':
      'Voici les choix enregistrés pour ce navigateur sur {portal}, du plus récent au plus ancien. Cette adresse est personnelle : elle seule permet de les consulter, ne la partagez pas.',
    'consent.receipt.date': 'Date',
    'consent.receipt.action': 'Choix',
    'consent.receipt.categories': 'Détail par catégorie',
    'consent.receipt.version': 'Version de la charte',
    'consent.receipt.expires': 'Valable jusqu’au',
    'consent.receipt.source': 'Depuis',
    // After a category's label (« Mesure d’audience : accord donné »): no agreement in gender
    // or number with labels the portal chooses.
    'consent.receipt.accepted': 'accord donné',
    'consent.receipt.refused': 'refus enregistré',
    'consent.receipt.notObjected': 'active, sans opposition',
    'consent.receipt.objected': 'opposition enregistrée',
    'consent.receipt.revision': 'version {number} publiée le {date}',
    'consent.receipt.revisionUnknown': 'version retirée',
    'consent.receipt.proof': 'Empreinte de preuve',
    'consent.receipt.charter': 'Lire la charte cookies',
    'consent.receipt.json': 'Télécharger ces données (JSON)',
    'consent.action.accept_all': 'Tout accepté',
    'consent.action.reject_all': 'Tout refusé',
    'consent.action.custom': 'Choix personnalisés',
    'consent.action.withdraw': 'Consentement retiré',
    'consent.source.banner': 'le bandeau',
    'consent.source.preferences': 'le centre de préférences',
    'consent.source.gpc': 'le signal Global Privacy Control',
    'consent.source.api': 'l’API',
    'consent.cli.audit.summary':
      'vérifie les chaînes de preuves de consentement ; exporte le journal d’audit de la console',
    'consent.cli.audit.usage':
      'galette audit verify [--portal <id>] [--file <export>] [--db <url>]\n       galette audit log [--portal <id>] [--from <date>] [--to <date>] [--format csv|jsonl] [--db <url>]',
    'consent.cli.audit.badAction': 'Action inconnue : « {action} » (attendu : verify ou log).',
    'consent.cli.audit.ok':
      '{portalId} : chaîne intacte, {checked} enregistrements vérifiés, tête n° {seq} {hash}',
    'consent.cli.audit.okEmpty':
      '{portalId} : aucun enregistrement depuis le point de contrôle n° {seq}',
    'consent.cli.audit.edited':
      '{portalId} : l’enregistrement n° {seq} (événement {eventId}) a été modifié après son écriture',
    'consent.cli.audit.inserted':
      '{portalId} : l’enregistrement n° {seq} (événement {eventId}) a été inséré hors de Galette',
    'consent.cli.audit.removed':
      '{portalId} : les enregistrements n° {seq} à {lastSeq} ont été supprimés',
    'consent.cli.audit.noChain':
      'Aucun enregistrement de consentement pour le portail « {portalId} ».',
    'consent.cli.audit.summaryLine':
      '{portals} portail(s) vérifié(s), {broken} chaîne(s) altérée(s).',
    'consent.cli.option.file': 'vérifie un fichier d’export (jsonl ou csv) au lieu de la base',
    'consent.cli.audit.emptyFile': 'aucun enregistrement dans ce fichier',
    'consent.cli.badSetting': '{name} : valeur « {value} » invalide (attendu : {expected}).',
    'consent.cli.option.portal': 'limite à un portail (défaut : tous)',
    'consent.cli.export.summary':
      'exporte les preuves de consentement d’un portail (CSV ou JSON Lines), avec tout ce qu’il faut pour vérifier leur chaînage',
    'consent.cli.export.usage':
      'galette export-consents <portail> [--from <date>] [--to <date>] [--format csv|jsonl] [--db <url>]',
    'consent.cli.option.from': 'depuis cette date ou cet instant ISO 8601 (inclus)',
    'consent.cli.option.to': 'jusqu’à cette date ou cet instant ISO 8601 (inclus)',
    'consent.cli.option.exportFormat': 'format : csv ou jsonl (défaut : jsonl)',
    'consent.cli.badInstant':
      '{name} : « {value} » n’est ni une date AAAA-MM-JJ ni un instant ISO 8601.',
    'consent.cli.purge.summary':
      'supprime les preuves plus anciennes que la durée de conservation, en gardant les chaînes vérifiables',
    'consent.cli.arg.duration': '<durée>',
    'consent.cli.purge.usage':
      'galette purge-consents [--portal <id>] [--older-than <durée>] [--dry-run] [--db <url>]',
    'consent.cli.option.olderThan':
      'durée de conservation ISO 8601, par ex. P5Y ou P13M (défaut : $GALETTE_CONSENT_RETENTION, sinon {default})',
    'consent.cli.option.dryRun': 'affiche ce qui serait supprimé sans rien supprimer',
    'consent.cli.badDuration':
      'Durée invalide : « {value} » (attendu : une durée ISO 8601 comme P5Y ou P13M).',
    'consent.cli.purge.done':
      '{portalId} : {purged} enregistrement(s) antérieur(s) au {before} supprimé(s), point de contrôle n° {seq}',
    'consent.cli.purge.nothing': '{portalId} : rien d’antérieur au {before}',
    'consent.cli.purge.dryRun':
      '{portalId} : {count} enregistrement(s) antérieur(s) au {before} seraient supprimés',
  },
  en: {
    'consent.error.originNotAllowed':
      'Origin {origin} is not declared for portal "{portalId}": add it to the portal’s origins so that it may send consents.',
    'consent.error.bodyTooLarge': 'The request body exceeds {max} bytes.',
    'consent.error.mediaType':
      'Unsupported content type: send JSON (application/json or text/plain).',
    'consent.error.malformedJson': 'The request body is not a valid JSON document.',
    'consent.error.receiptNotFound': 'No choice is recorded under this identifier.',
    'consent.error.adminDisabled': 'The admin API is disabled: set GALETTE_SECRET on the server.',
    'consent.error.adminToken':
      'Missing or wrong access token: send the header Authorization: Bearer <GALETTE_SECRET>.',
    'consent.receipt.title': 'Your cookie choices – {portal}',
    'consent.receipt.heading': 'History of your cookie choices',
    'consent.receipt.intro':
      'These are the choices recorded for this browser on {portal}, newest first. This address is personal: it alone gives access to them, do not share it.',
    'consent.receipt.date': 'Date',
    'consent.receipt.action': 'Choice',
    'consent.receipt.categories': 'Per category',
    'consent.receipt.version': 'Policy version',
    'consent.receipt.expires': 'Valid until',
    'consent.receipt.source': 'From',
    'consent.receipt.accepted': 'accepted',
    'consent.receipt.refused': 'refused',
    'consent.receipt.notObjected': 'on, not objected to',
    'consent.receipt.objected': 'objection recorded',
    'consent.receipt.revision': 'version {number} published on {date}',
    'consent.receipt.revisionUnknown': 'withdrawn version',
    'consent.receipt.proof': 'Proof fingerprint',
    'consent.receipt.charter': 'Read the cookie policy',
    'consent.receipt.json': 'Download this data (JSON)',
    'consent.action.accept_all': 'Accepted all',
    'consent.action.reject_all': 'Refused all',
    'consent.action.custom': 'Custom choices',
    'consent.action.withdraw': 'Consent withdrawn',
    'consent.source.banner': 'the banner',
    'consent.source.preferences': 'the preferences centre',
    'consent.source.gpc': 'the Global Privacy Control signal',
    'consent.source.api': 'the API',
    'consent.cli.audit.summary':
      'verifies the chains of consent proofs; exports the console’s audit log',
    'consent.cli.audit.usage':
      'galette audit verify [--portal <id>] [--file <export>] [--db <url>]\n       galette audit log [--portal <id>] [--from <date>] [--to <date>] [--format csv|jsonl] [--db <url>]',
    'consent.cli.audit.badAction': 'Unknown action: "{action}" (expected: verify or log).',
    'consent.cli.audit.ok':
      '{portalId}: chain intact, {checked} records verified, head #{seq} {hash}',
    'consent.cli.audit.okEmpty': '{portalId}: no record since checkpoint #{seq}',
    'consent.cli.audit.edited':
      '{portalId}: record #{seq} (event {eventId}) was modified after it was written',
    'consent.cli.audit.inserted':
      '{portalId}: record #{seq} (event {eventId}) was inserted outside Galette',
    'consent.cli.audit.removed': '{portalId}: records #{seq} to #{lastSeq} were removed',
    'consent.cli.audit.noChain': 'No consent record for portal "{portalId}".',
    'consent.cli.audit.summaryLine':
      '{portals} portal(s) verified, {broken} chain(s) tampered with.',
    'consent.cli.option.file': 'verifies an export file (jsonl or csv) instead of the database',
    'consent.cli.audit.emptyFile': 'no record in this file',
    'consent.cli.badSetting': '{name}: invalid value "{value}" (expected: {expected}).',
    'consent.cli.option.portal': 'only this portal (default: all)',
    'consent.cli.export.summary':
      'exports a portal’s consent proofs (CSV or JSON Lines), with what is needed to verify the chain',
    'consent.cli.export.usage':
      'galette export-consents <portal> [--from <date>] [--to <date>] [--format csv|jsonl] [--db <url>]',
    'consent.cli.option.from': 'from this ISO 8601 date or instant (included)',
    'consent.cli.option.to': 'up to this ISO 8601 date or instant (included)',
    'consent.cli.option.exportFormat': 'format: csv or jsonl (default: jsonl)',
    'consent.cli.badInstant':
      '{name}: "{value}" is neither a YYYY-MM-DD date nor an ISO 8601 instant.',
    'consent.cli.purge.summary':
      'deletes the proofs older than the retention period, keeping the chains verifiable',
    'consent.cli.arg.duration': '<duration>',
    'consent.cli.purge.usage':
      'galette purge-consents [--portal <id>] [--older-than <duration>] [--dry-run] [--db <url>]',
    'consent.cli.option.olderThan':
      'ISO 8601 retention period, e.g. P5Y or P13M (default: $GALETTE_CONSENT_RETENTION, else {default})',
    'consent.cli.option.dryRun': 'shows what would be deleted without deleting anything',
    'consent.cli.badDuration':
      'Invalid duration: "{value}" (expected an ISO 8601 duration such as P5Y or P13M).',
    'consent.cli.purge.done':
      '{portalId}: {purged} record(s) older than {before} deleted, checkpoint #{seq}',
    'consent.cli.purge.nothing': '{portalId}: nothing older than {before}',
    'consent.cli.purge.dryRun':
      '{portalId}: {count} record(s) older than {before} would be deleted',
  },
});
