export * from './portal-service.js';
export * from './publication-gate.js';
export * from './version-ref.js';
