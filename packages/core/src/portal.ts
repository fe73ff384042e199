import type { WidgetSettings } from './widget-settings.js';

/**
 * The portal model: what an operator declares, per portal. A `PortalContent` is the whole of a
 * portal's editable state (the draft); a published revision freezes one `PortalContent`.
 */

/** A language code such as `fr` or `en` (BCP 47 primary subtag). */
export type Lang = string;

/** A text given per language, e.g. `{ fr: 'Authentification', en: 'Authentication' }`. */
export type LocalizedText = Readonly<Record<Lang, string>>;

/** Where a tracker lives in the browser. */
export type TrackerStorage = 'cookie' | 'localStorage' | 'sessionStorage';

/** Set by the visited site (`first`) or by another site's code or server (`third`). */
export type Party = 'first' | 'third';

/**
 * One declared cookie or storage key. `name` is exact unless it contains `*`, a wildcard for any
 * run of characters (`_pk_id.*`).
 */
export interface Declaration {
  /** Company or body that operates the tracker, e.g. `Opendatasoft`. */
  readonly provider: string;
  /** "Service et emplacement": what part of the portal uses it. */
  readonly service: LocalizedText;
  readonly name: string;
  readonly purpose: LocalizedText;
  /** A category id: `necessary`, `statistics`, `preferences`, `marketing` or a custom one. */
  readonly category: string;
  /**
   * `session`, or an ISO 8601 duration (`P13M`, `P1Y`, `P14D`, `PT8H`). Absent when the operator
   * has not stated it; compliance rules flag that.
   */
  readonly lifetime?: string;
  readonly party: Party;
  /** Cookie domain when it differs from the portal host, e.g. `.paris.fr` or `youtube.com`. */
  readonly domain?: string;
  readonly storage: TrackerStorage;
  /** Statistics only: anonymous first-party audience measurement under the CNIL exemption. */
  readonly consentExempt?: boolean;
  /** Hosts whose scripts and frames set this tracker (used by the widget to block them). */
  readonly hosts?: readonly string[];
}

/** A category the operator adds beyond the four built-in ones. */
export interface CustomCategory {
  readonly id: string;
  readonly label: LocalizedText;
  readonly description: LocalizedText;
}

/** Ids of the charter's sections whose text an operator may override per portal. */
export const CHARTER_SECTION_IDS = [
  'title',
  'intro',
  'whatIsACookieTitle',
  'whatIsACookie',
  'kindsTitle',
  'kindsIntro',
  'necessary',
  'statistics',
  'firstParty',
  'thirdParty',
  'usageTitle',
  'usageIntro',
  'choicesTitle',
  'choices',
  'contactTitle',
  'contact',
] as const;
export type CharterSectionId = (typeof CHARTER_SECTION_IDS)[number];

export interface PortalContent {
  /** The portal's host name, e.g. `opendata.paris.fr`. */
  readonly id: string;
  /** Display name, e.g. `Paris Data`. */
  readonly name: string;
  /** Public address of the portal, e.g. `https://opendata.paris.fr`. */
  readonly url: string;
  /** Origins allowed to embed the widget and send consents. */
  readonly origins: readonly string[];
  /** Languages the portal publishes, default first is not implied: see `defaultLanguage`. */
  readonly languages: readonly Lang[];
  readonly defaultLanguage: Lang;
  readonly categories: readonly CustomCategory[];
  readonly declarations: readonly Declaration[];
  /** Operator overrides of charter sections, per section and language. */
  readonly texts: Readonly<Partial<Record<CharterSectionId, LocalizedText>>>;
  /** Consent widget settings (theme, colours, lifetime…); absent means the defaults. */
  readonly widget?: WidgetSettings;
}

/** An immutable published snapshot of a portal's content. */
export interface Revision {
  readonly portalId: string;
  /** 1, 2, 3… per portal, in publication order. */
  readonly number: number;
  /** `sha256:` + hex digest of the canonical JSON of `content`. */
  readonly hash: string;
  readonly content: PortalContent;
  /** ISO 8601 instant. */
  readonly publishedAt: string;
  readonly publishedBy?: string;
  /** The publisher's note about what changed, when given. */
  readonly note?: string;
}
