import { COMPLIANCE_RULES } from '@galette/core';
import { z } from '@hono/zod-openapi';
import { componentRef } from '../api-routes/api-route.js';

/**
 * What the portal management routes answer, as zod shapes named for the OpenAPI components
 * (`.openapi('Name')`). The portal file itself is core's definition, referenced as `PortalFile`.
 */
const text = (description: string) => z.string().meta({ description });
const count = z.number().int().min(0);
const revisionNumber = z.number().int().min(1);
const instant = z.iso.datetime();
/** A component defined outside zod here: its JSON Schema comes from core's zod definition. */
const component = (name: string) => z.unknown().openapi(componentRef(name));

export const draftInfoShape = z
  .object({
    portalId: z.string(),
    version: revisionNumber,
    etag: text('"draft-<version>": send it as If-Match to save.'),
    savedAt: instant,
    savedBy: text('Who saved last (email, token name, cli).').optional(),
    archivedAt: instant.optional(),
  })
  .openapi('DraftInfo');

export const portalListShape = z
  .object({
    portals: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        url: z.string(),
        publishedRevision: revisionNumber.optional(),
        publishedHash: z.string().optional(),
        hasUnpublishedChanges: z.boolean(),
        updatedAt: instant,
        archivedAt: instant.optional(),
      }),
    ),
  })
  .openapi('PortalList');

export const revisionListShape = z
  .object({
    portalId: z.string(),
    revisions: z
      .array(
        z.object({
          portalId: z.string(),
          number: revisionNumber,
          hash: z.string(),
          publishedAt: instant,
          publishedBy: z.string().optional(),
          note: z.string().optional(),
          declarations: count,
          categories: count,
        }),
      )
      .meta({ description: 'Newest first.' }),
  })
  .openapi('RevisionList');

const valueChange = z.object({
  path: text('Leaf path, e.g. purpose.fr.'),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});
const presence = z.object({
  key: text('storage|domain|name: how declarations are matched across versions.'),
  index: count,
  declaration: component('PortalFile_declaration'),
});

export const portalDiffShape = z
  .object({
    identical: z.boolean(),
    impact: z.object({
      reasked: z.array(z.object({ id: z.string(), reason: z.enum(['added', 'changed']) })),
      summary: z.object({ fr: z.string(), en: z.string() }).meta({
        description: 'Which categories visitors will be asked about again, as one sentence.',
      }),
    }),
    settings: z.array(valueChange),
    declarations: z.object({
      added: z.array(presence),
      removed: z.array(presence),
      changed: z.array(
        z.object({
          key: z.string(),
          fromIndex: count,
          toIndex: count,
          name: z.string(),
          changes: z.array(valueChange),
        }),
      ),
      reordered: z.boolean(),
    }),
    categories: z.object({
      added: z.array(component('PortalFile_category')),
      removed: z.array(component('PortalFile_category')),
      changed: z.array(z.object({ id: z.string(), changes: z.array(valueChange) })),
    }),
    texts: z.array(
      z.object({
        section: z.string(),
        lang: z.string(),
        status: z.enum(['added', 'removed', 'changed']),
        words: z
          .array(z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() }))
          .meta({
            description: 'Word-level: same + removed give the old text, same + added the new one.',
          }),
      }),
    ),
    widget: z.array(valueChange),
  })
  .openapi('PortalDiff');

const versionName = z.union([z.enum(['draft', 'published']), revisionNumber]);
export const versionDiffShape = z
  .intersection(
    portalDiffShape,
    z.object({
      portalId: z.string(),
      from: versionName,
      to: versionName,
      fromRevision: revisionNumber.optional(),
      toRevision: revisionNumber.optional(),
    }),
  )
  .openapi('VersionDiff');

const finding = z.object({
  id: text('rule@path: what to acknowledge.'),
  rule: z.enum(Object.keys(COMPLIANCE_RULES) as [string, ...string[]]),
  severity: z.enum(['error', 'warning']),
  path: text('Where in the content, e.g. declarations[2].lifetime.'),
  params: z.record(z.string(), z.unknown()),
  message: z.object({ fr: z.string(), en: z.string() }),
});

export const publicationReviewShape = z
  .object({
    portalId: z.string(),
    draftVersion: revisionNumber,
    published: z.object({ number: revisionNumber, hash: z.string() }).optional(),
    findings: z.array(finding),
    blocked: z.boolean().meta({ description: 'Error findings exist: publishing is refused.' }),
    warnings: z.array(text('Id of a warning to acknowledge.')),
    diff: portalDiffShape,
  })
  .openapi('PublicationReview');

export const publicationResultShape = z
  .object({
    published: z.boolean().meta({ description: 'False: the draft was already the latest.' }),
    revision: z.object({
      portalId: z.string(),
      number: revisionNumber,
      hash: z.string(),
      publishedAt: instant,
      publishedBy: z.string().optional(),
      note: z.string().optional(),
    }),
    acknowledged: z.array(z.string()),
    diff: portalDiffShape,
  })
  .openapi('PublicationResult');

export const archiveStateShape = z
  .object({ portalId: z.string(), archived: z.boolean() })
  .openapi('ArchiveState');
