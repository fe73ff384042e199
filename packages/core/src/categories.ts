import type { CustomCategory, Declaration, PortalContent } from './portal.js';

/** The categories every portal has. Their labels and descriptions live in the catalogs. */
export const BUILTIN_CATEGORY_IDS = [
  'necessary',
  'statistics',
  'preferences',
  'marketing',
] as const;
export type BuiltinCategoryId = (typeof BUILTIN_CATEGORY_IDS)[number];

export function isBuiltinCategory(id: string): id is BuiltinCategoryId {
  return (BUILTIN_CATEGORY_IDS as readonly string[]).includes(id);
}

/** Category ids a portal may use, built-in first, then its custom ones in declared order. */
export function categoryIds(portal: Pick<PortalContent, 'categories'>): string[] {
  return [...BUILTIN_CATEGORY_IDS, ...portal.categories.map((c: CustomCategory) => c.id)];
}

/**
 * Pseudo-category of consent-exempt audience measurement (CNIL exemption): active without
 * consent, but the visitor may object, so the widget treats it as a category that starts on and
 * a proof records the objection (`false`) like any other choice.
 */
export const EXEMPT_CATEGORY = 'audience';

/** The ids a consent proof of this portal may hold: its categories, and `audience` if used. */
export function proofCategoryIds(
  portal: Pick<PortalContent, 'categories' | 'declarations'>,
): string[] {
  const exempt = portal.declarations.some(
    (d) => d.category !== 'necessary' && !declarationNeedsConsent(d),
  );
  return exempt ? [...categoryIds(portal), EXEMPT_CATEGORY] : categoryIds(portal);
}

/** Only `necessary` never needs consent; exempt statistics are decided per declaration. */
export function categoryNeedsConsent(id: string): boolean {
  return id !== 'necessary';
}

/**
 * Whether a declared tracker waits for the visitor's consent. The widget gates on it and the
 * charter words its "managing your choices" section on it, so both must agree.
 */
export function declarationNeedsConsent(
  d: Pick<Declaration, 'category' | 'consentExempt'>,
): boolean {
  return (
    categoryNeedsConsent(d.category) && !(d.category === 'statistics' && d.consentExempt === true)
  );
}
