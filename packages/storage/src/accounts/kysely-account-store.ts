import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, type Grant, type Role } from '@galette/core';
import type { Kysely, Updateable } from 'kysely';
import type { Database, DatabaseHandle } from '../database.js';
import { storageFailure } from '../storage-failure.js';
import type { UsersTable } from './account-tables.js';
import {
  ADMIN_SCOPE,
  emailKey,
  grantFromRow,
  isUniqueViolation,
  linkFromRow,
  sessionFromRow,
  sessionToRow,
  tokenFromRow,
  userFromRow,
} from './account-rows.js';
import type {
  AccountStore,
  ApiTokenRecord,
  AuditEntry,
  AuditPage,
  AuditQuery,
  NewApiToken,
  NewAuditEntry,
  NewUser,
  PasswordLinkRecord,
  SessionRecord,
  ThrottleState,
  UserPatch,
  UserRecord,
  UserSecrets,
} from './account-store.js';
import { appendAuditEntry, queryAuditLog } from './audit-queries.js';

type Queryable = Kysely<Database>;

/** The `AccountStore` on the store's own database handle, any dialect Kysely speaks. */
export class KyselyAccountStore implements AccountStore {
  readonly #database: DatabaseHandle;
  readonly #now: () => Date;

  constructor(database: DatabaseHandle, options: { readonly now?: () => Date } = {}) {
    this.#database = database;
    this.#now = options.now ?? (() => new Date());
  }

