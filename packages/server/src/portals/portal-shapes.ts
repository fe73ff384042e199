import { z } from '@hono/zod-openapi';

/** Body of `POST /api/v1/admin/portals/{portalId}/publish`. */
export const publishRequestShape = z.strictObject({
  acknowledge: z
    .array(z.string().max(400))
    .max(5000)
    .optional()
    .meta({ description: 'Ids (`rule@path`) of the compliance warnings acknowledged.' }),
  acknowledgeAll: z
    .boolean()
    .optional()
    .meta({ description: 'Acknowledge every warning of the draft as it is now.' }),
  note: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'Publication note stored with the revision.' }),
  expectedVersion: z.number().int().min(1).optional().meta({
    description:
      'The draft version reviewed (also accepted as If-Match); 409 when the draft moved since.',
  }),
});
export type PublishRequest = z.output<typeof publishRequestShape>;

/** Body of `POST /api/v1/admin/portals/{portalId}/revisions/{number}/restore` (may be empty). */
export const restoreRequestShape = z.strictObject({
  expectedVersion: z.number().int().min(1).optional().meta({
    description: 'The draft version being replaced (also accepted as If-Match).',
  }),
});

/** `?archived=` of `GET /api/v1/admin/portals`. */
export const ARCHIVED_FILTERS = ['exclude', 'include', 'only'] as const;
