export const SCANNER_VERSION = '0.1.0';
