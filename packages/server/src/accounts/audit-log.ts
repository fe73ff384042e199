import {
  can,
  isAdmin,
  LocalizedError,
  portalsWhere,
  type Actor,
  type Principal,
} from '@galette/core';
import type {
  AccountStore,
  AuditEntry,
  AuditOutcome,
  AuditPage,
  NewAuditEntry,
} from '@galette/storage';
import type { ClientPseudonyms } from './client-pseudonyms.js';
import type { RequestMeta } from './request-meta.js';

/**
 * Nouns that, as the last word of a key (`password`, `newPassword`, `tokenHash`, `totpSecret`,
 * `apiToken`, `session_cookie`), say its value is a secret: such values never reach the log, at
 * any depth. Only the last word counts, so facts about secrets (`sessionsEnded`, `totpEnabled`)
 * stay.
 */
const SECRET_NOUNS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pass',
  'token',
  'hash',
  'secret',
  'otp',
  'totp',
  'cookie',
  'authorization',
  'sid',
]);
/** Longest `changes` JSON kept; longer ones are replaced by the list of their keys. */
export const MAX_AUDIT_CHANGES_LENGTH = 2000;

export interface AuditRecord {
  readonly actor: Actor;
  readonly portalId?: string;
  readonly action: string;
  readonly object?: string;
  readonly outcome: AuditOutcome;
  readonly changes?: Readonly<Record<string, unknown>>;
}

export interface AuditFilters {
  readonly portalId?: string;
  readonly actor?: string;
  readonly action?: string;
  /** ISO 8601 instants, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly order?: 'newest-first' | 'oldest-first';
  /** The last id of the previous page, to read everything page by page (see `AuditQuery`). */
  readonly after?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * The audit log as every caller uses it: `record` strips secrets from what changed before
 * storing it; `query` shows admins everything and others only the entries of portals where
 * they hold `audit.read`.
 */
export class AuditLog {
  readonly #store: AccountStore;
  readonly #pseudonyms: ClientPseudonyms;
  readonly #now: () => Date;

  constructor(
    store: AccountStore,
    pseudonyms: ClientPseudonyms,
    options: { readonly now?: () => Date } = {},
  ) {
    this.#store = store;
    this.#pseudonyms = pseudonyms;
    this.#now = options.now ?? (() => new Date());
  }

  /** Stores an entry; the client address in `meta` is kept only as its pseudonym. */
  record(entry: AuditRecord, meta: RequestMeta = {}): Promise<AuditEntry> {
    return this.#store.appendAudit(this.prepare(entry, meta));
  }

  /**
   * The entry `record` would store, for a store call that appends it in the same transaction as
   * the change it describes (`AuditedWrite`): then the log holds a change exactly when it happened.
   */
  prepare(entry: AuditRecord, meta: RequestMeta = {}): NewAuditEntry {
    const at = this.#now();
    const changes = entry.changes === undefined ? undefined : sanitizeChanges(entry.changes);
    const pseudonym = this.#pseudonyms.of(meta.clientAddress, at);
    return {
      at,
      actor: entry.actor,
      ...(pseudonym === undefined ? {} : { clientPseudonym: pseudonym }),
      ...(entry.portalId === undefined ? {} : { portalId: entry.portalId }),
      action: entry.action,
      ...(entry.object === undefined ? {} : { object: entry.object }),
      outcome: entry.outcome,
      ...(changes === undefined ? {} : { changes }),
    };
  }

  /** Throws `forbidden` when the reader may see no entry at all, or asks for a portal not theirs. */
  async query(principal: Principal, filters: AuditFilters = {}): Promise<AuditPage> {
    const visible = isAdmin(principal) ? 'all' : portalsWhere(principal, 'audit.read');
    if (visible !== 'all' && visible.length === 0) {
      throw new LocalizedError('forbidden', 'server.error.forbidden');
    }
    if (filters.portalId !== undefined && !can(principal, 'audit.read', filters.portalId)) {
      throw new LocalizedError('forbidden', 'server.error.forbidden');
    }
    return this.#store.queryAudit({ visiblePortals: visible, ...filters });
  }
}

/** What changed, minus anything secret, short enough for one row. */
export function sanitizeChanges(
  changes: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const clean = strip(changes, 0) as Record<string, unknown>;
  const json = JSON.stringify(clean);
  if (json.length <= MAX_AUDIT_CHANGES_LENGTH) return clean;
  return { truncated: true, keys: Object.keys(clean).slice(0, 50) };
}

function strip(value: unknown, depth: number): unknown {
  if (depth > 5) return '…';
  if (Array.isArray(value)) return value.map((item) => strip(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isSecretKey(key)) out[key] = strip(item, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string' && value.length > 200) return `${value.slice(0, 200)}…`;
  return value;
}

/** Whether a key names a secret: see `SECRET_NOUNS`; also a session (its id), `sessionId`, `totpCode`. */
function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words.at(-1);
  if (last === undefined) return false;
  if (SECRET_NOUNS.has(last)) return true;
  const before = words.at(-2);
  if (last === 'code') return before === 'otp' || before === 'totp' || before === 'recovery';
  return last === 'session' || (last === 'id' && before === 'session');
}
