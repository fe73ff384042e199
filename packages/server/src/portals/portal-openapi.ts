import { COMPLIANCE_RULES, jsonSchemaOf, portalFileSchema } from '@galette/core';
import { publishRequestShape, restoreRequestShape } from './portal-shapes.js';

/**
 * The portal management routes' entries in `/api/openapi.json` (merged by `openapi.ts`). Request
 * bodies come from their zod shapes (`jsonSchemaOf`) and the portal file from core's schema.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const text = (description: string): Schema => ({ type: 'string', description });
const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
  type: 'object',
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
});
const int = { type: 'integer', minimum: 0 } as const;
const instant = { type: 'string', format: 'date-time' } as const;

/** Core's portal file schema with its `$defs` moved beside it as components. */
function portalFileComponents(): Record<string, Schema> {
  const retarget = (schema: unknown): unknown =>
    JSON.parse(
      JSON.stringify(schema).replace(
        /"#\/\$defs\/(\w+)"/g,
        (_, name: string) => `"#/components/schemas/PortalFile_${name}"`,
      ),
    );
  const {
    $schema: _schema,
    $defs,
    ...file
  } = portalFileSchema as Schema & {
    $defs: Record<string, Schema>;
  };
  const out: Record<string, Schema> = { PortalFile: retarget(file) as Schema };
  for (const [name, def] of Object.entries($defs)) {
    out[`PortalFile_${name}`] = retarget(def) as Schema;
  }
  return out;
}

const valueChange = object({ path: text('Leaf path, e.g. purpose.fr.'), from: {}, to: {} }, [
  'from',
  'to',
]);
const finding = object({
  id: text('rule@path: what to acknowledge.'),
  rule: { enum: Object.keys(COMPLIANCE_RULES) },
  severity: { enum: ['error', 'warning'] },
  path: text('Where in the content, e.g. declarations[2].lifetime.'),
  params: { type: 'object' },
  message: object({ fr: { type: 'string' }, en: { type: 'string' } }),
});
const presence = object({
  key: text('storage|domain|name: how declarations are matched across versions.'),
  index: int,
  declaration: ref('PortalFile_declaration'),
});

