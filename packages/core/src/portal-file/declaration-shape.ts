import { z } from 'zod';
import { BUILTIN_CATEGORY_IDS } from '../categories.js';
import { didYouMean } from '../did-you-mean.js';
import { parseLifetime } from '../lifetime.js';
import type { Party, TrackerStorage } from '../portal.js';
import {
  COOKIE_DOMAIN,
  COOKIE_NAME,
  COOKIE_NAME_PATTERN,
  CUSTOM_CATEGORY_ID,
  HOST_NAME,
  LIFETIME,
  PORTAL_FILE_LIMITS as LIMITS,
} from '../portal-file-limits.js';
import { shapeIssue } from '../shape/zod-field-errors.js';
import { described } from './category-shape.js';
import { localizedShape, type LanguageContext } from './localized-shape.js';
import {
  always,
  badItems,
  boundedArray,
  coded,
  lineText,
  textShape,
  uniqueStrings,
  valueParam,
} from './shape-kit.js';

export const PARTIES: readonly Party[] = ['first', 'third'];
export const STORAGES: readonly TrackerStorage[] = ['cookie', 'localStorage', 'sessionStorage'];

/**
 * The categories a declaration may name when a file is read: the built-in ones and the ids the
 * file's custom categories are written with (a bad one still counts as known, so one mistake is
 * not reported twice; only well-formed ids are offered as suggestions).
 */
export interface CategoryContext {
  readonly known: readonly string[];
}

/** One cookie or storage key a portal declares. */
export function declarationShape(
  langs: LanguageContext | undefined,
  categories: CategoryContext | undefined,
) {
  const known = categories && [...BUILTIN_CATEGORY_IDS, ...categories.known];
  const suggestions = known?.filter((id) => CUSTOM_CATEGORY_ID.test(id));
  const category = known
    ? textShape(32).refine(
        (id) => known.includes(id),
        coded('unknown_category', (value) => ({
          value: value as string,
          ...didYouMean(value as string, suggestions!),
        })),
      )
    : lineText(32).regex(CUSTOM_CATEGORY_ID);
  return z
    .strictObject({
      provider: textShape(LIMITS.provider).meta({ description: 'Who operates the tracker.' }),
      service: localizedShape(langs, { max: LIMITS.service }).meta({
        description: described('Service and location that use it.'),
      }),
      name: textShape(LIMITS.declarationName)
        .refine((name) => !/^\*+$/.test(name), coded('bare_wildcard'))
        .meta({
          description: 'Cookie or storage key name; * matches any run of characters.',
          not: { pattern: '^\\*+$' },
        }),
      purpose: localizedShape(langs, { max: LIMITS.purpose, multiline: true }).meta({
        description: described('What it is used for.'),
      }),
      category: category.meta({
        description: 'necessary, statistics, preferences, marketing or a custom category id.',
      }),
      lifetime: lineText(64)
        .regex(LIFETIME, coded('bad_lifetime', valueParam))
        // The pattern cannot say "longer than zero".
        .refine((text) => parseLifetime(text) !== undefined, coded('bad_lifetime', valueParam))
        .optional()
        .meta({
          description:
            'session, or an ISO 8601 duration longer than zero such as P13M, P1W, PT36H or PT1S. Omit when unknown.',
        }),
      party: z.enum(PARTIES).optional().meta({ description: 'Default: first.' }),
      domain: lineText(LIMITS.domain)
        .regex(COOKIE_DOMAIN, coded('not_a_domain', valueParam))
        .optional()
        .meta({
          description: 'Cookie domain when it differs from the portal host, e.g. .paris.fr.',
        }),
      storage: z.enum(STORAGES).optional().meta({ description: 'Default: cookie.' }),
      consentExempt: z.boolean().optional().meta({
        description: 'Statistics only: exempt audience measurement under the CNIL conditions.',
      }),
      hosts: uniqueStrings((text) => text.regex(HOST_NAME, coded('not_a_host_name', valueParam)), {
        max: LIMITS.hosts,
      })
        .optional()
        .meta({ description: 'Hosts whose scripts and frames set this tracker.' }),
    })
    .superRefine((d, ctx) => {
      const bad = new Set(ctx.issues.map((issue) => issue.path?.[0]));
      const storage = d.storage ?? 'cookie';
      if (storage === 'cookie' && !bad.has('storage') && !bad.has('name')) {
        if (typeof d.name === 'string' && !COOKIE_NAME.test(d.name)) {
          ctx.addIssue(shapeIssue('bad_cookie_name', { value: d.name }, ['name']));
        }
      }
      if (d.consentExempt === true && !bad.has('category') && !bad.has('consentExempt')) {
        if (typeof d.category === 'string' && d.category !== 'statistics') {
          ctx.addIssue(shapeIssue('not_exemptable', { category: d.category }, ['consentExempt']));
        }
      }
    }, always('object'))
    .meta({
      allOf: [
        {
          if: { properties: { storage: { const: 'cookie' } } },
          then: { properties: { name: { type: 'string', pattern: COOKIE_NAME_PATTERN } } },
        },
        {
          if: { properties: { consentExempt: { const: true } }, required: ['consentExempt'] },
          then: { properties: { category: { const: 'statistics' } } },
        },
      ],
    });
}

/** The `declarations` list; one name per category and storage. */
export function declarationsShape(
  langs: LanguageContext | undefined,
  categories: CategoryContext | undefined,
  documented: boolean,
) {
  const item = declarationShape(langs, categories);
  return boundedArray(documented ? item.meta({ id: 'declaration' }) : item, {
    max: LIMITS.declarations,
  }).superRefine((list, ctx) => {
    // Only declarations read without a problem are compared (an exemption refused leaves one
    // readable).
    const bad = badItems(
      ctx.issues,
      (issue) => (issue.params as { galette?: string } | undefined)?.galette !== 'not_exemptable',
    );
    const first = new Map<string, number>();
    list.forEach((d, i) => {
      if (bad.has(i)) return;
      const key = JSON.stringify([d.category, d.storage ?? 'cookie', d.name]);
      const at = first.get(key);
      if (at === undefined) first.set(key, i);
      else
        ctx.addIssue(shapeIssue('duplicate_declaration', { name: d.name, index: at }, [i, 'name']));
    });
  }, always('array'));
}
