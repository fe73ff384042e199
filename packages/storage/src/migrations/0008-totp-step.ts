import type { Kysely } from 'kysely';

/**
 * The last TOTP time step a user signed in with, so that a code seen over a shoulder or in a
 * proxy's log cannot be replayed within its 30-second window (RFC 6238 §5.2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
