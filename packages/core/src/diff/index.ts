export * from './diff-portals.js';
export * from './visitor-impact.js';
export * from './word-diff.js';
