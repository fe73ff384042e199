import { z } from 'zod';
import type { Charter } from './charter.js';

/**
 * The charter model (`Charter`, the `.json` format) as a zod shape, for the OpenAPI component and
 * the tests that parse served charters with it. Strict objects, so a member the renderer adds
 * without the shape (or the shape without the renderer) fails them; the type check below fails
 * the build when the shape and the `Charter` interface disagree. The interface stays hand-written
 * so that the renderers (and the widget, which imports core) need no zod.
 */
const texts = z.array(z.string());

export const charterShape = z
  .strictObject({
    portal: z.strictObject({ id: z.string(), name: z.string(), url: z.string() }),
    revision: z.strictObject({
      number: z.number().int().min(1),
      hash: z.string(),
      publishedAt: z.iso.datetime(),
    }),
    lang: z.string(),
    title: z.string(),
    intro: texts.meta({ description: 'Paragraphs shown under the title.' }),
    versionNote: z.string().meta({ description: 'Which version of the charter this is.' }),
    sections: z
      .array(
        z.strictObject({
          id: z.string(),
          level: z.union([z.literal(2), z.literal(3)]).meta({
            description: '2 for a section, 3 for a sub-section (the title is level 1).',
          }),
          heading: z.string(),
          paragraphs: texts.meta({ description: 'Plain text; a paragraph may hold line breaks.' }),
        }),
      )
      .meta({ description: 'In document order; the category tables follow the `usage` section.' }),
    columns: z
      .array(
        z.strictObject({
          id: z.enum(['provider', 'service', 'name', 'purpose', 'lifetime']),
          label: z.string(),
        }),
      )
      .meta({ description: 'Table columns, in order; `lifetime` only when a row states one.' }),
    categories: z
      .array(
        z.strictObject({
          id: z.string(),
          heading: z.string(),
          description: texts,
          rows: z.array(
            z.strictObject({
              provider: z.string(),
              service: z.string(),
              name: z.string().meta({ description: 'Exact name or pattern with `*`.' }),
              purpose: z.string(),
              lifetime: z
                .string()
                .nullable()
                .meta({ description: 'In the charter’s language; null when not declared.' }),
              party: z.enum(['first', 'third']),
              domain: z.string().nullable(),
              storage: z.enum(['cookie', 'localStorage', 'sessionStorage']),
              consentExempt: z.boolean(),
            }),
          ),
        }),
      )
      .meta({ description: 'Only categories that have declarations, in category order.' }),
  })
  .meta({ description: 'The charter model every format is rendered from.' });

type DeepReadonly<T> = T extends readonly (infer I)[]
  ? readonly DeepReadonly<I>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/** Compiles only while the shape's output and `Charter` are the same type (read-only aside). */
export type CharterShapeMatches = Holds<Same<DeepReadonly<z.output<typeof charterShape>>, Charter>>;
