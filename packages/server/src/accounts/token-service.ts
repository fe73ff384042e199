import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  actorOf,
  can,
  ConflictError,
  LocalizedError,
  addLifetime,
  parseLifetime,
  parseShape,
  type Grant,
  type Principal,
  type TokenPrincipal,
} from '@galette/core';
import type { ApiTokenRecord, Store } from '@galette/storage';
import type { AuditLog } from './audit-log.js';
import type { RequestMeta } from './request-meta.js';
import { tokenInputShape } from './token-input-shape.js';

/** Every token starts so, so that a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'galette_';
/** Last use is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

/** What `tokenInputShape` checks, under the names callers give it. */
export interface NewTokenInput {
  readonly name: string;
  readonly role: string;
  readonly portals?: readonly string[];
  /** An ISO 8601 duration from now (`P90D`, `P1Y`); without it the token does not expire. */
  readonly expires?: string;
}

export interface CreatedToken {
  /** The secret, shown once: only its hash is kept. */
  readonly token: string;
  readonly record: ApiTokenRecord;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `now` plus an ISO 8601 duration, in calendar terms (UTC); undefined when it is not one. */
export function addDuration(now: Date, text: string): Date | undefined {
  const lifetime = parseLifetime(text);
  if (lifetime === undefined || lifetime.kind !== 'duration') return undefined;
  return addLifetime(now, lifetime);
}

/** API tokens for the admin API: created by admins, shown once, stored hashed, revocable. */
export class TokenService {
  readonly #store: Store;
  readonly #audit: AuditLog;
  readonly #now: () => Date;

  constructor(parts: {
    readonly store: Store;
    readonly audit: AuditLog;
    readonly now?: () => Date;
  }) {
    this.#store = parts.store;
    this.#audit = parts.audit;
    this.#now = parts.now ?? (() => new Date());
  }

  async create(
    principal: Principal,
    input: NewTokenInput,
    meta: RequestMeta = {},
  ): Promise<CreatedToken> {
    await this.#require(principal, 'token.create', input.name, meta);
    const known = new Set((await this.#store.listPortals()).map((p) => p.id));
    const { name, role, portals, expires } = parseShape(tokenInputShape(known), {
      name: input.name,
      role: input.role,
      portal: input.portals,
      expires: input.expires,
    });
    const now = this.#now();
    const expiresAt = expires === undefined ? undefined : addDuration(now, expires);

    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const record = await this.#store.accounts
      .createToken({
        id: randomUUID(),
        name,
        tokenHash: hashToken(token),
        role,
        portals,
        createdAt: now.toISOString(),
        createdBy: actorOf(principal).label,
        ...(expiresAt === undefined ? {} : { expiresAt: expiresAt.toISOString() }),
      })
      .catch((error: unknown) => {
        throw error instanceof ConflictError
          ? new LocalizedError('conflict', 'accounts.error.tokenNameTaken', { name })
          : error;
      });
    await this.#record(principal, meta, 'token.create', record.name, 'success', {
      role,
      portals: record.portals,
      ...(record.expiresAt === undefined ? {} : { expiresAt: record.expiresAt }),
    });
    return { token, record };
  }

  /**
   * The principal behind an `Authorization: Bearer` value, or undefined for anything but a
   * known token that is neither revoked nor expired. Records its last use.
   */
  async verify(bearer: string | undefined): Promise<TokenPrincipal | undefined> {
    if (!bearer?.startsWith(TOKEN_PREFIX) || bearer.length > 128) return undefined;
    const record = await this.#store.accounts.findTokenByHash(hashToken(bearer));
    if (record === undefined || record.revokedAt !== undefined) return undefined;
    const now = this.#now();
    if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime()) {
      return undefined;
    }
    const last = record.lastUsedAt === undefined ? 0 : Date.parse(record.lastUsedAt);
    if (now.getTime() - last >= TOUCH_EVERY_MS)
      await this.#store.accounts.touchToken(record.id, now);
    return tokenPrincipal(record);
  }

  async list(principal: Principal, meta: RequestMeta = {}): Promise<ApiTokenRecord[]> {
    await this.#require(principal, 'token.list', undefined, meta);
    return this.#store.accounts.listTokens();
  }

  async revoke(
    principal: Principal,
    name: string,
    meta: RequestMeta = {},
  ): Promise<ApiTokenRecord> {
    await this.#require(principal, 'token.revoke', name, meta);
    const revoked = await this.#store.accounts.revokeToken(name, this.#now());
    if (revoked === undefined) {
      throw new LocalizedError('not_found', 'accounts.error.noSuchToken', { name });
    }
    await this.#record(principal, meta, 'token.revoke', name, 'success');
    return revoked;
  }

  async #require(
    principal: Principal,
    action: string,
    object: string | undefined,
    meta: RequestMeta,
  ): Promise<void> {
    if (can(principal, 'tokens.manage')) return;
    await this.#record(principal, meta, action, object?.slice(0, 64), 'denied');
    throw new LocalizedError('forbidden', 'accounts.error.forbiddenTokens');
  }

  async #record(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    object: string | undefined,
    outcome: 'success' | 'denied',
    changes?: Record<string, unknown>,
  ): Promise<void> {
    await this.#audit.record(
      {
        actor: actorOf(principal),
        action,
        ...(object === undefined ? {} : { object }),
        outcome,
        ...(changes === undefined ? {} : { changes }),
      },
      meta,
    );
  }
}

export function tokenPrincipal(record: ApiTokenRecord): TokenPrincipal {
  const grants: Grant[] =
    record.role === 'admin'
      ? [{ role: 'admin' }]
      : record.portals.map((portalId) => ({ role: record.role as 'editor' | 'viewer', portalId }));
  return { kind: 'token', tokenId: record.id, name: record.name, grants };
}
