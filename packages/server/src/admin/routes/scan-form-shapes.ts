import { shapeError } from '@galette/core';
import { z } from '@hono/zod-openapi';
import { MAX_SCAN_PAGES } from '../../scans/scan-request.js';
import { seenVersion } from '../editor/editor-form-shapes.js';
import { SCAN_PERIODS, SCAN_SCENARIO_SETS } from '../pages/scan-list-page.js';

/*
 * The scans pages' forms as posted. A choice the form does not offer says so as the console
 * always has (`not_offered`); whether the start address is one of the portal's own sites is
 * the route's check, for it depends on the portal.
 */

const offered = shapeError('not_offered');

/** « Lancer une analyse » (`POST /admin/portals/{id}/scans`). */
export const startScanFormShape = z.strictObject({
  url: z.string().max(2000).default(''),
  pages: z
    .string()
    .default('20')
    .refine((v) => /^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_SCAN_PAGES, offered)
    .transform(Number),
  scenarios: z.enum(SCAN_SCENARIO_SETS, offered).default('all'),
});

/** The schedule (`POST /admin/portals/{id}/scans/schedule`): every n days, or never (`0`). */
export const scheduleFormShape = z.strictObject({
  every: z.enum(SCAN_PERIODS, offered).default('0'),
});

/**
 * « Ajouter au brouillon »: the draft version seen, and one finding's id or `all` (the button).
 * Whether they name a finding, and that a version was sent, is the route's check (its one
 * « nothing to add »).
 */
export const addToDraftFormShape = z.strictObject({
  version: seenVersion,
  finding: z.string().max(500).default(''),
});
