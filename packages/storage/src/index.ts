export type * from './store.js';
export type {
  Database,
  DatabaseHandle,
  DatabaseKind,
  DatabaseOptions,
  DeclarationsTable,
  DialectCapabilities,
  PortalCategoriesTable,
  PortalsTable,
  PortalTextsTable,
  RevisionsTable,
} from './database.js';
export { openDatabase } from './database.js';
export {
  isDatabaseUrl,
  parseDatabaseUrl,
  redactPassword,
  type DatabaseLocation,
} from './database-url.js';
export {
  openSqliteDatabase,
  sqliteConnectionOf,
  sqliteDatabaseHandle,
  SQLITE_CAPABILITIES,
  type SqliteDriverDatabase,
} from './sqlite-database.js';
export {
  openPostgresDatabase,
  postgresDatabaseHandle,
  POSTGRES_CAPABILITIES,
  type PostgresDriverPool,
  type PostgresTimeouts,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_QUERY_TIMEOUT_MS,
} from './postgres-database.js';
export { migrateDatabase, MIGRATION_TABLE, MIGRATION_LOCK_TABLE } from './migrate.js';
export { MIGRATIONS, type NamedMigration } from './migrations/index.js';
export { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
export { SqliteStore } from './sqlite-store.js';
export { PostgresStore } from './postgres-store.js';
export { openStore } from './open-store.js';
export { nodeSha256Hex } from './node-sha256-hex.js';
export type * from './accounts/account-store.js';
export type * from './accounts/account-tables.js';
export { KyselyAccountStore } from './accounts/kysely-account-store.js';
export type * from './consent/consent-log.js';
export type * from './consent/consent-tables.js';
export {
  KyselyConsentLog,
  openConsentLog,
  type ConsentLogOptions,
} from './consent/kysely-consent-log.js';
export type * from './scans/scan-jobs.js';
export type * from './scans/scan-tables.js';
export { KyselyScanJobs, openScanJobs } from './scans/kysely-scan-jobs.js';
