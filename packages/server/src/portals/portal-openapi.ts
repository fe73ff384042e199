import { portalFileSchema } from '@galette/core';

/**
 * The portal file's components in `/api/openapi.json` (core's zod definition, as JSON Schema) and
 * the embeddable charter documents' entries. The portal management routes are defined, and so
 * documented, in `portal-api.ts`.
 */
type Schema = Record<string, unknown>;

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

export const PORTAL_SCHEMAS: Record<string, Schema> = portalFileComponents();

const param = (name: string, description: string, where = 'path'): Schema => ({
  name,
  in: where,
  ...(where === 'path' ? { required: true } : {}),
  description,
  schema: { type: 'string' },
});
const PORTAL = param('portalId', 'The portal host name, e.g. opendata.paris.fr.');

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
};
