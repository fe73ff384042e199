import { defineMessages } from '../message-module.js';

/**
 * Texts of the cookie charter template. `charter.section.<id>` are the defaults of the sections an
 * operator may override (`CHARTER_SECTION_IDS`); blank lines separate paragraphs. `{name}` and
 * `{url}` are the portal's name and address; `{consentPeriod}` is how long a choice is kept.
 */
export const charterMessages = defineMessages({
  fr: {
    'charter.section.title': 'Charte cookies',
    'charter.section.intro':
      'Cette charte décrit les cookies et autres traceurs utilisés par la plateforme {name} : qui les dépose, dans quel but et pour combien de temps. Elle explique aussi comment accepter, refuser ou retirer votre accord.',
    'charter.section.whatIsACookieTitle': 'Qu’est-ce qu’un cookie ?',
    'charter.section.whatIsACookie':
      'Un cookie est un petit fichier texte qu’un site enregistre dans votre navigateur au moment où vous le consultez. Lors de vos visites suivantes, le navigateur le transmet au site, qui peut ainsi reconnaître votre terminal et retrouver une information : votre session, la langue choisie ou vos choix en matière de cookies, par exemple.\n\nDans cette charte, le mot « cookie » désigne aussi les traceurs qui fonctionnent de la même manière, comme les données conservées dans le stockage local du navigateur (localStorage, sessionStorage). Les mêmes règles s’y appliquent.',
    'charter.section.kindsTitle': 'Les différents types de cookies',
    'charter.section.kindsIntro':
      'Les cookies se classent de deux façons : selon leur rôle (nécessaires, statistiques…) et selon l’acteur qui les dépose (cookies internes ou cookies tiers). Les deux classements se combinent : un cookie de mesure d’audience, par exemple, peut être interne ou tiers.',
    'charter.kindHeading.necessary': 'Cookies nécessaires',
    'charter.section.necessary':
      'Sans eux, la plateforme ne peut pas fonctionner : ils maintiennent votre session ouverte, protègent les formulaires contre les requêtes frauduleuses, retiennent la langue d’affichage ou gardent en mémoire vos choix en matière de cookies. Comme ils ne servent à rien d’autre, la loi permet de les déposer sans votre consentement. Les bloquer dans votre navigateur peut empêcher certaines pages de s’afficher correctement.',
    'charter.kindHeading.statistics': 'Cookies statistiques (mesure d’audience)',
    'charter.section.statistics':
      'Ils servent à compter les visites et à repérer les pages les plus consultées, afin d’améliorer la plateforme. En règle générale, ils ne sont déposés qu’avec votre accord. La CNIL dispense toutefois de consentement la mesure d’audience qui respecte toutes ses conditions : cookies déposés par la plateforme elle-même, servant uniquement à produire des statistiques anonymes, conservés 13 mois au plus sans prolongation à chaque visite, données gardées 25 mois au plus, et possibilité de vous y opposer à tout moment.',
    'charter.kindHeading.firstParty': 'Cookies internes (« first-party »)',
    'charter.section.firstParty':
      'Un cookie interne est déposé par le site que vous consultez, sous son propre nom de domaine. Cette notion ne dit rien de l’usage du cookie : un cookie interne peut être nécessaire, statistique ou publicitaire, et c’est sa finalité qui décide si votre accord est requis.',
    'charter.kindHeading.thirdParty': 'Cookies tiers (« third-party »)',
    'charter.section.thirdParty':
      'Un cookie tiers est déposé sous le nom de domaine d’un autre acteur que le site consulté, par exemple lorsqu’une page intègre une vidéo, une carte ou un bouton de partage fourni par un autre service. Cet acteur peut alors reconnaître votre navigateur d’un site à l’autre. Sauf s’ils sont strictement nécessaires, ces cookies ne sont déposés qu’avec votre accord.',
    'charter.section.usageTitle': 'À quoi servent les cookies sur la plateforme {url}',
    'charter.section.usageIntro':
      'Les tableaux ci-dessous recensent, catégorie par catégorie, les cookies et traceurs de la plateforme {name} : le prestataire qui les dépose, le service concerné, le nom du cookie et sa finalité.',
    'charter.usageEmpty': 'La plateforme {name} ne déclare aucun cookie ni traceur.',
    'charter.section.choicesTitle': 'Gérer vos choix',
    'charter.section.choices':
      'À votre première visite, un bandeau vous propose d’accepter ou de refuser les cookies soumis à consentement, tous ensemble ou catégorie par catégorie. Refuser est aussi simple qu’accepter, et aucun de ces cookies n’est déposé avant votre choix.\n\nVous pouvez changer d’avis ou retirer votre accord à tout moment, aussi facilement que vous l’avez donné, avec le lien « Gérer mes cookies » présent sur chaque page. Votre choix est gardé {consentPeriod} ; il vous est redemandé ensuite, ou plus tôt si la liste des cookies change. Si votre navigateur envoie le signal Global Privacy Control, il vaut refus.\n\nQuand le bandeau s’affiche, il le signale au serveur sans rien transmettre qui vous identifie : ni identifiant, ni cookie, ni adresse conservée, et sans rien lire ni écrire dans votre navigateur. Le serveur n’en garde qu’un nombre total par jour, qui permet de savoir quelle part des visiteurs fait un choix.\n\nVous pouvez aussi régler votre navigateur pour bloquer ou effacer les cookies : la marche à suivre se trouve dans son aide, en général dans les paramètres de confidentialité. Bloquer les cookies nécessaires peut cependant empêcher la plateforme de fonctionner.',
    'charter.choicesNoConsent':
      'La plateforme {name} ne dépose aucun cookie soumis à votre consentement : aucun bandeau ne vous interroge donc à votre arrivée. Le lien « Gérer mes cookies », présent sur chaque page, affiche à tout moment la liste des cookies utilisés et cette charte ; si la plateforme mesure son audience sans consentement, il vous permet aussi de vous y opposer. Si des cookies soumis à consentement s’ajoutent un jour, votre accord vous sera demandé avant qu’ils ne soient déposés.\n\nVous pouvez aussi régler votre navigateur pour bloquer ou effacer les cookies : la marche à suivre se trouve dans son aide, en général dans les paramètres de confidentialité. Bloquer les cookies nécessaires peut cependant empêcher la plateforme de fonctionner.',
    'charter.section.contactTitle': 'Vos droits et contact',
    'charter.section.contact':
      'Pour toute question sur cette charte ou sur les données collectées, contactez l’éditeur de la plateforme {name}. Vous pouvez demander l’accès à vos données, leur rectification ou leur effacement, et vous opposer à leur traitement. Vous avez aussi le droit d’adresser une réclamation à la CNIL (https://www.cnil.fr).',
    'charter.versionNote': 'Version {number} de cette charte, publiée le {date}.',
    'charter.draftVersionNote':
      'Brouillon non publié de cette charte, enregistré le {date} ; publié, il deviendra la version {number}.',
    'charter.category.necessary.heading':
      'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
    'charter.category.necessary.description':
      'La plateforme ne peut pas s’en passer ; ils sont donc déposés sans votre accord et ne peuvent pas être désactivés depuis « Gérer mes cookies ».',
    'charter.category.statistics.heading': 'Cookies de mesure d’audience / cookies statistiques',
    'charter.category.statistics.description':
      'Ces cookies mesurent la fréquentation de la plateforme pour l’améliorer.',
    'charter.category.statistics.exemptNote':
      'Dispensés de consentement car ils servent à une mesure d’audience anonyme conforme aux conditions de la CNIL ; vous pouvez néanmoins vous y opposer depuis « Gérer mes cookies » : {names}.',
    'charter.category.statistics.othersNote':
      'Les autres cookies de cette catégorie ne sont déposés qu’avec votre accord.',
    'charter.category.preferences.heading': 'Cookies de personnalisation / préférences',
    'charter.category.preferences.description':
      'Ces cookies retiennent des réglages de confort qui ne sont pas indispensables, comme des options d’affichage ou des contenus adaptés à vos habitudes.',
    'charter.category.marketing.heading': 'Cookies publicitaires et contenus de tiers / marketing',
    'charter.category.marketing.description':
      'Ces cookies permettent à des partenaires d’afficher des contenus intégrés (vidéos, cartes, réseaux sociaux) ou des publicités, et de suivre votre navigation.',
    'charter.category.consentNote':
      'Ils ne sont déposés qu’avec votre accord, que vous pouvez retirer à tout moment.',
    'charter.column.provider': 'Nom du prestataire',
    'charter.column.service': 'Service et emplacement',
    'charter.column.name': 'Nom du cookie',
    'charter.column.purpose': 'Finalités',
    'charter.column.lifetime': 'Durée de conservation',
    'charter.table.caption': 'Liste des cookies : {category}',
    'charter.lifetime.session': 'Durée de la session',
    'charter.lifetime.year.one': '{count} an',
    'charter.lifetime.year.other': '{count} ans',
    'charter.lifetime.month.one': '{count} mois',
    'charter.lifetime.month.other': '{count} mois',
    'charter.lifetime.week.one': '{count} semaine',
    'charter.lifetime.week.other': '{count} semaines',
    'charter.lifetime.day.one': '{count} jour',
    'charter.lifetime.day.other': '{count} jours',
    'charter.lifetime.hour.one': '{count} heure',
    'charter.lifetime.hour.other': '{count} heures',
    'charter.lifetime.minute.one': '{count} minute',
    'charter.lifetime.minute.other': '{count} minutes',
    'charter.lifetime.second.one': '{count} seconde',
    'charter.lifetime.second.other': '{count} secondes',
    'charter.languageName': 'Français',
    'charter.pageTitle': '{title} – {portal}',
    'charter.nav.languages': 'Autres langues',
    'charter.nav.formats': 'Autres formats',
    'charter.format.html': 'Page web',
    'charter.format.md': 'Markdown',
    'charter.format.txt': 'Texte brut',
    'charter.format.json': 'JSON',
  },
  en: {
    'charter.section.title': 'Cookie policy',
    'charter.section.intro':
      'This policy describes the cookies and other trackers used by the {name} platform: who sets them, what for and for how long. It also explains how to accept, refuse or withdraw your consent.',
    'charter.section.whatIsACookieTitle': 'What is a cookie?',
    'charter.section.whatIsACookie':
      'A cookie is a small text file that a website stores in your browser when you visit it. On later visits the browser sends it back to the site, which can then recognise your device and recall a piece of information: your session, the language you chose or your cookie choices, for instance.\n\nIn this policy, the word “cookie” also covers trackers that work the same way, such as data kept in the browser’s local storage (localStorage, sessionStorage). The same rules apply to them.',
    'charter.section.kindsTitle': 'Kinds of cookies',
    'charter.section.kindsIntro':
      'Cookies are classified in two ways: by their role (necessary, statistics…) and by who sets them (first-party or third-party cookies). The two combine: an audience measurement cookie, for example, can be first-party or third-party.',
    'charter.kindHeading.necessary': 'Necessary cookies',
    'charter.section.necessary':
      'The platform cannot work without them: they keep your session open, protect forms against forged requests, remember the display language or store your cookie choices. Since they serve no other purpose, the law allows them to be set without your consent. Blocking them in your browser may stop some pages from working properly.',
    'charter.kindHeading.statistics': 'Statistics cookies (audience measurement)',
    'charter.section.statistics':
      'They count visits and show which pages are read most, so that the platform can be improved. As a rule they are only set with your consent. The CNIL, the French data protection authority, exempts audience measurement from consent when it meets all of its conditions: cookies set by the platform itself, used only to produce anonymous statistics, kept for at most 13 months without being extended on each visit, data kept for at most 25 months, and a way to object at any time.',
    'charter.kindHeading.firstParty': 'First-party cookies',
    'charter.section.firstParty':
      'A first-party cookie is set by the site you are visiting, under its own domain name. This says nothing about what the cookie is used for: a first-party cookie can be necessary, statistical or used for advertising, and its purpose decides whether your consent is required.',
    'charter.kindHeading.thirdParty': 'Third-party cookies',
    'charter.section.thirdParty':
      'A third-party cookie is set under the domain name of a party other than the site you are visiting, for example when a page embeds a video, a map or a share button provided by another service. That party can then recognise your browser from one site to the next. Unless strictly necessary, these cookies are only set with your consent.',
    'charter.section.usageTitle': 'What cookies are used for on the {url} platform',
    'charter.section.usageIntro':
      'The tables below list, category by category, the cookies and trackers of the {name} platform: the provider that sets them, the service concerned, the cookie name and its purpose.',
    'charter.usageEmpty': 'The {name} platform declares no cookies or trackers.',
    'charter.section.choicesTitle': 'Managing your choices',
    'charter.section.choices':
      'On your first visit, a banner lets you accept or refuse the cookies that need consent, all at once or category by category. Refusing is as easy as accepting, and none of these cookies is set before you choose.\n\nYou can change your mind or withdraw your consent at any time, as easily as you gave it, with the “Manage cookies” link on every page. Your choice is kept for {consentPeriod}; you are asked again after that, or sooner if the list of cookies changes. If your browser sends the Global Privacy Control signal, it counts as a refusal.\n\nWhen the banner appears, it tells the server so without sending anything that identifies you: no identifier, no cookie, no address kept, and nothing read from or written to your browser. The server only keeps a total per day, which shows what share of visitors make a choice.\n\nYou can also set your browser to block or delete cookies: its help pages explain how, usually under privacy settings. Blocking necessary cookies may however stop the platform from working.',
    'charter.choicesNoConsent':
      'The {name} platform sets no cookie that needs your consent, so no banner asks you anything when you arrive. The “Manage cookies” link on every page shows the list of cookies in use and this policy at any time; if the platform measures its audience without consent, it also lets you object to that. Should cookies that need consent ever be added, you will be asked before any of them is set.\n\nYou can also set your browser to block or delete cookies: its help pages explain how, usually under privacy settings. Blocking necessary cookies may however stop the platform from working.',
    'charter.section.contactTitle': 'Your rights and contact',
    'charter.section.contact':
      'For any question about this policy or the data collected, contact the publisher of the {name} platform. You can ask to access, correct or erase your data, and object to its processing. You also have the right to lodge a complaint with the CNIL (https://www.cnil.fr).',
    'charter.versionNote': 'Version {number} of this policy, published on {date}.',
    'charter.draftVersionNote':
      'Unpublished draft of this policy, saved on {date}; once published it becomes version {number}.',
    'charter.category.necessary.heading':
      'Cookies necessary for the platform to work / functional cookies',
    'charter.category.necessary.description':
      'The platform cannot do without them, so they are set without your consent and cannot be turned off from “Manage cookies”.',
    'charter.category.statistics.heading': 'Audience measurement cookies / statistics cookies',
    'charter.category.statistics.description':
      'These cookies measure how the platform is used, in order to improve it.',
    'charter.category.statistics.exemptNote':
      'Exempt from consent because they serve anonymous audience measurement meeting the CNIL’s conditions; you can still object to them from “Manage cookies”: {names}.',
    'charter.category.statistics.othersNote':
      'The other cookies in this category are only set with your consent.',
    'charter.category.preferences.heading': 'Personalisation cookies / preferences',
    'charter.category.preferences.description':
      'These cookies remember convenience settings that are not essential, such as display options or content adapted to your habits.',
    'charter.category.marketing.heading': 'Advertising and third-party content cookies / marketing',
    'charter.category.marketing.description':
      'These cookies let partners show embedded content (videos, maps, social networks) or advertising, and follow your browsing.',
    'charter.category.consentNote':
      'They are only set with your consent, which you can withdraw at any time.',
    'charter.column.provider': 'Provider',
    'charter.column.service': 'Service and location',
    'charter.column.name': 'Cookie name',
    'charter.column.purpose': 'Purposes',
    'charter.column.lifetime': 'Retention period',
    'charter.table.caption': 'List of cookies: {category}',
    'charter.lifetime.session': 'Session',
    'charter.lifetime.year.one': '{count} year',
    'charter.lifetime.year.other': '{count} years',
    'charter.lifetime.month.one': '{count} month',
    'charter.lifetime.month.other': '{count} months',
    'charter.lifetime.week.one': '{count} week',
    'charter.lifetime.week.other': '{count} weeks',
    'charter.lifetime.day.one': '{count} day',
    'charter.lifetime.day.other': '{count} days',
    'charter.lifetime.hour.one': '{count} hour',
    'charter.lifetime.hour.other': '{count} hours',
    'charter.lifetime.minute.one': '{count} minute',
    'charter.lifetime.minute.other': '{count} minutes',
    'charter.lifetime.second.one': '{count} second',
    'charter.lifetime.second.other': '{count} seconds',
    'charter.languageName': 'English',
    'charter.pageTitle': '{title} – {portal}',
    'charter.nav.languages': 'Other languages',
    'charter.nav.formats': 'Other formats',
    'charter.format.html': 'Web page',
    'charter.format.md': 'Markdown',
    'charter.format.txt': 'Plain text',
    'charter.format.json': 'JSON',
  },
});
