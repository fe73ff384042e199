// The scanner: drives Chromium over a portal in consent scenarios, observes, classifies and
// checks what it sets against the portal's published declarations (issue 15).
export * from './scan-result.js';
export {
  runScan,
  DEFAULT_SCENARIOS,
  ScanOptionsError,
  type ScanOptions,
  type ScanProgress,
  type ScanOutput,
} from './run-scan.js';
export { SCANNER_VERSION } from './version.js';
export type { BrowserSettings } from './browser/launch-profile.js';
export type { CookieKnowledge } from './classify/cookie-knowledge.js';
export { galetteCategory } from './classify/cookie-knowledge.js';
export { cookieDatabaseKnowledge } from './classify/cookie-database-knowledge.js';
export { MAIN_SCENARIOS, SCENARIO_WORDS } from './scenarios/scenario-spec.js';
export { LIFETIME_TOLERANCE, MAX_CONSENT_MONTHS } from './findings/find-issues.js';
export { renderScanHtml, type ScanHtmlOptions } from './report/render-scan-html.js';
export { renderScanMarkdown } from './report/render-scan-markdown.js';
export {
  buildManifest,
  manifestBytes,
  verifyManifest,
  sha256Hex,
  MANIFEST_FORMAT,
  type EvidenceManifest,
} from './report/evidence-manifest.js';
export { writeEvidence, type WrittenEvidence } from './report/write-evidence.js';
export { draftPortalFile, REVIEW_CATEGORY } from './report/draft-portal-file.js';
