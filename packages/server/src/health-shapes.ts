import { z } from '@hono/zod-openapi';

/** What `/healthz` reports of the database: `ok` when it answers and takes writes. */
export const DATABASE_STATES = ['ok', 'unreachable', 'timeout', 'read_only'] as const;

/** The body of `GET /healthz`. */
export const healthShape = z
  .strictObject({
    status: z.enum(['ok', 'unavailable']),
    store: z.string().meta({ description: 'sqlite or postgres.' }),
    version: z.string(),
    database: z.enum(DATABASE_STATES).meta({
      description:
        'ok: answers and takes writes; unreachable: refused, lost or not accepting connections; timeout: no answer within the probe timeout (800 ms); read_only: answers but refuses writes (a standby, a demoted primary).',
    }),
    reason: z
      .string()
      .meta({
        description: 'Why the node cannot store consents, in the request’s language (fr, en).',
      })
      .optional(),
  })
  .openapi('Health');
export type HealthBody = z.infer<typeof healthShape>;

/** The body of `GET /livez` (and `/healthz?live`). */
export const livenessShape = z
  .strictObject({ status: z.literal('ok'), version: z.string() })
  .openapi('Liveness');
export type LivenessBody = z.infer<typeof livenessShape>;
