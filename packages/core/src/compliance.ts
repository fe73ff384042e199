import { categoryNeedsConsent } from './categories.js';
// Types only: the database's code stays out of the main entry, which the widget bundles.
import type { CookieDatabase, KnownCookie } from './cookie-database/cookie-database.js';
import { CONSENT_COOKIE } from './cookies.js';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './i18n/supported-languages.js';
import { translate, type MessageParams } from './i18n/translate.js';
import { lifetimeMonths, parseLifetime } from './lifetime.js';
import type { Declaration, LocalizedText, PortalContent } from './portal.js';

/**
 * The CNIL's ceiling for a tracker's lifetime (deliberation 2020-091 recommends it for every
 * tracker; 2020-092 makes it a condition of the audience-measurement exemption).
 */
export const CNIL_MAX_LIFETIME_MONTHS = 13;

export type ComplianceSeverity = 'error' | 'warning';

/**
 * Every rule and its severity. Ids are stable (the back office, the CLI and tests key on them);
 * each has a message `compliance.<id>` in the catalogs. An `error` breaks a legal condition
 * outright; a `warning` is a likely mistake or a departure from the CNIL's recommendations.
 */
export const COMPLIANCE_RULES = {
  'exempt-third-party': 'error',
  'exempt-lifetime-missing': 'error',
  'exempt-lifetime-too-long': 'error',
  'consent-cookie-not-necessary': 'error',
  'known-tracker-necessary': 'error',
  'lifetime-missing': 'warning',
  'lifetime-over-13-months': 'warning',
  'storage-lifetime-mismatch': 'warning',
  'consent-cookie-session': 'warning',
  'consent-cookie-undeclared': 'warning',
  'third-party-domain-missing': 'warning',
  'third-party-hosts-missing': 'warning',
  'necessary-third-party': 'warning',
  'category-unused': 'warning',
  'translation-missing': 'warning',
} as const satisfies Record<string, ComplianceSeverity>;
export type ComplianceRuleId = keyof typeof COMPLIANCE_RULES;

export interface ComplianceFinding {
  readonly rule: ComplianceRuleId;
  readonly severity: ComplianceSeverity;
  /** Where in the content, as in validation errors: `declarations[2].lifetime`. */
  readonly path: string;
  /** The values in the message, for UIs that word it their own way. */
  readonly params: MessageParams;
  readonly message: Readonly<Record<SupportedLanguage, string>>;
}

export interface ComplianceOptions {
  /**
   * The Open Cookie Database (`loadCookieDatabase` from `@galette/core/node`), to question a
   * `necessary` declaration of a name it knows as analytics or marketing. It never overrules a
   * declaration otherwise: a row tied to another site (its `sessionid` is Instagram's) says
   * nothing about the portal's own cookie of that name.
   */
  readonly cookieDatabase?: CookieDatabase;
}

/**
 * Checks a portal's content against the CNIL rules Galette can judge from declarations alone
 * (2020-091 guidelines, 2020-092 recommendation). Findings come in content order: categories,
 * then declarations, then the portal as a whole. No finding does not mean compliant: what the
 * portal really sets is the scanner's business.
 */
export function checkCompliance(
  content: PortalContent,
  options: ComplianceOptions = {},
): ComplianceFinding[] {
  const findings: ComplianceFinding[] = [];
  const add = (rule: ComplianceRuleId, path: string, params: MessageParams) => {
    const message = Object.fromEntries(
      SUPPORTED_LANGUAGES.map((lang) => [lang, translate(lang, `compliance.${rule}`, params)]),
    ) as Record<SupportedLanguage, string>;
    findings.push({ rule, severity: COMPLIANCE_RULES[rule], path, params, message });
  };

  content.categories.forEach((category, i) => {
    const path = `categories[${i}]`;
    if (!content.declarations.some((d) => d.category === category.id)) {
      add('category-unused', path, { id: category.id });
    }
    checkTranslations(content, category.label, `${path}.label`, add);
    checkTranslations(content, category.description, `${path}.description`, add);
  });

  content.declarations.forEach((d, i) => {
    const path = `declarations[${i}]`;
    checkDeclaration(d, path, add);
    if (options.cookieDatabase && d.category === 'necessary') {
      const known = knownTracker(options.cookieDatabase, d, content.id);
      if (known) {
        add('known-tracker-necessary', `${path}.category`, {
          name: d.name,
          known: known.name,
          platform: known.platform,
          category: known.category!,
        });
      }
    }
    checkTranslations(content, d.service, `${path}.service`, add);
    checkTranslations(content, d.purpose, `${path}.purpose`, add);
  });

  const consentCookieDeclared = content.declarations.some(
    (d) => d.name === CONSENT_COOKIE && d.storage === 'cookie',
  );
  if (!consentCookieDeclared)
    add('consent-cookie-undeclared', 'declarations', { name: CONSENT_COOKIE });
  return findings;
}

