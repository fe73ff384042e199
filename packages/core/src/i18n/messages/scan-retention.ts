import { defineMessages } from '../message-module.js';

/**
 * Old scans' evidence: `galette scans prune`, the worker's line after it prunes, and what a
 * pruned scan's console page says in place of its report and screenshot links.
 */
export const scanRetentionMessages = defineMessages({
  fr: {
    'scanRetention.cli.summary':
      'supprime les captures et rapports des analyses anciennes ; les N plus récentes de chaque portail gardent les leurs',
    'scanRetention.cli.usage': 'galette scans prune [--keep <n>] [--portal <id>] [--db <url>]',
    'scanRetention.cli.option.keep':
      'analyses terminées les plus récentes de chaque portail qui gardent leurs fichiers (défaut : GALETTE_SCAN_KEEP_EVIDENCE, sinon {default})',
    'scanRetention.cli.option.portal': 'seulement les analyses de ce portail',
    'scanRetention.cli.badKeep': '--keep : « {value} » n’est pas un entier de 0 à {max}',
    'scanRetention.cli.keepAll':
      'GALETTE_SCAN_KEEP_EVIDENCE=all : les analyses gardent leurs fichiers ; --keep <n> pour en supprimer quand même.',
    'scanRetention.cli.pruned':
      '{portal} : captures et rapports HTML et Markdown de {scans} analyse(s) supprimés ({files} fichiers, {kilobytes} ko de moins dans la base) ; les {keep} plus récentes gardent les leurs.',
    'scanRetention.cli.nothing':
      'Rien à supprimer : aucune analyse au-delà des {keep} plus récentes de chaque portail n’a encore ses captures ou rapports.',
    'scanRetention.worker.pruned':
      'Analyse {job} : captures et rapports de {scans} analyse(s) plus ancienne(s) de {portal} supprimés ({kilobytes} ko) ; les {keep} plus récentes gardent les leurs.',
    'scanRetention.worker.pruneFailed':
      'Analyse {job} : les fichiers des analyses anciennes de {portal} n’ont pas pu être supprimés : {message}',
    'scanRetention.console.pruned':
      'Les captures d’écran et les rapports HTML et Markdown de cette analyse ont été supprimés, car seules les {keep} analyses terminées les plus récentes du portail gardent les leurs.',
    'scanRetention.console.prunedAll':
      'Les captures d’écran et les rapports HTML et Markdown de cette analyse ont été supprimés, comme ceux de toutes les analyses du portail alors.',
    'scanRetention.evidence.goneTitle': 'Fichier supprimé',
    'scanRetention.evidence.backToScan': 'Revenir à l’analyse',
  },
  en: {
    'scanRetention.cli.summary':
      'deletes old scans’ screenshots and reports; each portal’s newest N scans keep theirs',
    'scanRetention.cli.usage': 'galette scans prune [--keep <n>] [--portal <id>] [--db <url>]',
    'scanRetention.cli.option.keep':
      'newest finished scans of each portal that keep their files (default: GALETTE_SCAN_KEEP_EVIDENCE, else {default})',
    'scanRetention.cli.option.portal': 'only this portal’s scans',
    'scanRetention.cli.badKeep': '--keep: "{value}" is not a whole number from 0 to {max}',
    'scanRetention.cli.keepAll':
      'GALETTE_SCAN_KEEP_EVIDENCE=all: scans keep their files; --keep <n> deletes some anyway.',
    'scanRetention.cli.pruned':
      '{portal}: screenshots and HTML and Markdown reports of {scans} scan(s) deleted ({files} files, {kilobytes} kB less in the database); the newest {keep} keep theirs.',
    'scanRetention.cli.nothing':
      'Nothing to delete: no scan past each portal’s newest {keep} still has its screenshots or reports.',
    'scanRetention.worker.pruned':
      'Scan {job}: screenshots and reports of {scans} older scan(s) of {portal} deleted ({kilobytes} kB); the newest {keep} keep theirs.',
    'scanRetention.worker.pruneFailed':
      'Scan {job}: the files of {portal}’s old scans could not be deleted: {message}',
    'scanRetention.console.pruned':
      'This scan’s screenshots and HTML and Markdown reports were deleted, as only the portal’s newest {keep} finished scans keep theirs.',
    'scanRetention.console.prunedAll':
      'This scan’s screenshots and HTML and Markdown reports were deleted, like those of every scan of the portal then.',
    'scanRetention.evidence.goneTitle': 'File deleted',
    'scanRetention.evidence.backToScan': 'Back to the scan',
  },
});