export const PORTAL_SCHEMAS: Record<string, Schema> = {
  ...portalFileComponents(),
  PublishRequest: jsonSchemaOf(publishRequestShape, { root: false }),
  RestoreRequest: jsonSchemaOf(restoreRequestShape, { root: false }),
  DraftInfo: object(
    {
      portalId: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      etag: text('"draft-<version>": send it as If-Match to save.'),
      savedAt: instant,
      savedBy: text('Who saved last (email, token name, cli).'),
      archivedAt: instant,
    },
    ['savedBy', 'archivedAt'],
  ),
  PortalList: object({
    portals: {
      type: 'array',
      items: object(
        {
          id: { type: 'string' },
          name: { type: 'string' },
          url: { type: 'string' },
          publishedRevision: { type: 'integer', minimum: 1 },
          publishedHash: { type: 'string' },
          hasUnpublishedChanges: { type: 'boolean' },
          updatedAt: instant,
          archivedAt: instant,
        },
        ['publishedRevision', 'publishedHash', 'archivedAt'],
      ),
    },
  }),
  RevisionList: object({
    portalId: { type: 'string' },
    revisions: {
      type: 'array',
      description: 'Newest first.',
      items: object(
        {
          portalId: { type: 'string' },
          number: { type: 'integer', minimum: 1 },
          hash: { type: 'string' },
          publishedAt: instant,
          publishedBy: { type: 'string' },
          note: { type: 'string' },
          declarations: int,
          categories: int,
        },
        ['publishedBy', 'note'],
      ),
    },
  }),
  PortalDiff: object({
    identical: { type: 'boolean' },
    impact: object({
      reasked: {
        type: 'array',
        items: object({ id: { type: 'string' }, reason: { enum: ['added', 'changed'] } }),
      },
      summary: {
        ...object({ fr: { type: 'string' }, en: { type: 'string' } }),
        description: 'Which categories visitors will be asked about again, as one sentence.',
      },
    }),
    settings: { type: 'array', items: valueChange },
    declarations: object({
      added: { type: 'array', items: presence },
      removed: { type: 'array', items: presence },
      changed: {
        type: 'array',
        items: object({
          key: { type: 'string' },
          fromIndex: int,
          toIndex: int,
          name: { type: 'string' },
          changes: { type: 'array', items: valueChange },
        }),
      },
      reordered: { type: 'boolean' },
    }),
    categories: object({
      added: { type: 'array', items: ref('PortalFile_category') },
      removed: { type: 'array', items: ref('PortalFile_category') },
      changed: {
        type: 'array',
        items: object({ id: { type: 'string' }, changes: { type: 'array', items: valueChange } }),
      },
    }),
    texts: {
      type: 'array',
      items: object({
        section: { type: 'string' },
        lang: { type: 'string' },
        status: { enum: ['added', 'removed', 'changed'] },
        words: {
          type: 'array',
          description: 'Word-level: same + removed give the old text, same + added the new one.',
          items: object({ op: { enum: ['same', 'removed', 'added'] }, text: { type: 'string' } }),
        },
      }),
    },
    widget: { type: 'array', items: valueChange },
  }),
  VersionDiff: {
    allOf: [
      ref('PortalDiff'),
      object(
        {
          portalId: { type: 'string' },
          from: { oneOf: [{ enum: ['draft', 'published'] }, { type: 'integer', minimum: 1 }] },
          to: { oneOf: [{ enum: ['draft', 'published'] }, { type: 'integer', minimum: 1 }] },
          fromRevision: { type: 'integer', minimum: 1 },
          toRevision: { type: 'integer', minimum: 1 },
        },
        ['fromRevision', 'toRevision'],
      ),
    ],
  },
  PublicationReview: object(
    {
      portalId: { type: 'string' },
      draftVersion: { type: 'integer', minimum: 1 },
      published: object({ number: { type: 'integer', minimum: 1 }, hash: { type: 'string' } }),
      findings: { type: 'array', items: finding },
      blocked: { type: 'boolean', description: 'Error findings exist: publishing is refused.' },
      warnings: { type: 'array', items: text('Id of a warning to acknowledge.') },
      diff: ref('PortalDiff'),
    },
    ['published'],
  ),
  PublicationResult: object({
    published: { type: 'boolean', description: 'False: the draft was already the latest.' },
    revision: object(
      {
        portalId: { type: 'string' },
        number: { type: 'integer', minimum: 1 },
        hash: { type: 'string' },
        publishedAt: instant,
        publishedBy: { type: 'string' },
        note: { type: 'string' },
      },
      ['publishedBy', 'note'],
    ),
    acknowledged: { type: 'array', items: { type: 'string' } },
    diff: ref('PortalDiff'),
  }),
  ArchiveState: object({ portalId: { type: 'string' }, archived: { type: 'boolean' } }),
};

const SECURITY = [{ apiToken: [] }, { session: [] }];
const param = (
  name: string,
  description: string,
  where = 'path',
  schema: Schema = { type: 'string' },
): Schema => ({
  name,
  in: where,
  ...(where === 'path' ? { required: true } : {}),
  description,
  schema,
});
const PORTAL = param('portalId', 'The portal host name, e.g. opendata.paris.fr.');
const NUMBER = param('number', 'Revision number, 1 for the first.', 'path', {
  type: 'integer',
  minimum: 1,
});
const IF_MATCH = param(
  'If-Match',
  'The draft ETag ("draft-3") the change was made on; 409 when the draft moved since.',
  'header',
);
const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const jsonBody = (schema: Schema, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});
const DRAFT_HEADERS = { ETag: { schema: { type: 'string' } } };

