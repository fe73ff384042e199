import { z } from '@hono/zod-openapi';
import { seenVersion } from '../editor/editor-form-shapes.js';

/*
 * The forms that send a whole portal file or publish the draft. The file is checked by the
 * portal file's validator with its own paths and messages; these shapes name and bound the
 * fields and refuse any other.
 */

/**
 * A portal file pasted as text: bounded as the admin API bounds a whole file sent as JSON
 * (the console's body limit is tighter still).
 */
const file = z
  .string()
  .max(2 * 1024 * 1024)
  .default('');

/** « Nouveau portail » (`POST /admin/portals/new`). */
export const newPortalFormShape = z.strictObject({ file });

/** The import into the draft (`POST /admin/portals/{id}/import`), with the version seen. */
export const importFormShape = z.strictObject({ version: seenVersion, file });

/**
 * The publication (`POST /admin/portals/{id}/publish`): the draft version reviewed, each
 * warning acknowledged (a checkbox group), and the note (its textarea's `maxlength`).
 */
export const publishFormShape = z.strictObject({
  draftVersion: seenVersion,
  acknowledge: z.array(z.string().max(2_000)).max(10_000),
  note: z.string().max(500).default(''),
});
