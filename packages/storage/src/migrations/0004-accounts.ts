import { sql, type Kysely } from 'kysely';

/** Users, role grants, sessions, password links, API tokens, the audit log, sign-in throttling. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_sign_in_at', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addCheckConstraint('users_active', sql`active in (0, 1)`)
    .addUniqueConstraint('users_oidc', ['oidc_issuer', 'oidc_subject'])
    .execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('portal_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('granted_at', 'text', (col) => col.notNull())
    .addColumn('granted_by', 'text')
    .addPrimaryKeyConstraint('role_grants_pk', ['user_id', 'portal_id'])
    .addCheckConstraint(
      'role_grants_role',
      sql`(role = 'admin' and portal_id = '*') or (role in ('editor', 'viewer') and portal_id <> '*')`,
    )
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('idle_expires_at', 'text', (col) => col.notNull())
    .addColumn('absolute_expires_at', 'text', (col) => col.notNull())
    .addColumn('client_pseudonym', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('password_links_user')
    .on('password_links')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('portals', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('api_tokens_role', sql`role in ('admin', 'editor', 'viewer')`)
    .execute();
  // A revoked token keeps its row (the audit log names it) but frees its name.
  await db.schema
    .createIndex('api_tokens_active_name')
    .on('api_tokens')
    .column('name')
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_kind', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('client_pseudonym', 'text')
    .addColumn('portal_id', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('object', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('changes', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_portal')
    .on('audit_log')
    .columns(['portal_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_actor')
    .on('audit_log')
    .columns(['actor_id', 'id'])
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('first_failure_at', 'text', (col) => col.notNull())
    .addColumn('last_failure_at', 'text', (col) => col.notNull())
    .execute();
}