/** The answers every route shares: who may call it, and what goes wrong for everyone. */
const common = {
  401: error('No valid API token or session.'),
  403: error('The token or user may not do this on this portal (whether it exists or not).'),
  429: error('Too many wrong tokens from this client (10, then one per 10 s); see Retry-After.'),
  503: error('The database does not answer; retry.'),
};
const NOT_FOUND = error('Unknown portal (administrators only; others get 403), or revision.');

const operation = (
  summary: string,
  permission: string,
  more: Record<string, unknown>,
  responses: Record<string, unknown>,
) => ({
  summary,
  security: SECURITY,
  'x-galette-permission': permission,
  ...more,
  responses: { ...responses, ...common },
});

const embedDocument = (summary: string, description: string) => ({
  get: {
    summary,
    description,
    parameters: [
      PORTAL,
      param('lang', 'Language; else the galette_lang cookie, then Accept-Language.', 'query'),
    ],
    responses: {
      200: {
        description: 'Compressed as Accept-Encoding allows; ETag and Cache-Control set.',
        content: { 'text/html': { schema: { type: 'string' } } },
      },
      304: { description: 'If-None-Match names the current ETag.' },
      404: { description: 'No published revision for this portal.' },
      410: { description: 'The portal is archived.' },
    },
  },
});

