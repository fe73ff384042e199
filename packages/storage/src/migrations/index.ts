import type { Migration } from 'kysely';
import * as portals from './0001-portals.js';
import * as consents from './0002-consents.js';
import * as portalWidget from './0003-portal-widget.js';
import * as accounts from './0004-accounts.js';
import * as portalManagement from './0005-portal-management.js';
import * as bannerViews from './0006-banner-views.js';
import * as scanJobs from './0007-scan-jobs.js';
import * as totpStep from './0008-totp-step.js';
import * as statisticsByDay from './0009-statistics-by-day.js';
import * as scanArtifacts from './0010-scan-artifacts.js';
import * as scanEvidencePruned from './0011-scan-evidence-pruned.js';

export interface NamedMigration {
  /** `NNNN-name`; recorded in `galette_migration` once applied, so never rename one. */
  readonly name: string;
  readonly migration: Migration;
}

/**
 * Every migration, oldest first, for both dialects. Append new ones with the next number; the
 * order here must be the names' alphabetical order, which is the order Kysely applies them in.
 */
export const MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001-portals', migration: portals },
  { name: '0002-consents', migration: consents },
  { name: '0003-portal-widget', migration: portalWidget },
  { name: '0004-accounts', migration: accounts },
  { name: '0005-portal-management', migration: portalManagement },
  { name: '0006-banner-views', migration: bannerViews },
  { name: '0007-scan-jobs', migration: scanJobs },
  { name: '0008-totp-step', migration: totpStep },
  { name: '0009-statistics-by-day', migration: statisticsByDay },
  { name: '0010-scan-artifacts', migration: scanArtifacts },
  { name: '0011-scan-evidence-pruned', migration: scanEvidencePruned },
];
