import {
  canonicalJson,
  ConflictError,
  DraftConflictError,
  NotFoundError,
  revisionHash,
  type PortalContent,
  type Revision,
} from '@galette/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccountStore } from './accounts/account-store.js';
import { KyselyAccountStore } from './accounts/kysely-account-store.js';
import { appendAuditEntry } from './accounts/audit-queries.js';
import { revisionCounts } from './revision-counts.js';
import type { Database, DatabaseHandle, DatabaseKind, RevisionsTable } from './database.js';
import { migrateDatabase } from './migrate.js';
import { storageFailure } from './storage-failure.js';
import { normalizeContent, portalFromRows, portalToRows } from './portal-rows.js';
import type {
  AuditedWrite,
  Draft,
  ListPortalsOptions,
  MigrationResult,
  PortalSummary,
  PublishOptions,
  RevisionSummary,
  SaveDraftOptions,
  Store,
} from './store.js';

export interface KyselyStoreOptions {
  /** Clock for `updatedAt` and default `publishedAt`; tests pin it. */
  readonly now?: () => Date;
}

type Queryable = Kysely<Database>;

/** The PostgreSQL notification channel of portal changes (`watchPortals`). */
export const PORTAL_CHANNEL = 'galette_portals';

/**
 * The `Store` on any SQL dialect Kysely speaks. Dialect differences come from the handle's
 * capabilities. Every writer of a portal locks the portal's row first (the upsert in
 * `savePortal`, `FOR UPDATE` in `publish`, or the database write lock where there are no row
 * locks), so concurrent writers of one portal run one after the other.
 */
export class KyselyStore implements Store {
  readonly kind: DatabaseKind;
  /** The open database, for code that adds its own tables beside the store's (consent log). */
  readonly database: DatabaseHandle;
  readonly accounts: AccountStore;
  readonly #now: () => Date;
  #closing: Promise<void> | undefined;
  readonly #watchers = new Set<() => Promise<void>>();

  constructor(database: DatabaseHandle, options: KyselyStoreOptions = {}) {
    this.database = database;
    this.kind = database.kind;
    this.#now = options.now ?? (() => new Date());
    this.accounts = new KyselyAccountStore(database, { now: this.#now });
  }

  get #db(): Queryable {
    return this.database.db;
  }

  migrate(): Promise<MigrationResult> {
    return migrateDatabase(this.database.db as Kysely<unknown>);
  }

  /** Closes the database (and stops watching it); calling it again is harmless. */
  close(): Promise<void> {
    this.#closing ??= Promise.all([...this.#watchers].map((stop) => stop())).then(() =>
      this.database.close(),
    );
    return this.#closing;
  }

  async watchPortals(
    listener: (portalId: string) => void,
  ): Promise<(() => Promise<void>) | undefined> {
    const listen = this.database.listen;
    if (listen === undefined) return undefined;
    const stopListening = await listen(PORTAL_CHANNEL, listener);
    const stop = async () => {
      this.#watchers.delete(stop);
      await stopListening();
    };
    this.#watchers.add(stop);
    return stop;
  }

