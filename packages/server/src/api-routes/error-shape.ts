import { ERROR_CODES, FIELD_ERROR_CODES } from '@galette/core';
import { z } from '@hono/zod-openapi';
import { UNCLASSIFIED_FIELD_ERROR } from '../error-handler.js';

const text = (description: string) => z.string().meta({ description });

/** What every refusal of the API answers (`error-handler.ts` writes it). */
export const errorShape = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: text('Human-readable, in the negotiated language.'),
      fields: z
        .array(
          z.object({
            path: text('e.g. choices.statistics'),
            code: z.enum([...FIELD_ERROR_CODES, UNCLASSIFIED_FIELD_ERROR]).meta({
              description: `Stable, for programs; ${UNCLASSIFIED_FIELD_ERROR} when unclassified.`,
            }),
            message: text('Human-readable, in the negotiated language.'),
          }),
        )
        .optional()
        .meta({ description: 'For invalid_input: every bad field.' }),
      details: z.record(z.string(), z.unknown()).optional().meta({
        description:
          'What a program needs to act on the error: the current draft version of a 409, the findings of a 422.',
      }),
    }),
  })
  .openapi('Error');
