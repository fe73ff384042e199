import {
  LocalizedError,
  toPortalFile,
  ValidationError,
  type FieldError,
  type PortalDiff,
  type PortalFile,
  type Principal,
} from '@galette/core';
import type { RequestMeta } from '../../accounts/request-meta.js';
import type { PortalService } from '../../portals/portal-service.js';

/** Someone saved the draft since the form was shown: who, when, and what differs. */
export interface EditorConflict {
  readonly message: string;
  readonly savedAt: string;
  readonly savedBy?: string;
  /** What this save would change in the draft as it is now (from it to what was sent). */
  readonly diff?: PortalDiff;
  /** The version to send again to overwrite knowingly. */
  readonly currentVersion: number;
}

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly version: number }
  /** The portal file's own errors: paths like `declarations[2].purpose.en`. */
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[]; readonly file: PortalFile }
  | { readonly kind: 'conflict'; readonly conflict: EditorConflict }
  /** Refused for another reason the operator can read (an archived portal). */
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Applies one section of the editor to the draft and saves it through the portal service:
 * the current draft as a portal file, `apply` (the section's form → file transformation), then
 * `saveDraft` with the version the form was shown with, which validates with the portal file's
 * own validator, audits the save and refuses a stale version. Errors of the service that are
 * not the operator's (forbidden, not found) go on to the caller.
 */
export async function saveSection(
  portals: PortalService,
  principal: Principal,
  portalId: string,
  expectedVersion: number | undefined,
  apply: (file: PortalFile) => PortalFile,
  lang: string,
  meta: RequestMeta,
): Promise<SaveOutcome> {
  const draft = await portals.getDraft(principal, portalId);
  const file = apply(toPortalFile(draft.content));
  try {
    // No version sent: the form is not one of the editor's; treat it as stale.
    const saved = await portals.saveDraft(
      principal,
      portalId,
      file,
      { expectedVersion: expectedVersion ?? 0 },
      meta,
    );
    return { kind: 'saved', version: saved.version };
  } catch (error) {
    if (error instanceof ValidationError) return { kind: 'invalid', errors: error.errors, file };
    const conflict = draftConflictOf(error, lang);
    if (conflict) return { kind: 'conflict', conflict };
    // Another conflict: an archived portal's draft takes no change.
    if (error instanceof LocalizedError && error.code === 'conflict') {
      return { kind: 'refused', message: error.localize(lang) };
    }
    throw error;
  }
}

/**
 * The conflict a save of the draft (`saveDraft`, `importDraft`) was refused with because the
 * draft was saved since the version sent: who, when, what the save would change in the draft
 * as it is now, and the version to send again. Undefined for any other error. Every console
 * page that saves the draft reads its conflicts through this.
 */
export function draftConflictOf(error: unknown, lang: string): EditorConflict | undefined {
  if (!(error instanceof LocalizedError) || error.code !== 'conflict') return undefined;
  if (error.details?.reason !== 'draft_version') return undefined;
  const details = error.details as {
    currentVersion: number;
    savedAt: string;
    savedBy?: string;
    diff?: PortalDiff;
  };
  return {
    message: error.localize(lang),
    savedAt: details.savedAt,
    currentVersion: details.currentVersion,
    ...(details.savedBy === undefined ? {} : { savedBy: details.savedBy }),
    ...(details.diff === undefined ? {} : { diff: details.diff }),
  };
}