  /** Tells other processes, at commit, that this portal's public state changed. */
  async #notify(trx: Queryable, portalId: string): Promise<void> {
    if (this.database.listen === undefined) return;
    await sql`select pg_notify(${PORTAL_CHANNEL}, ${portalId})`.execute(trx);
  }

  ping(): Promise<void> {
    return this.#run('ping', async () => {
      await this.#db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
    });
  }

  probe(): Promise<{ readonly writable: boolean }> {
    return this.#run('probe', async () => {
      if (!this.database.capabilities.readOnlySetting) {
        await this.#db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
        return { writable: true };
      }
      // What a new transaction would be: on when the server is a standby or set read-only.
      const { rows } = await sql<{
        ro: string;
      }>`select current_setting('transaction_read_only') as ro`.execute(this.#db);
      return { writable: rows[0]?.ro !== 'on' };
    });
  }

  listPortals(options: ListPortalsOptions = {}): Promise<PortalSummary[]> {
    return this.#run('listPortals', async () => {
      let query = this.#db
        .selectFrom('portals as p')
        .leftJoin('revisions as r', (join) =>
          join.onRef('r.portal_id', '=', 'p.id').on((eb) =>
            eb(
              'r.number',
              '=',
              eb
                .selectFrom('revisions as l')
                .select((s) => s.fn.max('l.number').as('latest'))
                .whereRef('l.portal_id', '=', 'p.id'),
            ),
          ),
        )
        .select([
          'p.id',
          'p.name',
          'p.url',
          'p.draft_hash',
          'p.updated_at',
          'p.archived_at',
          'r.number as published_number',
          'r.hash as published_hash',
          'r.published_at',
          'r.published_by',
        ]);
      if (options.archived === 'exclude') query = query.where('p.archived_at', 'is', null);
      if (options.archived === 'only') query = query.where('p.archived_at', 'is not', null);
      const rows = await query.execute();
      // Sorted here, not in SQL: PostgreSQL would order by the database's collation, which
      // varies between installations; code-unit order is the same everywhere.
      rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return rows.map((row): PortalSummary => ({
        id: row.id,
        name: row.name,
        url: row.url,
        ...(row.published_number === null ? {} : { publishedRevision: row.published_number }),
        ...(row.published_hash === null ? {} : { publishedHash: row.published_hash }),
        ...(row.published_at === null ? {} : { publishedAt: row.published_at }),
        ...(row.published_by === null ? {} : { publishedBy: row.published_by }),
        hasUnpublishedChanges: row.draft_hash !== row.published_hash,
        updatedAt: row.updated_at,
        ...(row.archived_at === null ? {} : { archivedAt: row.archived_at }),
      }));
    });
  }

  getPortal(id: string): Promise<PortalContent | undefined> {
    return this.#run(`getPortal(${id})`, () =>
      // Four statements must see one state: a snapshot, not read committed.
      this.#db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => readDraft(trx, id)),
    );
  }

  savePortal(content: PortalContent): Promise<void> {
    return this.#run(`savePortal(${content.id})`, () =>
      this.#db.transaction().execute((trx) => this.#saveDraft(trx, content)),
    );
  }

  getDraft(id: string): Promise<Draft | undefined> {
    return this.#run(`getDraft(${id})`, () =>
      this.#db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const content = await readDraft(trx, id);
          if (content === undefined) return undefined;
          const row = await trx
            .selectFrom('portals')
            .select([
              'draft_version',
              'draft_saved_at',
              'draft_saved_by',
              'updated_at',
              'archived_at',
            ])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          return draftOf(content, row);
        }),
    );
  }

  createPortal(content: PortalContent, options: SaveDraftOptions = {}): Promise<Draft> {
    return this.#run(`createPortal(${content.id})`, () =>
      this.#db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('portals')
          .select('id')
          .where('id', '=', content.id)
          .executeTakeFirst();
        if (taken) throw new ConflictError(`portal "${content.id}" already exists`);
        // A concurrent create of the same id loses on the primary key (a StorageError): the
        // check above only makes the common case readable.
        await this.#saveDraft(trx, content, options.savedBy, 'insert');
        await this.#audit(trx, options);
        return this.#readSaved(trx, content.id);
      }),
    );
  }

  saveDraft(content: PortalContent, options: SaveDraftOptions = {}): Promise<Draft> {
    return this.#run(`saveDraft(${content.id})`, () =>
      this.#db.transaction().execute(async (trx) => {
        await this.#lockForEdit(trx, content.id, options.expectedVersion);
        await this.#saveDraft(trx, content, options.savedBy);
        await this.#audit(trx, options);
        return this.#readSaved(trx, content.id);
      }),
    );
  }

  restoreRevision(
    portalId: string,
    number: number,
    options: SaveDraftOptions = {},
  ): Promise<Draft> {
    return this.#run(`restoreRevision(${portalId}, ${number})`, () =>
      this.#db.transaction().execute(async (trx) => {
        await this.#lockForEdit(trx, portalId, options.expectedVersion);
        const row = await revisionRow(trx, portalId, number);
        if (row === undefined) {
          throw new NotFoundError(`portal "${portalId}" has no revision ${number}`);
        }
        await this.#saveDraft(trx, revisionFromRow(row).content, options.savedBy);
        await this.#audit(trx, options);
        return this.#readSaved(trx, portalId);
      }),
    );
  }

  setArchived(
    portalId: string,
    archived: boolean,
    options: AuditedWrite & { readonly at?: Date } = {},
  ): Promise<boolean> {
    return this.#run(`setArchived(${portalId}, ${archived})`, () =>
      this.#db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('portals')
          .set({ archived_at: archived ? (options.at ?? this.#now()).toISOString() : null })
          .where('id', '=', portalId)
          .where('archived_at', archived ? 'is' : 'is not', null)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await this.#audit(trx, options);
        await this.#notify(trx, portalId);
        return true;
      }),
    );
  }

  deletePortal(id: string, options: AuditedWrite = {}): Promise<boolean> {
    return this.#run(`deletePortal(${id})`, () =>
      this.#db.transaction().execute(async (trx) => {
        // The portal's row first: a consent append takes it (shared) before the chain, so it
        // either ran before (and its chain is seen below) or will find no portal and refuse.
        if (this.database.capabilities.forUpdate) {
          await trx.selectFrom('portals').select('id').where('id', '=', id).forUpdate().execute();
        }
        // Consent proofs name the revision each visitor was shown: without the portal's
        // revisions, receipts and audits could no longer say what that revision said.
        const proofs = await trx
          .selectFrom('consent_chains')
          .select('portal_id')
          .where('portal_id', '=', id)
          .executeTakeFirst();
        if (proofs) {
          throw new ConflictError(
            `portal "${id}" holds consent proofs: it cannot be deleted while they are kept`,
          );
        }
        const result = await trx.deleteFrom('portals').where('id', '=', id).executeTakeFirst();
        if (result.numDeletedRows === 0n) return false;
        // Roles and tokens on the portal go with it: a portal made again with this id (for
        // someone else, maybe) must not find the old editors and tokens already let in.
        const access = await revokePortalAccess(trx, id, this.#now());
        const audit = options.audit && {
          ...options.audit,
          changes: { ...options.audit.changes, ...access },
        };
        await this.#audit(trx, audit ? { audit } : {});
        await this.#notify(trx, id);
        return true;
      }),
    );
  }

  publish(portalId: string, options: PublishOptions = {}): Promise<Revision> {
    return this.#run(`publish(${portalId})`, () =>
      this.#db.transaction().execute((trx) => this.#publishDraft(trx, portalId, options)),
    );
  }

  saveAndPublish(content: PortalContent, options: PublishOptions = {}): Promise<Revision> {
    return this.#run(`saveAndPublish(${content.id})`, () =>
      this.#db.transaction().execute(async (trx) => {
        await this.#saveDraft(trx, content);
        return this.#publishDraft(trx, content.id, options);
      }),
    );
  }

  latestRevision(portalId: string): Promise<Revision | undefined> {
    return this.#run(`latestRevision(${portalId})`, async () => {
      const row = await latestRevisionRow(this.#db, portalId);
      return row && revisionFromRow(row);
    });
  }

  getRevisionByNumber(portalId: string, number: number): Promise<Revision | undefined> {
    return this.#run(`getRevisionByNumber(${portalId}, ${number})`, async () => {
      const row = await revisionRow(this.#db, portalId, number);
      return row && revisionFromRow(row);
    });
  }

  getRevision(portalId: string, hash: string): Promise<Revision | undefined> {
    return this.#run(`getRevision(${portalId})`, async () => {
      const row = await this.#db
        .selectFrom('revisions')
        .selectAll()
        .where('portal_id', '=', portalId)
        .where('hash', '=', hash)
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && revisionFromRow(row);
    });
  }

  listRevisions(portalId: string): Promise<RevisionSummary[]> {
    return this.#run(`listRevisions(${portalId})`, async () => {
      const rows = await this.#db
        .selectFrom('revisions')
        .select([
          'portal_id',
          'number',
          'hash',
          'published_at',
          'published_by',
          'note',
          'declaration_count',
          'category_count',
        ])
        .where('portal_id', '=', portalId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map((row): RevisionSummary => ({
        portalId: row.portal_id,
        number: row.number,
        hash: row.hash,
        publishedAt: row.published_at,
        ...(row.published_by === null ? {} : { publishedBy: row.published_by }),
        ...(row.note === null ? {} : { note: row.note }),
        declarations: Number(row.declaration_count),
        categories: Number(row.category_count),
      }));
    });
  }

  /**
   * Locks the portal's row for an edit of its draft and checks that it may be edited: it exists,
   * is not archived, and is at `expectedVersion` when one is given.
   */
  async #lockForEdit(trx: Queryable, portalId: string, expectedVersion?: number): Promise<void> {
    let query = trx
      .selectFrom('portals')
      .select(['draft_version', 'archived_at'])
      .where('id', '=', portalId);
    if (this.database.capabilities.forUpdate) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`portal "${portalId}" does not exist`);
    if (row.archived_at !== null) throw new ConflictError(`portal "${portalId}" is archived`);
    const current = Number(row.draft_version);
    if (expectedVersion !== undefined && expectedVersion !== current) {
      throw new DraftConflictError(
        `the draft of "${portalId}" is at version ${current}, not ${expectedVersion}: it was saved in between`,
        current,
      );
    }
  }

  async #audit(trx: Queryable, write: AuditedWrite): Promise<void> {
    if (write.audit) await appendAuditEntry(trx, write.audit, this.#now());
  }

  async #readSaved(trx: Queryable, portalId: string): Promise<Draft> {
    const content = await readDraft(trx, portalId);
    const row = await trx
      .selectFrom('portals')
      .select(['draft_version', 'draft_saved_at', 'draft_saved_by', 'updated_at', 'archived_at'])
      .where('id', '=', portalId)
      .executeTakeFirstOrThrow();
    return draftOf(content!, row);
  }

  async #saveDraft(
    trx: Queryable,
    content: PortalContent,
    savedBy?: string,
    mode: 'upsert' | 'insert' = 'upsert',
  ): Promise<void> {
    const rows = portalToRows(content);
    // Hash what will read back, so the draft hash always matches a publish of this draft.
    const draftHash = revisionHash(portalFromRows(rows));
    const now = this.#now().toISOString();
    const saved = { draft_saved_at: now, draft_saved_by: savedBy ?? null };
    const values = {
      ...rows.portal,
      ...saved,
      draft_hash: draftHash,
      draft_version: 1,
      created_at: now,
      updated_at: now,
    };
    // The upsert comes first: it locks the portal's row before any child row is touched.
    const insert = trx.insertInto('portals').values(values);
    await (
      mode === 'insert'
        ? insert
        : insert.onConflict((oc) =>
            oc.column('id').doUpdateSet({
              ...rows.portal,
              ...saved,
              draft_version: (eb) => eb('portals.draft_version', '+', 1),
              draft_hash: draftHash,
              // Saving identical content is not a change of the draft. Decided against the locked
              // row, not an earlier read, so a concurrent save cannot make it stale.
              updated_at: (eb) =>
                eb
                  .case()
                  .when('portals.draft_hash', '=', eb.ref('excluded.draft_hash'))
                  .then(eb.ref('portals.updated_at'))
                  .else(eb.ref('excluded.updated_at'))
                  .end(),
            }),
          )
    ).execute();
    for (const table of ['portal_categories', 'declarations', 'portal_texts'] as const) {
      await trx.deleteFrom(table).where('portal_id', '=', content.id).execute();
    }
    if (rows.categories.length > 0) {
      await trx.insertInto('portal_categories').values(rows.categories).execute();
    }
    if (rows.declarations.length > 0) {
      await trx.insertInto('declarations').values(rows.declarations).execute();
    }
    if (rows.texts.length > 0) {
      await trx.insertInto('portal_texts').values(rows.texts).execute();
    }
  }

  async #publishDraft(
    trx: Queryable,
    portalId: string,
    options: PublishOptions,
  ): Promise<Revision> {
    await this.#lockForEdit(trx, portalId, options.expectedVersion);
    const content = await readDraft(trx, portalId);
    if (content === undefined) throw new NotFoundError(`portal "${portalId}" does not exist`);
    const hash = revisionHash(content);
    const latest = await latestRevisionRow(trx, portalId);
    if (latest?.hash === hash) return revisionFromRow(latest);
    const counts = revisionCounts(content);
    const row: RevisionsTable = {
      portal_id: portalId,
      number: (latest?.number ?? 0) + 1,
      hash,
      content: canonicalJson(content),
      published_at: (options.at ?? this.#now()).toISOString(),
      published_by: options.publishedBy ?? null,
      note: options.note ?? null,
      declaration_count: counts.declarations,
      category_count: counts.categories,
    };
    await trx.insertInto('revisions').values(row).execute();
    await this.#audit(trx, options);
    await this.#notify(trx, portalId);
    return revisionFromRow(row);
  }

  /** Runs a store operation; driver failures become errors naming the operation. */
  async #run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw storageFailure(`${this.kind} store: ${operation}`, error);
    }
  }
}

