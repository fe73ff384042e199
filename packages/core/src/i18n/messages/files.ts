import { defineMessages } from '../message-module.js';

/**
 * Why a file could not be read (`files.reason.<errno code>`, see `fileErrorReason`), and the files
 * Galette reads besides portal files. Node's own texts (`ENOENT: no such file…`) are English only.
 */
export const filesMessages = defineMessages({
  fr: {
    'files.reason.ENOENT': 'fichier introuvable',
    'files.reason.EACCES': 'accès refusé',
    'files.reason.EPERM': 'opération non permise',
    'files.reason.EISDIR': 'c’est un dossier, pas un fichier',
    'files.reason.ENOTDIR': 'un élément du chemin n’est pas un dossier',
    'files.reason.other': 'erreur système {code}',
    'files.cookieDatabase.unreadable':
      'Impossible de lire la base de cookies « {file} » (indiquée par {source}) : {reason}',
    'files.cookieDatabase.invalid':
      '« {file} » (indiquée par {source}) n’est pas un CSV de l’Open Cookie Database : colonnes manquantes {columns}',
    'files.cookieDatabase.shipped': 'la copie livrée avec Galette',
    'files.failed': '« {file} » : {reason}',
    'files.json.unexpected': 'JSON invalide ligne {line}, colonne {column} : « {found} » inattendu',
    'files.json.unexpectedEnd':
      'JSON invalide ligne {line}, colonne {column} : le texte s’arrête avant la fin',
  },
  en: {
    'files.reason.ENOENT': 'no such file',
    'files.reason.EACCES': 'permission denied',
    'files.reason.EPERM': 'operation not permitted',
    'files.reason.EISDIR': 'it is a folder, not a file',
    'files.reason.ENOTDIR': 'part of the path is not a folder',
    'files.reason.other': 'system error {code}',
    'files.cookieDatabase.unreadable':
      'Cannot read the cookie database “{file}” (given by {source}): {reason}',
    'files.cookieDatabase.invalid':
      '“{file}” (given by {source}) is not an Open Cookie Database CSV: missing columns {columns}',
    'files.cookieDatabase.shipped': 'the copy shipped with Galette',
    'files.failed': '“{file}”: {reason}',
    'files.json.unexpected': 'invalid JSON at line {line}, column {column}: unexpected “{found}”',
    'files.json.unexpectedEnd': 'invalid JSON at line {line}, column {column}: the text ends early',
  },
});
