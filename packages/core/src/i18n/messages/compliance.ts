import { defineMessages } from '../message-module.js';

/**
 * Findings of the compliance rules (`checkCompliance`), keyed `compliance.<rule id>`. `{name}` is
 * the declared cookie or storage key, `{lifetime}` its declared lifetime as written.
 */
export const complianceMessages = defineMessages({
  fr: {
    'compliance.exempt-third-party':
      '« {name} » est déclaré exempté de consentement, mais il est déposé par un tiers : l’exemption de la CNIL pour la mesure d’audience ne couvre que les traceurs internes (first-party). Déclarez-le interne s’il l’est, sinon retirez l’exemption.',
    'compliance.exempt-lifetime-missing':
      '« {name} » est déclaré exempté de consentement sans durée de vie : l’exemption suppose une durée de vie de 13 mois au plus. Indiquez-la.',
    'compliance.exempt-lifetime-too-long':
      '« {name} » est déclaré exempté de consentement avec une durée de vie de {lifetime} (environ {months} mois) : l’exemption suppose 13 mois au plus, sans prolongation à chaque visite.',
    'compliance.known-tracker-necessary':
      '« {name} » est classé « necessary », mais l’Open Cookie Database connaît « {known} » comme un traceur {platform} de catégorie « {category} » : il ne peut pas être déposé sans le consentement du visiteur. Classez-le dans cette catégorie (ou, pour une mesure d’audience qui remplit les conditions de la CNIL, déclarez-la exemptée).',
    'compliance.lifetime-missing':
      'La durée de vie de « {name} » n’est pas indiquée. Les visiteurs doivent pouvoir savoir combien de temps il est conservé.',
    'compliance.lifetime-over-13-months':
      '« {name} » est conservé {lifetime} (environ {months} mois) : la CNIL recommande une durée de vie de 13 mois au plus.',
    'compliance.storage-lifetime-mismatch':
      'La durée de vie {lifetime} de « {name} » ne correspond pas à son stockage {storage} : le localStorage garde les données jusqu’à leur effacement, le sessionStorage jusqu’à la fermeture de l’onglet.',
    'compliance.consent-cookie-not-necessary':
      '« {name} » garde le choix du visiteur en matière de cookies ; il doit être classé « necessary », sinon un refus ne pourrait pas être retenu. Catégorie actuelle : « {category} ».',
    'compliance.consent-cookie-session':
      '« {name} » garde le choix du visiteur en matière de cookies, mais seulement le temps de la session : le bandeau réapparaîtrait à chaque visite, ce que la CNIL déconseille après un refus. Une durée de 6 mois est recommandée.',
    'compliance.consent-cookie-undeclared':
      'Le cookie « {name} », où le bandeau Galette enregistre le choix du visiteur, n’est pas déclaré. Ajoutez-le aux cookies nécessaires pour qu’il figure dans la charte.',
    'compliance.third-party-domain-missing':
      '« {name} » est déposé par un tiers mais son domaine n’est pas indiqué. Précisez-le (par exemple youtube.com) pour que les visiteurs sachent qui le dépose.',
    'compliance.third-party-hosts-missing':
      '« {name} » est déposé par un tiers et demande un consentement, mais aucun hôte n’est indiqué : le bandeau ne peut pas bloquer les scripts et cadres qui le déposent avant l’accord du visiteur.',
    'compliance.necessary-third-party':
      '« {name} » est classé nécessaire alors qu’il est déposé par un tiers. Vérifiez qu’il est strictement nécessaire au service demandé par le visiteur : sinon, il requiert son consentement.',
    'compliance.category-unused':
      'La catégorie « {id} » ne contient aucun cookie : elle serait proposée aux visiteurs sans raison. Retirez-la ou rattachez-y ses cookies.',
    'compliance.translation-missing':
      'Ce texte n’est pas traduit en « {lang} », une langue du portail : la version « {defaultLanguage} » sera affichée à la place.',
  },
  en: {
    'compliance.exempt-third-party':
      '“{name}” is declared consent-exempt but is set by a third party: the CNIL audience-measurement exemption only covers first-party trackers. Declare it first-party if it is, otherwise remove the exemption.',
    'compliance.exempt-lifetime-missing':
      '“{name}” is declared consent-exempt without a lifetime: the exemption requires a lifetime of 13 months at most. State it.',
    'compliance.exempt-lifetime-too-long':
      '“{name}” is declared consent-exempt with a lifetime of {lifetime} (about {months} months): the exemption requires 13 months at most, not extended on each visit.',
    'compliance.known-tracker-necessary':
      '“{name}” is declared “necessary”, but the Open Cookie Database knows “{known}” as a {platform} tracker of category “{category}”: it cannot be set without the visitor’s consent. Put it in that category (or, for audience measurement that meets the CNIL’s conditions, declare it exempt).',
    'compliance.lifetime-missing':
      'The lifetime of “{name}” is not stated. Visitors must be able to know how long it is kept.',
    'compliance.lifetime-over-13-months':
      '“{name}” is kept for {lifetime} (about {months} months): the CNIL recommends a lifetime of 13 months at most.',
    'compliance.storage-lifetime-mismatch':
      'The lifetime {lifetime} of “{name}” does not match its {storage} storage: localStorage keeps data until it is deleted, sessionStorage until the tab is closed.',
    'compliance.consent-cookie-not-necessary':
      '“{name}” keeps the visitor’s cookie choice; it must be in the “necessary” category, otherwise a refusal could not be remembered. Current category: “{category}”.',
    'compliance.consent-cookie-session':
      '“{name}” keeps the visitor’s cookie choice for the session only: the banner would come back on every visit, which the CNIL advises against after a refusal. A lifetime of 6 months is recommended.',
    'compliance.consent-cookie-undeclared':
      'The “{name}” cookie, where the Galette banner stores the visitor’s choice, is not declared. Add it to the necessary cookies so that the policy lists it.',
    'compliance.third-party-domain-missing':
      '“{name}” is set by a third party but its domain is not stated. Give it (for example youtube.com) so that visitors know who sets it.',
    'compliance.third-party-hosts-missing':
      '“{name}” is set by a third party and needs consent, but no host is given: the banner cannot block the scripts and frames that set it before the visitor agrees.',
    'compliance.necessary-third-party':
      '“{name}” is in the necessary category although a third party sets it. Check that it is strictly necessary for the service the visitor asked for: otherwise it needs consent.',
    'compliance.category-unused':
      'The category “{id}” holds no cookie: visitors would be offered it for no reason. Remove it or move its cookies into it.',
    'compliance.translation-missing':
      'This text is not translated into “{lang}”, one of the portal’s languages: the “{defaultLanguage}” version will be shown instead.',
  },
});