async function readDraft(db: Queryable, id: string): Promise<PortalContent | undefined> {
  const portal = await db.selectFrom('portals').selectAll().where('id', '=', id).executeTakeFirst();
  if (portal === undefined) return undefined;
  // One after the other: a transaction is one connection, which runs one query at a time.
  const categories = await db
    .selectFrom('portal_categories')
    .selectAll()
    .where('portal_id', '=', id)
    .execute();
  const declarations = await db
    .selectFrom('declarations')
    .selectAll()
    .where('portal_id', '=', id)
    .execute();
  const texts = await db
    .selectFrom('portal_texts')
    .selectAll()
    .where('portal_id', '=', id)
    .execute();
  return portalFromRows({ portal, categories, declarations, texts });
}

function revisionRow(
  db: Queryable,
  portalId: string,
  number: number,
): Promise<Selectable<RevisionsTable> | undefined> {
  return db
    .selectFrom('revisions')
    .selectAll()
    .where('portal_id', '=', portalId)
    .where('number', '=', number)
    .executeTakeFirst();
}

function draftOf(
  content: PortalContent,
  row: {
    draft_version: number;
    draft_saved_at: string | null;
    draft_saved_by: string | null;
    updated_at: string;
    archived_at: string | null;
  },
): Draft {
  return {
    content,
    version: Number(row.draft_version),
    savedAt: row.draft_saved_at ?? row.updated_at,
    ...(row.draft_saved_by === null ? {} : { savedBy: row.draft_saved_by }),
    ...(row.archived_at === null ? {} : { archivedAt: row.archived_at }),
  };
}