  get #db(): Queryable {
    return this.#database.db;
  }

  createUser(input: NewUser): Promise<UserRecord> {
    return this.#run('createUser', async () => {
      const email = input.email.trim();
      const row: UsersTable = {
        id: randomUUID(),
        email,
        email_key: emailKey(email),
        display_name: input.displayName,
        language: input.language,
        active: 1,
        created_at: (input.at ?? this.#now()).toISOString(),
        last_sign_in_at: null,
        password_hash: input.passwordHash ?? null,
        password_changed_at:
          input.passwordHash === undefined ? null : (input.at ?? this.#now()).toISOString(),
        oidc_issuer: input.oidc?.issuer ?? null,
        oidc_subject: input.oidc?.subject ?? null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
      };
      try {
        await this.#db.insertInto('users').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(`a user with the email "${email}" already exists`);
        }
        throw error;
      }
      return userFromRow(row, []);
    });
  }

  getUser(id: string): Promise<UserRecord | undefined> {
    return this.#run('getUser', () => this.#userWhere('id', id));
  }

  findUserByEmail(email: string): Promise<UserRecord | undefined> {
    return this.#run('findUserByEmail', () => this.#userWhere('email_key', emailKey(email)));
  }

  findUserByOidc(issuer: string, subject: string): Promise<UserRecord | undefined> {
    return this.#run('findUserByOidc', async () => {
      const row = await this.#db
        .selectFrom('users')
        .select('id')
        .where('oidc_issuer', '=', issuer)
        .where('oidc_subject', '=', subject)
        .executeTakeFirst();
      return row === undefined ? undefined : this.#userWhere('id', row.id);
    });
  }

  listUsers(): Promise<UserRecord[]> {
    return this.#run('listUsers', async () => {
      const rows = await this.#db.selectFrom('users').selectAll().execute();
      const grants = await this.#db.selectFrom('role_grants').selectAll().execute();
      const byUser = new Map<string, Grant[]>();
      for (const row of grants) {
        const grant = grantFromRow(row);
        if (grant === undefined) continue;
        const list = byUser.get(row.user_id) ?? [];
        list.push(grant);
        byUser.set(row.user_id, list);
      }
      rows.sort((a, b) => (a.email_key < b.email_key ? -1 : a.email_key > b.email_key ? 1 : 0));
      return rows.map((row) => userFromRow(row, byUser.get(row.id) ?? []));
    });
  }

  countUsers(): Promise<number> {
    return this.#run('countUsers', async () => {
      const row = await this.#db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | bigint | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  updateUser(id: string, patch: UserPatch): Promise<UserRecord> {
    return this.#run('updateUser', async () => {
      const at = (patch.at ?? this.#now()).toISOString();
      const set: Updateable<UsersTable> = {};
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.language !== undefined) set.language = patch.language;
      if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
      if (patch.passwordHash !== undefined) {
        set.password_hash = patch.passwordHash;
        set.password_changed_at = patch.passwordHash === null ? null : at;
      }
      if (patch.lastSignInAt !== undefined) set.last_sign_in_at = patch.lastSignInAt.toISOString();
      if (patch.oidc !== undefined) {
        set.oidc_issuer = patch.oidc?.issuer ?? null;
        set.oidc_subject = patch.oidc?.subject ?? null;
      }
      if (patch.totpSecret !== undefined) set.totp_secret = patch.totpSecret;
      if (patch.totpEnabledAt !== undefined) {
        set.totp_enabled_at = patch.totpEnabledAt?.toISOString() ?? null;
      }
      if (Object.keys(set).length > 0) {
        try {
          await this.#db.updateTable('users').set(set).where('id', '=', id).execute();
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new ConflictError('this single sign-on identity belongs to another user');
          }
          throw error;
        }
      }
      const user = await this.#userWhere('id', id);
      if (user === undefined) throw new NotFoundError(`user "${id}" does not exist`);
      return user;
    });
  }

  claimTotpStep(userId: string, step: number): Promise<boolean> {
    return this.#run('claimTotpStep', async () => {
      // One conditional update: two nodes checking the same code at once cannot both win.
      const result = await this.#db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  userSecrets(id: string): Promise<UserSecrets | undefined> {
    return this.#run('userSecrets', async () => {
      const row = await this.#db
        .selectFrom('users')
        .select(['password_hash', 'totp_secret'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        ...(row.password_hash === null ? {} : { passwordHash: row.password_hash }),
        ...(row.totp_secret === null ? {} : { totpSecret: row.totp_secret }),
      };
    });
  }

  grant(userId: string, grant: Grant, options: { at?: Date; by?: string } = {}): Promise<void> {
    return this.#run('grant', async () => {
      const portalId = grant.role === 'admin' ? ADMIN_SCOPE : grant.portalId;
      const row = {
        user_id: userId,
        portal_id: portalId,
        role: grant.role,
        granted_at: (options.at ?? this.#now()).toISOString(),
        granted_by: options.by ?? null,
      };
      await this.#db.transaction().execute(async (trx) => {
        const user = await trx
          .selectFrom('users')
          .select('id')
          .where('id', '=', userId)
          .executeTakeFirst();
        if (user === undefined) throw new NotFoundError(`user "${userId}" does not exist`);
        await trx
          .insertInto('role_grants')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['user_id', 'portal_id']).doUpdateSet({
              role: row.role,
              granted_at: row.granted_at,
              granted_by: row.granted_by,
            }),
          )
          .execute();
      });
    });
  }

  revoke(userId: string, portalId: string | undefined, role?: Role): Promise<boolean> {
    return this.#run('revoke', async () => {
      let query = this.#db
        .deleteFrom('role_grants')
        .where('user_id', '=', userId)
        .where('portal_id', '=', portalId ?? ADMIN_SCOPE);
      if (role !== undefined) query = query.where('role', '=', role);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.#run('createSession', async () => {
      await this.#db.insertInto('sessions').values(sessionToRow(session)).execute();
    });
  }

  getSession(idHash: string): Promise<SessionRecord | undefined> {
    return this.#run('getSession', async () => {
      const row = await this.#db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row === undefined ? undefined : sessionFromRow(row);
    });
  }

  touchSession(idHash: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void> {
    return this.#run('touchSession', async () => {
      await this.#db
        .updateTable('sessions')
        .set({
          last_seen_at: lastSeenAt.toISOString(),
          idle_expires_at: idleExpiresAt.toISOString(),
        })
        .where('id_hash', '=', idHash)
        .execute();
    });
  }

  deleteSession(idHash: string): Promise<boolean> {
    return this.#run('deleteSession', async () => {
      const result = await this.#db
        .deleteFrom('sessions')
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  deleteUserSessions(userId: string, options: { except?: string } = {}): Promise<number> {
    return this.#run('deleteUserSessions', async () => {
      let query = this.#db.deleteFrom('sessions').where('user_id', '=', userId);
      if (options.except !== undefined) query = query.where('id_hash', '<>', options.except);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  listUserSessions(userId: string): Promise<SessionRecord[]> {
    return this.#run('listUserSessions', async () => {
      const rows = await this.#db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id_hash')
        .execute();
      return rows.map(sessionFromRow);
    });
  }

  deleteExpiredSessions(now: Date): Promise<number> {
    return this.#run('deleteExpiredSessions', async () => {
      const at = now.toISOString();
      const result = await this.#db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([eb('idle_expires_at', '<=', at), eb('absolute_expires_at', '<=', at)]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  createPasswordLink(link: PasswordLinkRecord): Promise<void> {
    return this.#run('createPasswordLink', () =>
      this.#db.transaction().execute(async (trx) => {
        if (link.userId !== undefined) {
          await trx
            .deleteFrom('password_links')
            .where('used_at', 'is', null)
            .where('user_id', '=', link.userId)
            .execute();
        }
        await trx
          .insertInto('password_links')
          .values({
            token_hash: link.tokenHash,
            user_id: link.userId ?? null,
            purpose: link.purpose,
            created_at: link.createdAt,
            expires_at: link.expiresAt,
            used_at: link.usedAt ?? null,
            created_by: link.createdBy ?? null,
          })
          .execute();
      }),
    );
  }

  findPasswordLink(tokenHash: string): Promise<PasswordLinkRecord | undefined> {
    return this.#run('findPasswordLink', async () => {
      const row = await this.#db
        .selectFrom('password_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : linkFromRow(row);
    });
  }

  consumePasswordLink(tokenHash: string, at: Date): Promise<PasswordLinkRecord | undefined> {
    return this.#run('consumePasswordLink', async () => {
      const iso = at.toISOString();
      // One statement: of two requests racing with the same link, exactly one gets the row.
      // Using a first-administrator link uses them all (each node prints its own), so that two
      // of them used at the same moment cannot both make an administrator.
      const rows = await this.#db
        .updateTable('password_links')
        .set({ used_at: iso })
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso)
        .where((eb) =>
          eb.or([
            eb('token_hash', '=', tokenHash),
            eb.and([
              eb('purpose', '=', 'first-admin'),
              eb('user_id', 'is', null),
              eb.exists(
                eb
                  .selectFrom('password_links as used')
                  .select('used.token_hash')
                  .where('used.token_hash', '=', tokenHash)
                  .where('used.purpose', '=', 'first-admin')
                  .where('used.used_at', 'is', null)
                  .where('used.expires_at', '>', iso),
              ),
            ]),
          ]),
        )
        .returningAll()
        .execute();
      const row = rows.find((r) => r.token_hash === tokenHash);
      return row === undefined ? undefined : linkFromRow(row);
    });
  }

  createToken(token: NewApiToken): Promise<ApiTokenRecord> {
    return this.#run('createToken', async () => {
      const row = {
        id: token.id,
        name: token.name,
        token_hash: token.tokenHash,
        role: token.role,
        portals: JSON.stringify(token.role === 'admin' ? [] : token.portals),
        created_at: token.createdAt,
        created_by: token.createdBy,
        expires_at: token.expiresAt ?? null,
        last_used_at: null,
        revoked_at: null,
      };
      try {
        await this.#db.insertInto('api_tokens').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(`an API token named "${token.name}" already exists`);
        }
        throw error;
      }
      return tokenFromRow(row);
    });
  }

  findTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    return this.#run('findTokenByHash', async () => {
      const row = await this.#db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : tokenFromRow(row);
    });
  }

  listTokens(options: { includeRevoked?: boolean } = {}): Promise<ApiTokenRecord[]> {
    return this.#run('listTokens', async () => {
      let query = this.#db.selectFrom('api_tokens').selectAll();
      if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
      const rows = await query.execute();
      rows.sort((a, b) =>
        a.name !== b.name
          ? a.name < b.name
            ? -1
            : 1
          : a.created_at === b.created_at
            ? 0
            : a.created_at < b.created_at
              ? 1
              : -1,
      );
      return rows.map(tokenFromRow);
    });
  }

  revokeToken(name: string, at: Date): Promise<ApiTokenRecord | undefined> {
    return this.#run('revokeToken', async () => {
      const row = await this.#db
        .updateTable('api_tokens')
        .set({ revoked_at: at.toISOString() })
        .where('name', '=', name)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : tokenFromRow(row);
    });
  }

  touchToken(id: string, at: Date): Promise<void> {
    return this.#run('touchToken', async () => {
      await this.#db
        .updateTable('api_tokens')
        .set({ last_used_at: at.toISOString() })
        .where('id', '=', id)
        .execute();
    });
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.#run('appendAudit', () => appendAuditEntry(this.#db, entry, this.#now()));
  }

  queryAudit(query: AuditQuery): Promise<AuditPage> {
    return this.#run('queryAudit', () => queryAuditLog(this.#db, query));
  }

  recordLoginFailure(key: string, at: Date, windowStart: Date): Promise<ThrottleState> {
    return this.#run('recordLoginFailure', async () => {
      const now = at.toISOString();
      const row = await this.#db
        .insertInto('login_throttle')
        .values({ key, failures: 1, first_failure_at: now, last_failure_at: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            const stale = eb('login_throttle.last_failure_at', '<', windowStart.toISOString());
            return {
              failures: eb
                .case()
                .when(stale)
                .then(1)
                .else(eb('login_throttle.failures', '+', 1))
                .end(),
              first_failure_at: eb
                .case()
                .when(stale)
                .then(now)
                .else(eb.ref('login_throttle.first_failure_at'))
                .end(),
              last_failure_at: now,
            };
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return throttleFromRow(row);
    });
  }

  loginThrottle(keys: readonly string[]): Promise<ThrottleState[]> {
    return this.#run('loginThrottle', async () => {
      if (keys.length === 0) return [];
      const rows = await this.#db
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', 'in', keys)
        .execute();
      return rows.map(throttleFromRow);
    });
  }

  claimLoginAttempt(
    key: string,
    seen: ThrottleState | undefined,
    at: Date,
    windowStart: Date,
  ): Promise<ThrottleState | undefined> {
    return this.#run('claimLoginAttempt', async () => {
      const now = at.toISOString();
      if (seen === undefined) {
        // Two first attempts at once: the insert that loses the race changes nothing.
        const row = await this.#db
          .insertInto('login_throttle')
          .values({ key, failures: 1, first_failure_at: now, last_failure_at: now })
          .onConflict((oc) => oc.column('key').doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : throttleFromRow(row);
      }
      const stale = Date.parse(seen.lastFailureAt) < windowStart.getTime();
      // Compare-and-set on what was read: only one of the attempts that read it passes.
      const row = await this.#db
        .updateTable('login_throttle')
        .set({
          failures: stale ? 1 : seen.failures + 1,
          first_failure_at: stale ? now : seen.firstFailureAt,
          last_failure_at: now,
        })
        .where('key', '=', key)
        .where('failures', '=', seen.failures)
        .where('first_failure_at', '=', seen.firstFailureAt)
        .where('last_failure_at', '=', seen.lastFailureAt)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : throttleFromRow(row);
    });
  }

  releaseLoginAttempt(key: string): Promise<void> {
    return this.#run('releaseLoginAttempt', async () => {
      await this.#db
        .updateTable('login_throttle')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('key', '=', key)
        .where('failures', '>', 0)
        .execute();
    });
  }

  clearLoginThrottle(key: string): Promise<void> {
    return this.#run('clearLoginThrottle', async () => {
      await this.#db.deleteFrom('login_throttle').where('key', '=', key).execute();
    });
  }

  async #userWhere(column: 'id' | 'email_key', value: string): Promise<UserRecord | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const grants = await this.#db
      .selectFrom('role_grants')
      .select(['role', 'portal_id'])
      .where('user_id', '=', row.id)
      .execute();
    return userFromRow(
      row,
      grants.map(grantFromRow).filter((g): g is Grant => g !== undefined),
    );
  }

  async #run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw storageFailure(`${this.#database.kind} account store: ${operation}`, error);
    }
  }
}

function throttleFromRow(row: {
  key: string;
  failures: number;
  first_failure_at: string;
  last_failure_at: string;
}): ThrottleState {
  return {
    key: row.key,
    failures: Number(row.failures),
    firstFailureAt: row.first_failure_at,
    lastFailureAt: row.last_failure_at,
  };
}
