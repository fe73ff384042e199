import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../database.js';
import type { AuditEntry, AuditPage, AuditQuery, NewAuditEntry } from './account-store.js';
import { auditEntryId, auditFromRow, auditToRow } from './audit-rows.js';

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 50;

export async function appendAuditEntry(
  db: Kysely<Database>,
  entry: NewAuditEntry,
  now: Date,
): Promise<AuditEntry> {
  const at = entry.at ?? now;
  const row = auditToRow(auditEntryId(at), entry, at);
  await db.insertInto('audit_log').values(row).execute();
  return auditFromRow(row);
}

export async function queryAuditLog(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE), 0), MAX_PAGE);
  const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
  const visible = query.visiblePortals;
  if (visible !== 'all' && visible.length === 0) return { entries: [], total: 0 };

  const filtered = <O>(
    builder: SelectQueryBuilder<Database, 'audit_log', O>,
  ): SelectQueryBuilder<Database, 'audit_log', O> => {
    let q = builder;
    if (visible !== 'all') q = q.where('portal_id', 'in', visible);
    if (query.portalId !== undefined) q = q.where('portal_id', '=', query.portalId);
    if (query.actor !== undefined) {
      const actor = query.actor;
      q = q.where((eb) =>
        eb.or([
          eb('actor_id', '=', actor),
          eb(eb.fn('lower', ['actor_label']), '=', actor.toLowerCase()),
        ]),
      );
    }
    if (query.action !== undefined) {
      const action = query.action;
      // A prefix compared with substr, not LIKE: no wildcard to escape, no collation involved.
      q = action.endsWith('.')
        ? q.where((eb) =>
            eb(eb.fn('substr', ['action', eb.val(1), eb.val(action.length)]), '=', action),
          )
        : q.where('action', '=', action);
    }
    if (query.from !== undefined) q = q.where('at', '>=', query.from);
    if (query.to !== undefined) q = q.where('at', '<=', query.to);
    return q;
  };

  // The total ignores `after`: it counts every entry the filters match.
  const count = await filtered(db.selectFrom('audit_log'))
    .select((eb) => eb.fn.countAll<number | bigint | string>().as('n'))
    .executeTakeFirstOrThrow();
  const oldestFirst = query.order === 'oldest-first';
  let page = filtered(db.selectFrom('audit_log')).selectAll();
  if (query.after !== undefined) page = page.where('id', oldestFirst ? '>' : '<', query.after);
  const rows =
    limit === 0
      ? []
      : await page
          .orderBy('id', oldestFirst ? 'asc' : 'desc')
          .limit(limit)
          .offset(offset)
          .execute();
  return { entries: rows.map(auditFromRow), total: Number(count.n) };
}
