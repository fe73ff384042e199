import { EXEMPT_CATEGORY, isBuiltinCategory } from '../categories.js';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from '../i18n/supported-languages.js';
import { translate } from '../i18n/translate.js';
import type { PortalContent } from '../portal.js';
import { widgetCategories } from '../widget-config.js';

/** A category about which visitors will be asked again, and why. */
export interface Reasked {
  readonly id: string;
  /**
   * `added`: a category that needs consent appears, every visitor is asked; `changed`: what it
   * covers changed (its fingerprint), visitors who had accepted it are asked again.
   */
  readonly reason: 'added' | 'changed';
}

/** What publishing `to` over `from` means for visitors who already chose. */
export interface VisitorImpact {
  readonly reasked: readonly Reasked[];
  /** The same as one sentence, per supported language. */
  readonly summary: Readonly<Record<SupportedLanguage, string>>;
}

/**
 * Galette's re-prompt rule, as the widget applies it (`packages/widget/src/galette.ts`): a visitor
 * is asked again when a category that needs consent has no stored choice (a new category), or
 * when one they accepted now has another fingerprint (`widgetCategories`: who, what, where, why,
 * how long; wording of other texts does not count). A refusal stays valid; consent-exempt
 * measurement asks nobody. The six-month renewal is independent of revisions and not counted.
 */
export function visitorImpact(from: PortalContent | undefined, to: PortalContent): VisitorImpact {
  const before = new Map(
    (from === undefined ? [] : widgetCategories(from))
      .filter((c) => !c.optOut)
      .map((c) => [c.id, c.fp]),
  );
  const reasked: Reasked[] = [];
  for (const category of widgetCategories(to)) {
    if (category.optOut) continue;
    const fp = before.get(category.id);
    if (fp === undefined) reasked.push({ id: category.id, reason: 'added' });
    else if (fp !== category.fp) reasked.push({ id: category.id, reason: 'changed' });
  }
  const summary = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((lang) => [lang, sentence(lang, reasked, to)]),
  ) as Record<SupportedLanguage, string>;
  return { reasked, summary };
}

function sentence(lang: SupportedLanguage, reasked: readonly Reasked[], to: PortalContent): string {
  if (reasked.length === 0) return translate(lang, 'portals.impact.none');
  const items = reasked.map((r) =>
    translate(lang, `portals.impact.${r.reason}`, { label: label(lang, r.id, to) }),
  );
  const list =
    items.length === 1
      ? items[0]!
      : `${items.slice(0, -1).join(', ')}${translate(lang, 'portals.impact.and')}${items.at(-1)!}`;
  return translate(lang, 'portals.impact.reask', { categories: list });
}

function label(lang: SupportedLanguage, id: string, content: PortalContent): string {
  if (id === EXEMPT_CATEGORY || isBuiltinCategory(id)) {
    return translate(lang, `widget.category.${id}`);
  }
  const custom = content.categories.find((c) => c.id === id);
  return custom?.label[lang] ?? custom?.label[content.defaultLanguage] ?? id;
}
