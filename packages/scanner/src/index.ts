// The scanner: drives Chromium over a portal in consent scenarios (issue 15, in progress).
export const SCANNER_FORMAT = 'galette.scan/1';
