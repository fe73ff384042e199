import { defineMessages } from '../message-module.js';

/**
 * Field errors of every checker (`FieldError.code` is the key without `validation.`). English is
 * the text API clients have always received in `message`: change it only with them in mind.
 * `validation.format.*` assemble them; `validation.<code>.one` is used instead when `params.count` is 1.
 */
export const validationMessages = defineMessages({
  fr: {
    'validation.format.field': '{path} : {message}',
    'validation.format.didYouMean': ' (vouliez-vous dire « {suggestion} » ?)',
    'validation.format.quoted': '« {value} »',

    'validation.not_an_object': 'doit être un objet',
    'validation.not_a_json_object': 'doit être un objet JSON',
    'validation.unknown_field': 'champ inconnu',
    'validation.required': 'est obligatoire',
    'validation.not_a_string': 'doit être une chaîne de caractères',
    'validation.empty': 'ne doit pas être vide',
    'validation.too_long': 'doit faire au plus {max} caractères (il en a {length})',
    'validation.control_characters': 'ne doit pas contenir de caractères de contrôle',
    'validation.not_single_line': 'doit tenir sur une seule ligne',
    'validation.not_an_array': 'doit être une liste',
    'validation.too_many_items': 'doit avoir au plus {max} éléments (il en a {length})',
    'validation.too_few_items': 'doit avoir au moins {count} éléments',
    'validation.too_few_items.one': 'doit avoir au moins {count} élément',
    'validation.not_a_boolean': 'doit valoir true ou false',
    'validation.must_be_one_of': 'doit valoir {allowed}',
    'validation.not_one_of': '« {value} » ne fait pas partie de {allowed}',
    // A console form's choice that is not one of its options (a select or radios).
    'validation.not_offered': 'Choisissez une des valeurs proposées.',
    'validation.listed_twice': '« {value} » figure deux fois',
    'validation.not_a_number': 'doit être un nombre',
    'validation.below_minimum': 'doit valoir au moins {min}',
    'validation.above_maximum': 'doit valoir au plus {max}',
    'validation.too_short': 'doit faire au moins {min} caractères',
    'validation.invalid_format': 'n’a pas la forme attendue',
    'validation.invalid_value': 'valeur invalide',

    'validation.not_a_hex_colour': 'doit être une couleur écrite #rrggbb',
    'validation.low_contrast':
      'le contraste avec le fond du bandeau {background} est de {ratio}:1 ; les boutons doivent atteindre {min}:1 pour être vus (choisissez une couleur plus foncée)',
    'validation.not_a_month_count': 'doit être un nombre entier de mois de 1 à {max}',
    'validation.not_a_cookie_domain': 'doit être un domaine comme .paris.fr',
    'validation.not_an_http_url': 'doit être une adresse http ou https',
    'validation.unknown_consent_type': 'type de consentement inconnu',
    'validation.not_a_portal_category': 'doit être une des catégories du portail ({categories})',
    'validation.unknown_widget_text': 'texte du bandeau inconnu',

    'validation.not_a_language_key':
      'champ inconnu : les textes sont rangés par code de langue à deux lettres, comme fr',
    'validation.not_a_portal_language':
      '« {value} » n’est pas une des langues du portail ({languages})',
    'validation.missing_default_text': 'doit avoir un texte dans la langue par défaut « {lang} »',
    'validation.builtin_category':
      '« {id} » est une catégorie prédéfinie ; choisissez un autre identifiant',
    'validation.reserved_category':
      '« {id} » est réservé à la mesure d’audience exemptée de consentement ; choisissez un autre identifiant',
    'validation.bad_category_id':
      '« {id} » doit commencer par une lettre minuscule suivie d’au plus 31 caractères parmi a-z, 0-9, _ ou -',
    'validation.duplicate_category': 'la catégorie « {id} » est définie deux fois',
    'validation.duplicate_declaration':
      '« {name} » est déjà déclaré en declarations[{index}] avec la même catégorie et le même stockage',
    'validation.unknown_category': 'catégorie inconnue « {value} »',
    'validation.bad_lifetime':
      '« {value} » n’est ni « session » ni une durée ISO 8601 plus longue que zéro, comme P13M',
    'validation.not_a_domain':
      '« {value} » n’est pas un domaine en minuscules comme .paris.fr ou youtube.com',
    'validation.not_exemptable':
      'seule la catégorie statistics peut être exemptée de consentement, pas « {category} »',
    'validation.not_a_host_name':
      '« {value} » n’est pas un nom d’hôte en minuscules comme www.youtube.com',
    'validation.bare_wildcard':
      'ne doit pas être un joker seul : nommez le cookie, par exemple _pk_id.*',
    'validation.bad_cookie_name':
      "« {value} » n’est pas un nom de cookie valide (lettres, chiffres et !#$%&'*+-.^_`|~)",

    'validation.wrong_format': 'doit valoir « {format} »',
    'validation.not_a_language_code':
      '« {value} » n’est pas un code de langue à deux lettres minuscules comme fr',
    'validation.no_catalog_language':
      'Galette n’a pas de textes en « {value} » pour la charte et le bandeau (langues disponibles : {languages})',
    'validation.not_a_portal_id': 'doit être un nom d’hôte comme opendata.paris.fr',
    'validation.url_has_credentials': 'ne doit contenir ni nom d’utilisateur ni mot de passe',
    'validation.not_a_portal_url':
      'doit être une adresse http ou https comme https://opendata.paris.fr',
    'validation.url_host_mismatch': 'l’hôte « {host} » doit être l’identifiant du portail « {id} »',
    'validation.not_an_origin':
      '« {value} » n’est pas une origine comme https://opendata.paris.fr (sans chemin ni / final)',
    'validation.unknown_charter_section': 'section de charte inconnue',

    'validation.expected_json_object': 'objet JSON attendu',
    'validation.missing': 'obligatoire',
    'validation.expected_string': 'chaîne attendue (type reçu : {got})',
    'validation.no_pattern_match': 'ne correspond pas à {pattern}',
    'validation.expected_one_of': 'valeur attendue parmi {allowed}',
    'validation.expected_language_tag': 'étiquette de langue attendue, comme fr ou en-GB',
    'validation.expected_object': 'objet attendu (type reçu : {got})',
    'validation.too_many_choices': 'au plus {max} catégories',
    'validation.unknown_choice': 'catégorie inconnue',
    'validation.expected_boolean': 'booléen attendu (type reçu : {got})',
    'validation.necessary_refused': 'les cookies nécessaires ne peuvent pas être refusés',
    'validation.contradicts_action': 'contredit l’action {action}',
    'validation.not_a_consent_id':
      'doit être un identifiant de consentement comme en crée le bandeau : 9 caractères de date en base 36, puis 22 caractères base64url (128 bits aléatoires)',
    'validation.no_choices': 'doit contenir au moins une catégorie',

    'validation.revision_not_published':
      'cette révision n’a jamais été publiée pour le portail « {portalId} »',
    'validation.language_not_published':
      'le portail « {portalId} » ne publie pas dans cette langue (langues publiées : {languages})',
    'validation.not_a_day': 'doit être une date écrite AAAA-MM-JJ',
    'validation.period_reversed': 'la période va du {from} au {to} : la fin précède le début',
    'validation.period_too_long': 'période trop longue : {max} jours au plus',

    'validation.not_an_email': 'doit être une adresse électronique comme agent@example.org',
    'validation.password_too_short': 'doit faire au moins {min} caractères',
    'validation.wrong_password': 'mot de passe actuel incorrect',
    'validation.wrong_totp_code':
      'code incorrect, expiré ou déjà utilisé : saisissez le code à six chiffres affiché maintenant par l’application',
    'validation.not_a_totp_secret': 'clé invalide : 32 caractères de A à Z et de 2 à 7',
    'validation.role_needs_portal': 'le rôle {role} s’attribue sur au moins un portail (--portal)',
    'validation.admin_takes_no_portal':
      'le rôle admin vaut pour tous les portails : aucun portail à indiquer',
    'validation.unknown_portal': 'aucun portail « {value} »',
    'validation.not_a_token_name':
      'doit faire de 1 à 64 caractères parmi lettres, chiffres, point, tiret et souligné, en commençant par une lettre ou un chiffre',
    'validation.bad_duration': '« {value} » n’est pas une durée ISO 8601 comme P90D',

    'validation.not_json': 'pas du JSON',
    'validation.not_a_record': 'pas un enregistrement',
    'validation.wrong_field_count': '{columns} champs attendus',
    'validation.choices_not_json': 'choices : pas du JSON',
    'validation.other_portal': 'portail {portal}, et non {expected}',
  },
  en: {
    'validation.format.field': '{path}: {message}',
    'validation.format.didYouMean': ' (did you mean "{suggestion}"?)',
    'validation.format.quoted': '"{value}"',

    'validation.not_an_object': 'must be an object',
    'validation.not_a_json_object': 'must be a JSON object',
    'validation.unknown_field': 'unknown field',
    'validation.required': 'is required',
    'validation.not_a_string': 'must be a string',
    'validation.empty': 'must not be empty',
    'validation.too_long': 'must be at most {max} characters long (it has {length})',
    'validation.control_characters': 'must not contain control characters',
    'validation.not_single_line': 'must be a single line of text',
    'validation.not_an_array': 'must be an array',
    'validation.too_many_items': 'must have at most {max} items (it has {length})',
    'validation.too_few_items': 'must have at least {count} items',
    'validation.too_few_items.one': 'must have at least {count} item',
    'validation.not_a_boolean': 'must be true or false',
    'validation.must_be_one_of': 'must be one of {allowed}',
    'validation.not_one_of': '"{value}" is not one of {allowed}',
    'validation.not_offered': 'Choose one of the values offered.',
    'validation.listed_twice': '"{value}" is listed twice',
    'validation.not_a_number': 'must be a number',
    'validation.below_minimum': 'must be at least {min}',
    'validation.above_maximum': 'must be at most {max}',
    'validation.too_short': 'must be at least {min} characters long',
    'validation.invalid_format': 'does not have the expected form',
    'validation.invalid_value': 'invalid value',

    'validation.not_a_hex_colour': 'must be a colour written #rrggbb',
    'validation.low_contrast':
      'contrast with the banner background {background} is {ratio}:1; buttons need at least {min}:1 to be seen (choose a darker colour)',
    'validation.not_a_month_count': 'must be a whole number of months from 1 to {max}',
    'validation.not_a_cookie_domain': 'must be a domain such as .paris.fr',
    'validation.not_an_http_url': 'must be an http or https address',
    'validation.unknown_consent_type': 'unknown consent type',
    'validation.not_a_portal_category': "must be one of the portal's categories ({categories})",
    'validation.unknown_widget_text': 'unknown widget text',

    'validation.not_a_language_key':
      'unknown field: texts are keyed by two-letter language codes such as fr',
    'validation.not_a_portal_language':
      '"{value}" is not one of the portal\'s languages ({languages})',
    'validation.missing_default_text': 'must have a text in the default language "{lang}"',
    'validation.builtin_category': '"{id}" is a built-in category; choose another id',
    'validation.reserved_category':
      '"{id}" is reserved for consent-exempt audience measurement; choose another id',
    'validation.bad_category_id':
      '"{id}" must start with a lowercase letter followed by up to 31 a-z, 0-9, _ or -',
    'validation.duplicate_category': 'category "{id}" is defined twice',
    'validation.duplicate_declaration':
      '"{name}" is already declared at declarations[{index}] with the same category and storage',
    'validation.unknown_category': 'unknown category "{value}"',
    'validation.bad_lifetime':
      '"{value}" is not "session" or an ISO 8601 duration longer than zero, such as P13M',
    'validation.not_a_domain':
      '"{value}" is not a lowercase domain such as .paris.fr or youtube.com',
    'validation.not_exemptable': 'only statistics can be consent-exempt, not "{category}"',
    'validation.not_a_host_name': '"{value}" is not a lowercase host name such as www.youtube.com',
    'validation.bare_wildcard': 'must not be a bare wildcard: name the cookie, e.g. _pk_id.*',
    'validation.bad_cookie_name':
      '"{value}" is not a valid cookie name (letters, digits and !#$%&\'*+-.^_`|~)',

    'validation.wrong_format': 'must be "{format}"',
    'validation.not_a_language_code':
      '"{value}" is not a two-letter lowercase language code such as fr',
    'validation.no_catalog_language':
      'Galette has no charter and widget texts in "{value}" (available languages: {languages})',
    'validation.not_a_portal_id': 'must be a host name such as opendata.paris.fr',
    'validation.url_has_credentials': 'must not contain a user name or password',
    'validation.not_a_portal_url':
      'must be an http or https address such as https://opendata.paris.fr',
    'validation.url_host_mismatch': 'host "{host}" must be the portal id "{id}"',
    'validation.not_an_origin':
      '"{value}" is not an origin such as https://opendata.paris.fr (no path, no final /)',
    'validation.unknown_charter_section': 'unknown charter section',

    'validation.expected_json_object': 'expected a JSON object',
    'validation.missing': 'required',
    'validation.expected_string': 'expected a string, got {got}',
    'validation.no_pattern_match': 'does not match {pattern}',
    'validation.expected_one_of': 'expected one of {allowed}',
    'validation.expected_language_tag': 'expected a language tag such as fr or en-GB',
    'validation.expected_object': 'expected an object, got {got}',
    'validation.too_many_choices': 'at most {max} categories',
    'validation.unknown_choice': 'unknown category',
    'validation.expected_boolean': 'expected a boolean, got {got}',
    'validation.necessary_refused': 'necessary cookies cannot be refused',
    'validation.contradicts_action': 'contradicts action {action}',
    'validation.not_a_consent_id':
      'must be a consent id as the widget makes them: 9 base-36 characters of time, then 22 base64url characters (128 random bits)',
    'validation.no_choices': 'must hold at least one category',

    'validation.revision_not_published':
      'this revision was never published for portal "{portalId}"',
    'validation.language_not_published':
      'portal "{portalId}" does not publish in this language (published languages: {languages})',
    'validation.not_a_day': 'must be a date written YYYY-MM-DD',
    'validation.period_reversed':
      'the period runs from {from} to {to}: its end comes before its start',
    'validation.period_too_long': 'period too long: {max} days at most',

    'validation.not_an_email': 'must be an email address such as agent@example.org',
    'validation.password_too_short': 'must be at least {min} characters long',
    'validation.wrong_password': 'current password is wrong',
    'validation.wrong_totp_code':
      'wrong, expired or already used code: type the six-digit code the app shows now',
    'validation.not_a_totp_secret': 'invalid key: 32 characters from A to Z and 2 to 7',
    'validation.role_needs_portal': 'the {role} role is granted on at least one portal (--portal)',
    'validation.admin_takes_no_portal': 'the admin role covers every portal: name no portal',
    'validation.unknown_portal': 'no portal "{value}"',
    'validation.not_a_token_name':
      'must be 1 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit',
    'validation.bad_duration': '"{value}" is not an ISO 8601 duration such as P90D',

    'validation.not_json': 'not JSON',
    'validation.not_a_record': 'not a record',
    'validation.wrong_field_count': 'expected {columns} fields',
    'validation.choices_not_json': 'choices: not JSON',
    'validation.other_portal': 'portal {portal}, not {expected}',
  },
});