type Add = (rule: ComplianceRuleId, path: string, params: MessageParams) => void;

function checkDeclaration(d: Declaration, path: string, add: Add): void {
  const name = d.name;
  const lifetime = d.lifetime === undefined ? undefined : parseLifetime(d.lifetime);
  const months = lifetime ? lifetimeMonths(lifetime) : 0;
  const tooLong = months > CNIL_MAX_LIFETIME_MONTHS;
  const exempt = d.consentExempt === true;

  if (exempt && d.party === 'third') add('exempt-third-party', `${path}.party`, { name });
  if (d.lifetime === undefined) {
    add(exempt ? 'exempt-lifetime-missing' : 'lifetime-missing', `${path}.lifetime`, { name });
  } else if (tooLong) {
    const rule = exempt ? 'exempt-lifetime-too-long' : 'lifetime-over-13-months';
    add(rule, `${path}.lifetime`, { name, lifetime: d.lifetime, months });
  }
  if (
    (d.storage === 'localStorage' && lifetime?.kind === 'session') ||
    (d.storage === 'sessionStorage' && lifetime?.kind === 'duration')
  ) {
    add('storage-lifetime-mismatch', `${path}.lifetime`, {
      name,
      lifetime: d.lifetime!,
      storage: d.storage,
    });
  }

  if (d.name === CONSENT_COOKIE && d.storage === 'cookie') {
    if (d.category !== 'necessary') {
      add('consent-cookie-not-necessary', `${path}.category`, { name, category: d.category });
    }
    if (lifetime?.kind === 'session') add('consent-cookie-session', `${path}.lifetime`, { name });
  }

  if (d.party === 'third') {
    if (d.domain === undefined) add('third-party-domain-missing', `${path}.domain`, { name });
    if (categoryNeedsConsent(d.category) && !exempt && !d.hosts?.length) {
      add('third-party-hosts-missing', `${path}.hosts`, { name });
    }
    if (d.category === 'necessary') add('necessary-third-party', `${path}.category`, { name });
  }
}

function checkTranslations(content: PortalContent, text: LocalizedText, path: string, add: Add) {
  for (const lang of content.languages) {
    if (lang !== content.defaultLanguage && text[lang] === undefined) {
      add('translation-missing', `${path}.${lang}`, {
        lang,
        defaultLanguage: content.defaultLanguage,
      });
    }
  }
}

/**
 * The first row of the database that says a cookie this declaration covers is analytics or
 * marketing: the name itself, or for a pattern (`_hj*`) any known name it matches.
 */
function knownTracker(
  db: CookieDatabase,
  d: Declaration,
  portalHost: string,
): KnownCookie | undefined {
  const host = d.party === 'third' ? d.domain : portalHost;
  const tracking = (c: KnownCookie | undefined): c is KnownCookie =>
    c !== undefined &&
    (c.category === 'statistics' || c.category === 'marketing') &&
    db.appliesTo(c, host);
  if (!d.name.includes('*')) {
    const known = db.lookup(d.name, host);
    return tracking(known) ? known : undefined;
  }
  const pattern = new RegExp(
    `^${d.name
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  const instance = db.lookup(d.name.replaceAll('*', ''), host);
  if (tracking(instance)) return instance;
  return db.cookies.find((c) => !c.wildcard && pattern.test(c.name) && tracking(c));
}
