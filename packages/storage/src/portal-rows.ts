import type {
  CharterSectionId,
  CustomCategory,
  Declaration,
  LocalizedText,
  Party,
  PortalContent,
  TrackerStorage,
  WidgetSettings,
} from '@galette/core';
import type {
  DeclarationsTable,
  PortalCategoriesTable,
  PortalTextsTable,
  PortalsTable,
} from './database.js';

/** A draft as table rows; `portal` lacks what the store adds (hash, timestamps). */
export interface PortalRows {
  readonly portal: Pick<
    PortalsTable,
    'id' | 'name' | 'url' | 'origins' | 'languages' | 'default_language' | 'widget'
  >;
  readonly categories: PortalCategoriesTable[];
  readonly declarations: DeclarationsTable[];
  /** Sections with no language have no row: they do not survive a round trip. */
  readonly texts: PortalTextsTable[];
}

export function portalToRows(content: PortalContent): PortalRows {
  const portalId = content.id;
  return {
    portal: {
      id: content.id,
      name: content.name,
      url: content.url,
      origins: JSON.stringify(content.origins),
      languages: JSON.stringify(content.languages),
      default_language: content.defaultLanguage,
      widget: content.widget === undefined ? null : JSON.stringify(content.widget),
    },
    categories: content.categories.map((c, position) => ({
      portal_id: portalId,
      position,
      category_id: c.id,
      label: JSON.stringify(c.label),
      description: JSON.stringify(c.description),
    })),
    declarations: content.declarations.map((d, position) => ({
      portal_id: portalId,
      position,
      provider: d.provider,
      service: JSON.stringify(d.service),
      name: d.name,
      purpose: JSON.stringify(d.purpose),
      category: d.category,
      lifetime: d.lifetime ?? null,
      party: d.party,
      domain: d.domain ?? null,
      storage: d.storage,
      consent_exempt: d.consentExempt === undefined ? null : d.consentExempt ? 1 : 0,
      hosts: d.hosts === undefined ? null : JSON.stringify(d.hosts),
    })),
    texts: Object.entries(content.texts)
      .flatMap(([section, byLang]) =>
        Object.entries(byLang ?? {}).map(([lang, body]) => ({
          portal_id: portalId,
          section,
          lang,
          body,
        })),
      )
      .map((row, position) => ({ ...row, position })),
  };
}

/**
 * Rebuilds a draft from its rows (children in `position` order). Keys come out in the order of
 * the model's interfaces and optional fields only when set, so what was saved reads back equal,
 * down to `JSON.stringify`.
 */
export function portalFromRows(rows: PortalRows): PortalContent {
  const texts: Partial<Record<CharterSectionId, Record<string, string>>> = {};
  for (const row of byPosition(rows.texts)) {
    (texts[row.section as CharterSectionId] ??= {})[row.lang] = row.body;
  }
  return {
    id: rows.portal.id,
    name: rows.portal.name,
    url: rows.portal.url,
    origins: JSON.parse(rows.portal.origins) as string[],
    languages: JSON.parse(rows.portal.languages) as string[],
    defaultLanguage: rows.portal.default_language,
    categories: byPosition(rows.categories).map((c): CustomCategory => ({
      id: c.category_id,
      label: JSON.parse(c.label) as LocalizedText,
      description: JSON.parse(c.description) as LocalizedText,
    })),
    declarations: byPosition(rows.declarations).map(declarationFromRow),
    texts,
    ...(rows.portal.widget === null
      ? {}
      : { widget: JSON.parse(rows.portal.widget) as WidgetSettings }),
  };
}

function declarationFromRow(row: DeclarationsTable): Declaration {
  return {
    provider: row.provider,
    service: JSON.parse(row.service) as LocalizedText,
    name: row.name,
    purpose: JSON.parse(row.purpose) as LocalizedText,
    category: row.category,
    ...(row.lifetime === null ? {} : { lifetime: row.lifetime }),
    party: row.party as Party,
    ...(row.domain === null ? {} : { domain: row.domain }),
    storage: row.storage as TrackerStorage,
    ...(row.consent_exempt === null ? {} : { consentExempt: row.consent_exempt === 1 }),
    ...(row.hosts === null ? {} : { hosts: JSON.parse(row.hosts) as string[] }),
  };
}

/**
 * The content as the store keeps it: a draft read back, or a revision's canonical (key-sorted)
 * JSON put back in the model's key order.
 */
export function normalizeContent(content: PortalContent): PortalContent {
  return portalFromRows(portalToRows(content));
}

function byPosition<T extends { position: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.position - b.position);
}
