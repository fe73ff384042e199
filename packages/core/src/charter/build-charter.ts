import {
  categoryIds,
  categoryNeedsConsent,
  declarationNeedsConsent,
  isBuiltinCategory,
} from '../categories.js';
import { isSupportedLanguage, REFERENCE_LANGUAGE } from '../i18n/supported-languages.js';
import { interpolate, translate } from '../i18n/translate.js';
import { resolveWidgetSettings } from '../widget-settings.js';
import type {
  CharterSectionId,
  CustomCategory,
  Declaration,
  LocalizedText,
  PortalContent,
  Revision,
} from '../portal.js';
import {
  CHARTER_USAGE_SECTION,
  type Charter,
  type CharterCategory,
  type CharterColumn,
  type CharterRow,
  type CharterSection,
} from './charter.js';
import { formatLifetime } from './format-lifetime.js';

export interface BuildCharterOptions {
  /**
   * The revision is a draft dressed as the one it would become (the console's preview): the
   * version note says it is unpublished instead of when it was published.
   */
  readonly draft?: boolean;
}

/**
 * Builds the charter of a published revision in `lang` (French when Galette has no catalog for
 * it). Operator texts (`content.texts`) replace the template section by section, in the same
 * language only, so a page never mixes languages within a section.
 */
export function buildCharter(
  revision: Revision,
  lang: string,
  options: BuildCharterOptions = {},
): Charter {
  const content = revision.content;
  const language = isSupportedLanguage(lang) ? lang : REFERENCE_LANGUAGE;
  const { consentMonths } = resolveWidgetSettings(content.widget);
  const params = {
    name: content.name,
    url: content.url,
    consentPeriod: formatLifetime(`P${consentMonths}M`, language),
  };
  // Without anything to consent to the widget shows no banner, so the default wording of
  // `choices` must not promise one.
  const asksConsent = content.declarations.some(declarationNeedsConsent);
  const text = (id: CharterSectionId) => {
    const override = content.texts[id]?.[language];
    if (override && override.trim() !== '') return interpolate(override, params);
    return id === 'choices' && !asksConsent
      ? translate(language, 'charter.choicesNoConsent', params)
      : translate(language, `charter.section.${id}`, params);
  };
  const heading = (id: CharterSectionId) => text(id).replace(/\s+/g, ' ').trim();
  const section = (
    id: string,
    level: 2 | 3,
    title: string,
    paragraphs: readonly string[],
  ): CharterSection => ({ id, level, heading: title, paragraphs });
  const kind = (id: 'necessary' | 'statistics' | 'firstParty' | 'thirdParty') =>
    section(id, 3, translate(language, `charter.kindHeading.${id}`), paragraphsOf(text(id)));

  const categories = buildCategories(content, language);
  const usageParagraphs =
    categories.length > 0
      ? paragraphsOf(text('usageIntro'))
      : [translate(language, 'charter.usageEmpty', params)];

  return {
    portal: { id: content.id, name: content.name, url: content.url },
    revision: {
      number: revision.number,
      hash: revision.hash,
      publishedAt: revision.publishedAt,
    },
    lang: language,
    title: heading('title'),
    intro: paragraphsOf(text('intro')),
    versionNote: translate(
      language,
      options.draft ? 'charter.draftVersionNote' : 'charter.versionNote',
      {
        number: revision.number,
        date: formatDate(revision.publishedAt, language),
      },
    ),
    sections: [
      section(
        'whatIsACookie',
        2,
        heading('whatIsACookieTitle'),
        paragraphsOf(text('whatIsACookie')),
      ),
      section('kinds', 2, heading('kindsTitle'), paragraphsOf(text('kindsIntro'))),
      kind('necessary'),
      kind('statistics'),
      kind('firstParty'),
      kind('thirdParty'),
      section(CHARTER_USAGE_SECTION, 2, heading('usageTitle'), usageParagraphs),
      section('choices', 2, heading('choicesTitle'), paragraphsOf(text('choices'))),
      section('contact', 2, heading('contactTitle'), paragraphsOf(text('contact'))),
    ],
    columns: columnsFor(content.declarations, language),
    categories,
  };
}

/** Splits plain text on blank lines; line breaks inside a paragraph are kept. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((p) => p !== '');
}

function columnsFor(declarations: readonly Declaration[], lang: string) {
  const ids: CharterColumn[] = ['provider', 'service', 'name', 'purpose'];
  if (declarations.some((d) => d.lifetime !== undefined && d.lifetime !== '')) ids.push('lifetime');
  return ids.map((id) => ({ id, label: translate(lang, `charter.column.${id}`) }));
}

function buildCategories(content: PortalContent, lang: string): CharterCategory[] {
  const known = categoryIds(content);
  // A declaration whose category was removed still appears, under its raw id: a charter must
  // never hide a declared cookie.
  const unknown = [...new Set(content.declarations.map((d) => d.category))].filter(
    (id) => !known.includes(id),
  );
  const custom = new Map(content.categories.map((c) => [c.id, c]));
  return [...known, ...unknown].flatMap((id) => {
    const declarations = content.declarations.filter((d) => d.category === id);
    if (declarations.length === 0) return [];
    const rows = declarations.map((d) => buildRow(d, lang));
    return [{ id, ...describeCategory(id, custom.get(id), rows, lang), rows }];
  });
}

function describeCategory(
  id: string,
  custom: CustomCategory | undefined,
  rows: readonly CharterRow[],
  lang: string,
): { heading: string; description: string[] } {
  const builtin = !custom && isBuiltinCategory(id);
  const heading = custom
    ? localized(custom.label, lang) || id
    : builtin
      ? translate(lang, `charter.category.${id}.heading`)
      : id;
  const description = custom
    ? paragraphsOf(localized(custom.description, lang))
    : builtin
      ? [translate(lang, `charter.category.${id}.description`)]
      : [];
  return { heading, description: [...description, ...consentNotes(id, rows, lang)] };
}

/** What a visitor must know about consent for one category's cookies. */
function consentNotes(id: string, rows: readonly CharterRow[], lang: string): string[] {
  if (!categoryNeedsConsent(id)) return [];
  const exempt = rows.filter((r) => r.consentExempt).map((r) => r.name);
  if (exempt.length === 0) return [translate(lang, 'charter.category.consentNote')];
  const notes = [
    translate(lang, 'charter.category.statistics.exemptNote', { names: exempt.join(', ') }),
  ];
  if (exempt.length < rows.length) {
    notes.push(translate(lang, 'charter.category.statistics.othersNote'));
  }
  return notes;
}

function buildRow(d: Declaration, lang: string): CharterRow {
  return {
    provider: d.provider,
    service: localized(d.service, lang),
    name: d.name,
    purpose: localized(d.purpose, lang),
    lifetime: d.lifetime ? formatLifetime(d.lifetime, lang) : null,
    party: d.party,
    domain: d.domain ?? null,
    storage: d.storage,
    consentExempt: d.category === 'statistics' && d.consentExempt === true,
  };
}

/** The text in `lang`, else in French, else in whichever language the operator gave. */
function localized(text: LocalizedText, lang: string): string {
  return text[lang] ?? text[REFERENCE_LANGUAGE] ?? Object.values(text)[0] ?? '';
}

function formatDate(instant: string, lang: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  // French writes the first day of a month as an ordinal: « 1er juin ».
  return format
    .formatToParts(date)
    .map((p) => (lang === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