function latestRevisionRow(
  db: Queryable,
  portalId: string,
): Promise<Selectable<RevisionsTable> | undefined> {
  return db
    .selectFrom('revisions')
    .selectAll()
    .where('portal_id', '=', portalId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Content comes from the canonical JSON even right after publishing, so a revision reads the same
 * (down to key order) whichever call returned it.
 */
function revisionFromRow(row: Selectable<RevisionsTable>): Revision {
  return {
    portalId: row.portal_id,
    number: row.number,
    hash: row.hash,
    content: normalizeContent(JSON.parse(row.content) as PortalContent),
    publishedAt: row.published_at,
    ...(row.published_by === null ? {} : { publishedBy: row.published_by }),
    ...(row.note === null ? {} : { note: row.note }),
  };
}

/**
 * Deletes a portal's role grants and takes it out of API tokens' portals, revoking a token left
 * with none; what it did, for the deletion's audit entry.
 */
async function revokePortalAccess(
  trx: Queryable,
  portalId: string,
  at: Date,
): Promise<{ rolesRemoved: number; apiTokensNarrowed: string[]; apiTokensRevoked: string[] }> {
  const roles = await trx
    .deleteFrom('role_grants')
    .where('portal_id', '=', portalId)
    .executeTakeFirst();
  const narrowed: string[] = [];
  const revoked: string[] = [];
  const tokens = await trx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'portals'])
    .where('revoked_at', 'is', null)
    .execute();
  for (const token of tokens) {
    const portals = JSON.parse(token.portals) as string[];
    if (!portals.includes(portalId)) continue;
    const left = portals.filter((p) => p !== portalId);
    await trx
      .updateTable('api_tokens')
      .set({
        portals: JSON.stringify(left),
        ...(left.length === 0 ? { revoked_at: at.toISOString() } : {}),
      })
      .where('id', '=', token.id)
      .execute();
    (left.length === 0 ? revoked : narrowed).push(token.name);
  }
  return {
    rolesRemoved: Number(roles.numDeletedRows),
    apiTokensNarrowed: narrowed,
    apiTokensRevoked: revoked,
  };
}