export const PORTAL_PATHS: Record<string, unknown> = {
  '/p/{portalId}/charte-cookies.fragment.html': embedDocument(
    'The published charter as an HTML fragment, for a portal’s own page',
    'One <section class="galette-charter"> with headings, texts, tables and the version note; no document, script or style. Access-Control-Allow-Origin: *.',
  ),
  '/p/{portalId}/charte-cookies/embed': embedDocument(
    'The published charter page for an iframe on the portal',
    'Content-Security-Policy frame-ancestors lists the portal’s declared origins only.',
  ),
  '/api/v1/admin/portals': {
    get: operation(
      'Portals the caller may view',
      'signed-in',
      {
        parameters: [
          param('archived', 'exclude (default), include or only.', 'query', {
            enum: ['exclude', 'include', 'only'],
          }),
        ],
      },
      { 200: json(ref('PortalList'), 'Ordered by id.'), 400: error('Bad archived value.') },
    ),
    post: operation(
      'Create a portal from a portal file (draft version 1, nothing published)',
      'portals.create',
      { requestBody: jsonBody(ref('PortalFile')) },
      {
        201: { ...json(ref('DraftInfo'), 'Created.'), headers: DRAFT_HEADERS },
        400: error('The portal file is invalid: every field named (fields[].path).'),
        409: error('A portal with this id exists (possibly archived).'),
        413: error('Body over the admin API limit (2 MiB by default).'),
        415: error('Content-Type other than application/json.'),
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}': {
    delete: operation(
      'Delete a portal that holds no consent proof (archive it otherwise)',
      'portals.delete',
      { parameters: [PORTAL] },
      { 204: { description: 'Deleted.' }, 404: NOT_FOUND, 409: error('It holds consent proofs.') },
    ),
  },
  '/api/v1/admin/portals/{portalId}/archive': {
    post: operation(
      'Archive a portal: its public pages answer 410, its proofs stay verifiable',
      'portals.archive',
      { parameters: [PORTAL] },
      { 200: json(ref('ArchiveState'), 'Archived (or already was).'), 404: NOT_FOUND },
    ),
  },
  '/api/v1/admin/portals/{portalId}/restore': {
    post: operation(
      'Bring an archived portal back',
      'portals.archive',
      { parameters: [PORTAL] },
      { 200: json(ref('ArchiveState'), 'Active (or already was).'), 404: NOT_FOUND },
    ),
  },
  '/api/v1/admin/portals/{portalId}/draft': {
    get: operation(
      'The draft as a portal file',
      'draft.read@{portalId}',
      { parameters: [PORTAL] },
      {
        200: {
          ...json(ref('PortalFile'), 'The draft; ETag "draft-<version>".'),
          headers: DRAFT_HEADERS,
        },
        304: { description: 'If-None-Match names the current version.' },
        404: NOT_FOUND,
      },
    ),
    put: operation(
      'Replace the draft (validated as a portal file); If-Match for optimistic concurrency',
      'draft.edit@{portalId}',
      { parameters: [PORTAL, IF_MATCH], requestBody: jsonBody(ref('PortalFile')) },
      {
        200: { ...json(ref('DraftInfo'), 'Saved; the new ETag.'), headers: DRAFT_HEADERS },
        400: error('Invalid portal file, id other than the portal’s, or bad If-Match.'),
        404: NOT_FOUND,
        409: error(
          'The draft was saved since the If-Match version (details: currentVersion, etag, savedBy, savedAt, diff from what was sent to what is saved), or the portal is archived. Nothing was written.',
        ),
        413: error('Body over the admin API limit (2 MiB by default).'),
        415: error('Content-Type other than application/json.'),
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/publish': {
    get: operation(
      'What publishing the draft would do: compliance findings, warnings to acknowledge, diff',
      'revision.publish@{portalId}',
      { parameters: [PORTAL] },
      { 200: json(ref('PublicationReview'), 'The review.'), 404: NOT_FOUND },
    ),
    post: operation(
      'Publish the draft through the compliance gate',
      'revision.publish@{portalId}',
      { parameters: [PORTAL, IF_MATCH], requestBody: jsonBody(ref('PublishRequest')) },
      {
        201: json(ref('PublicationResult'), 'Published as a new revision.'),
        200: json(ref('PublicationResult'), 'The draft already was the latest revision.'),
        400: error('A field is invalid (unknown fields refused).'),
        404: NOT_FOUND,
        409: error('The draft moved since the version reviewed, or the portal is archived.'),
        422: error(
          'Refused by the gate: details.reason blocked (details.findings: error findings) or unacknowledged (details.unacknowledged).',
        ),
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/revisions': {
    get: operation(
      'Revision history: number, date, author, note, hash, counts',
      'revisions.read@{portalId}',
      { parameters: [PORTAL] },
      { 200: json(ref('RevisionList'), 'Newest first.'), 404: NOT_FOUND },
    ),
  },
  '/api/v1/admin/portals/{portalId}/revisions/{number}': {
    get: operation(
      'A published revision as a portal file',
      'revisions.read@{portalId}',
      { parameters: [PORTAL, NUMBER] },
      {
        200: json(ref('PortalFile'), 'The revision; ETag its hash.'),
        400: error('Not a revision number.'),
        404: NOT_FOUND,
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/revisions/{number}/restore': {
    post: operation(
      'Copy a revision into the draft',
      'draft.edit@{portalId}',
      {
        parameters: [PORTAL, NUMBER, IF_MATCH],
        requestBody: jsonBody(ref('RestoreRequest'), false),
      },
      {
        200: {
          ...json(ref('DraftInfo'), 'The draft now holds the revision.'),
          headers: DRAFT_HEADERS,
        },
        400: error('Not a revision number, or a bad field.'),
        404: NOT_FOUND,
        409: error('The draft moved since the version given, or the portal is archived.'),
      },
    ),
  },
  '/api/v1/admin/portals/{portalId}/diff': {
    get: operation(
      'Diff between two versions: draft, published or a revision number',
      'revisions.read@{portalId}',
      {
        description:
          'Reading the draft also needs draft.read (editors, admins). Declarations are matched by storage, domain and name.',
        parameters: [
          PORTAL,
          param('from', 'draft, published (default) or a revision number.', 'query'),
          param(
            'to',
            'draft (default; published for callers who may not read the draft), published or a revision number.',
            'query',
          ),
        ],
      },
      {
        200: json(ref('VersionDiff'), 'The diff, visitor impact first.'),
        400: error('from or to names no version.'),
        404: NOT_FOUND,
      },
    ),
  },
};
