import { z } from 'zod';
import { BUILTIN_CATEGORY_IDS, isBuiltinCategory } from '../categories.js';
import {
  CUSTOM_CATEGORY_ID,
  PORTAL_FILE_LIMITS as LIMITS,
  RESERVED_CATEGORY_IDS,
} from '../portal-file-limits.js';
import { shapeIssue } from '../shape/zod-field-errors.js';
import { localizedShape, type LanguageContext } from './localized-shape.js';
import { always, boundedArray, coded, badItems, lineText } from './shape-kit.js';

const idParam = (input: unknown) => ({ id: input as string });

/** One category a portal adds to the built-in ones. */
export function categoryShape(langs: LanguageContext | undefined) {
  return z.strictObject({
    id: lineText(32)
      .refine((id) => !isBuiltinCategory(id), coded('builtin_category', idParam))
      .refine((id) => !RESERVED_CATEGORY_IDS.includes(id), coded('reserved_category', idParam))
      .regex(CUSTOM_CATEGORY_ID, coded('bad_category_id', idParam))
      .meta({
        description: 'Lowercase id, other than the built-in ones and audience.',
        not: { enum: [...BUILTIN_CATEGORY_IDS, ...RESERVED_CATEGORY_IDS] },
      }),
    label: localizedShape(langs, { max: LIMITS.categoryLabel }).meta({
      description: described('Name shown to visitors.'),
    }),
    description: localizedShape(langs, {
      max: LIMITS.categoryDescription,
      multiline: true,
    }).meta({ description: described('What the category is for.') }),
  });
}

/** The `categories` list: custom categories, each id once. */
export function categoriesShape(langs: LanguageContext | undefined, documented: boolean) {
  const item = categoryShape(langs);
  return boundedArray(documented ? item.meta({ id: 'category' }) : item, {
    max: LIMITS.categories,
  }).superRefine((list, ctx) => {
    // A category with a good id counts as defined even when its texts are bad.
    const bad = badItems(ctx.issues, (_issue, path) => path[0] === 'id');
    const seen = new Set<string>();
    list.forEach((category, i) => {
      if (bad.has(i)) return;
      if (seen.has(category.id)) {
        ctx.addIssue(shapeIssue('duplicate_category', { id: category.id }, [i, 'id']));
      }
      seen.add(category.id);
    });
  }, always('array'));
}

/** A localized text's description in the JSON Schema. */
export const described = (what: string) =>
  `${what} Keyed by language code; the default language is required.`;
