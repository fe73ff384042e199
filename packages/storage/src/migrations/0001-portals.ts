import { sql, type Kysely } from 'kysely';

/** Portals, their drafts (categories, declarations, texts) and published revisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portals')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('origins', 'text', (col) => col.notNull())
    .addColumn('languages', 'text', (col) => col.notNull())
    .addColumn('default_language', 'text', (col) => col.notNull())
    .addColumn('draft_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('portal_categories')
    .addColumn('portal_id', 'text', (col) =>
      col.notNull().references('portals.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('category_id', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('portal_categories_pk', ['portal_id', 'category_id'])
    .addUniqueConstraint('portal_categories_position', ['portal_id', 'position'])
    .execute();

  await db.schema
    .createTable('declarations')
    .addColumn('portal_id', 'text', (col) =>
      col.notNull().references('portals.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('service', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('lifetime', 'text')
    .addColumn('party', 'text', (col) => col.notNull())
    .addColumn('domain', 'text')
    .addColumn('storage', 'text', (col) => col.notNull())
    .addColumn('consent_exempt', 'integer')
    .addColumn('hosts', 'text')
    .addPrimaryKeyConstraint('declarations_pk', ['portal_id', 'position'])
    .addCheckConstraint('declarations_party', sql`party in ('first', 'third')`)
    .addCheckConstraint(
      'declarations_storage',
      sql`storage in ('cookie', 'localStorage', 'sessionStorage')`,
    )
    .addCheckConstraint('declarations_consent_exempt', sql`consent_exempt in (0, 1)`)
    .execute();

  await db.schema
    .createTable('portal_texts')
    .addColumn('portal_id', 'text', (col) =>
      col.notNull().references('portals.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('section', 'text', (col) => col.notNull())
    .addColumn('lang', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('portal_texts_pk', ['portal_id', 'section', 'lang'])
    .addUniqueConstraint('portal_texts_position', ['portal_id', 'position'])
    .execute();

  await db.schema
    .createTable('revisions')
    .addColumn('portal_id', 'text', (col) =>
      col.notNull().references('portals.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('published_at', 'text', (col) => col.notNull())
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('revisions_pk', ['portal_id', 'number'])
    .addCheckConstraint('revisions_number', sql`number >= 1`)
    .execute();

  await db.schema
    .createIndex('revisions_portal_hash')
    .on('revisions')
    .columns(['portal_id', 'hash'])
    .execute();
}
