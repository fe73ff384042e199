import { portalFileSchema } from '@galette/core';

/**
 * The portal file's components in `/api/openapi.json` (core's zod definition, as JSON Schema).
 * The portal management routes are defined, and so documented, in `portal-api.ts`.
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
