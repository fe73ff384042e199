import { defineMessages } from '../message-module.js';

/**
 * Portal management (issue 14): errors of the draft, publication and archive services, the page
 * of an archived portal (410), and the diff's sentence about visitors. `{portalId}` is the
 * portal's host name.
 */
export const portalsMessages = defineMessages({
  fr: {
    'portals.error.notFound': 'Le portail « {portalId} » n’existe pas.',
    'portals.error.exists': 'Un portail « {portalId} » existe déjà (éventuellement archivé).',
    'portals.error.archived':
      'Le portail « {portalId} » est archivé : restaurez-le avant de modifier son brouillon ou de le publier.',
    'portals.error.idMismatch':
      'le fichier décrit le portail « {fileId} », pas « {portalId} » : l’identifiant d’un portail ne change pas',
    'portals.error.noRevision': 'Le portail « {portalId} » n’a pas de révision numéro {number}.',
    'portals.error.notPublished': 'Le portail « {portalId} » n’a encore aucune révision publiée.',
    'portals.error.draftConflict':
      'Le brouillon a été enregistré entre-temps (version {current}, par {savedBy} le {savedAt}) alors que vous modifiiez la version {expected}. Rien n’a été enregistré ni perdu : rechargez le brouillon, reprenez vos modifications et enregistrez de nouveau.',
    'portals.error.someone': 'quelqu’un',
    'portals.error.badIfMatch':
      'En-tête If-Match invalide : donnez l’ETag reçu avec le brouillon, par exemple "draft-3".',
    'portals.error.badRevisionRef':
      '« {value} » ne désigne pas une version : attendu « draft », « published » ou un numéro de révision',
    'portals.error.publishBlocked':
      'Publication refusée : {count} constat(s) de conformité bloquant(s) à corriger d’abord dans le brouillon.',
    'portals.error.unacknowledged':
      'Publication refusée : {count} avertissement(s) de conformité à prendre en compte explicitement avant de publier.',
    'portals.error.hasProofs':
      'Le portail « {portalId} » détient des preuves de consentement : il ne peut pas être supprimé, seulement archivé.',
    'portals.error.gone':
      'Le portail « {portalId} » a été archivé : sa charte, son bandeau et sa page de démonstration ne sont plus publiés.',
    'portals.error.goneGeneric': 'Cette ressource a été retirée.',
    'portals.error.unprocessable':
      'La demande est valide mais ne peut pas être exécutée en l’état.',
    'portals.gone.title': 'Portail archivé',
    'portals.impact.none':
      'Aucun visiteur ne sera sollicité à nouveau : ce qu’un consentement couvre n’a pas changé.',
    'portals.impact.reask': 'Les visiteurs seront sollicités à nouveau pour {categories}.',
    'portals.impact.changed': '« {label} » (son contenu a changé : ceux qui l’avaient acceptée)',
    'portals.impact.added': '« {label} » (nouvelle catégorie : tous les visiteurs)',
    'portals.impact.and': ' et ',
  },
  en: {
    'portals.error.notFound': 'The portal “{portalId}” does not exist.',
    'portals.error.exists': 'A portal “{portalId}” already exists (possibly archived).',
    'portals.error.archived':
      'The portal “{portalId}” is archived: restore it before editing its draft or publishing it.',
    'portals.error.idMismatch':
      'the file describes the portal “{fileId}”, not “{portalId}”: a portal’s id never changes',
    'portals.error.noRevision': 'The portal “{portalId}” has no revision number {number}.',
    'portals.error.notPublished': 'The portal “{portalId}” has no published revision yet.',
    'portals.error.draftConflict':
      'The draft was saved in the meantime (version {current}, by {savedBy} on {savedAt}) while you were editing version {expected}. Nothing was saved nor lost: reload the draft, redo your changes and save again.',
    'portals.error.someone': 'someone',
    'portals.error.badIfMatch':
      'Invalid If-Match header: send the ETag received with the draft, for example "draft-3".',
    'portals.error.badRevisionRef':
      '“{value}” names no version: expected “draft”, “published” or a revision number',
    'portals.error.publishBlocked':
      'Publication refused: {count} blocking compliance finding(s) to fix in the draft first.',
    'portals.error.unacknowledged':
      'Publication refused: {count} compliance warning(s) to acknowledge explicitly before publishing.',
    'portals.error.hasProofs':
      'The portal “{portalId}” holds consent proofs: it cannot be deleted, only archived.',
    'portals.error.gone':
      'The portal “{portalId}” was archived: its cookie policy, banner and demo page are no longer published.',
    'portals.error.goneGeneric': 'This resource was withdrawn.',
    'portals.error.unprocessable':
      'The request is valid but cannot be carried out as things stand.',
    'portals.gone.title': 'Archived portal',
    'portals.impact.none': 'No visitor will be asked again: what a consent covers has not changed.',
    'portals.impact.reask': 'Visitors will be asked again about {categories}.',
    'portals.impact.changed': '“{label}” (its content changed: those who had accepted it)',
    'portals.impact.added': '“{label}” (new category: every visitor)',
    'portals.impact.and': ' and ',
  },
});
