export * from './portal.js';
export * from './categories.js';
export * from './errors.js';
export * from './canonical-json.js';
export * from './sha256.js';
export * from './revision.js';
