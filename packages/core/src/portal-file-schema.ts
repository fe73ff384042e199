import { portalFileShape } from './portal-file/portal-file-shape.js';
import { jsonSchemaOf } from './shape/json-schema-of.js';

/**
 * JSON Schema (draft 2020-12) of the portal file, for editors and other tools, made from its zod
 * definition; also shipped as `packages/core/schema/portal.schema.json`. It states shapes,
 * patterns and caps; the rules that relate fields to each other (known categories, default
 * language present, url host = id, duplicate names) are checked by `parsePortalFile` only.
 */
export const portalFileSchema = jsonSchemaOf(portalFileShape());
