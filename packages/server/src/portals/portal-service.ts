import {
  actorOf,
  can,
  checkCompliance,
  ConflictError,
  diffPortals,
  DraftConflictError,
  fieldError,
  LocalizedError,
  parsePortalFile,
  revisionHash,
  toPortalFile,
  ValidationError,
  type Action,
  type ComplianceFinding,
  type PortalContent,
  type PortalDiff,
  type PortalFile,
  type Principal,
  type Revision,
} from '@galette/core';
import type { CookieDatabase } from '@galette/core/cookie-database';
import type {
  Draft,
  ListPortalsOptions,
  NewAuditEntry,
  PortalSummary,
  RevisionSummary,
  Store,
} from '@galette/storage';
import type { AuditLog } from '../accounts/audit-log.js';
import type { RequestMeta } from '../accounts/request-meta.js';
import {
  acknowledgementSummary,
  findingId,
  judgeFindings,
  type Acknowledgement,
} from './publication-gate.js';
import { draftEtag, type VersionRef } from './version-ref.js';

/** A portal's draft as the editor and the admin API show it. */
export interface DraftView {
  readonly portalId: string;
  /** Bumped by every save; send it back (`expectedVersion`, or `If-Match: etag`) to save. */
  readonly version: number;
  /** `"draft-<version>"`. */
  readonly etag: string;
  readonly savedAt: string;
  readonly savedBy?: string;
  readonly archivedAt?: string;
  readonly content: PortalContent;
}

/** The draft dressed as the revision it would become, for the console's preview. */
export interface DraftPreview {
  readonly draft: DraftView;
  /**
   * Numbered after the latest published revision, dated and signed by the draft's last save,
   * hashed from the draft's content: what the charter and the widget would carry once published.
   */
  readonly revision: Revision;
  /** The latest published revision's number, if any. */
  readonly published?: number;
}

/** A compliance finding with the id to acknowledge it by (`rule@path`). */
export type GateFinding = ComplianceFinding & { readonly id: string };

/** What a publication of the current draft would do, before doing it (the confirmation page). */
export interface PublicationReview {
  readonly portalId: string;
  /** The draft version reviewed: pass it to `publish` so that a later save cannot slip in. */
  readonly draftVersion: number;
  readonly published?: { readonly number: number; readonly hash: string };
  readonly findings: readonly GateFinding[];
  /** Error findings exist: publishing is refused until the draft is fixed. */
  readonly blocked: boolean;
  /** Ids of the warnings to acknowledge. */
  readonly warnings: readonly string[];
  /** From the latest published revision (or nothing) to the draft. */
  readonly diff: PortalDiff;
}

export interface PublishInput extends Acknowledgement {
  readonly note?: string;
  /** The draft version reviewed; `DraftConflictError`-based 409 when it moved. */
  readonly expectedVersion?: number;
}

export interface PublicationResult {
  readonly revision: Revision;
  /** False when the draft equals the latest revision: nothing new was published. */
  readonly published: boolean;
  readonly acknowledged: readonly string[];
  readonly diff: PortalDiff;
}

export interface DiffResult extends PortalDiff {
  readonly portalId: string;
  readonly from: VersionRef;
  readonly to: VersionRef;
  /** Revision numbers behind `published` or numbers; absent for the draft or nothing published. */
  readonly fromRevision?: number;
  readonly toRevision?: number;
}

export interface PortalServiceOptions {
  readonly store: Store;
  readonly audit: AuditLog;
  /** Called after a publication, an archive, a restore or a deletion on this node. */
  readonly onPortalChanged?: (portalId: string) => void;
  /** The Open Cookie Database for the compliance gate (as `galette import` uses it). */
  readonly cookieDatabase?: () => Promise<CookieDatabase | undefined>;
}

/**
 * Portal management: the one service behind the console's editor, diff and publish pages, the
 * admin API (`/api/v1/admin/portals/…`) and anything else that edits portals. Every method takes
 * the `Principal` asking and checks its right itself (`can`), so a caller cannot forget it;
 * every change is written with its audit entry in the same transaction (actor, portal, what).
 *
 * - `list(p, { archived })`: portals `p` may view; archived ones left out by default.
 * - `create(p, file)` (admins): a new portal from a portal file, draft version 1, unpublished.
 * - `archive` / `restore` (admins): archived portals serve 410 Gone publicly, keep their proofs,
 *   refuse edits and publication. `delete` refuses a portal holding proofs (archive it instead).
 * - `getDraft(p, id)`: the draft with `version` and `etag`; `saveDraft(p, id, file,
 *   { expectedVersion })` validates with `parsePortalFile` (same field paths and fr/en messages as
 *   an import) and refuses a stale version with a 409 whose `details` hold the current version,
 *   who saved it and `diff` (from what was sent to what is saved): nothing is lost, nothing
 *   written. `importDraft` is the same, audited as an import.
 * - `previewDraft(p, id)` (`draft.preview`): the draft as the revision it would become, for
 *   rendering its charter and widget in the console, never under `/p/`.
 * - `exportFile(p, id, ref)`: the draft, `published` or revision N as a portal file.
 * - `revisions(p, id)` (newest first, with note, author, counts), `revision(p, id, n)`.
 * - `diff(p, id, from, to)`: `PortalDiff` between any two of draft / published / N, with the
 *   visitor impact sentence (`impact.summary.fr|en`).
 * - `reviewPublication(p, id)` then `publish(p, id, { acknowledge | acknowledgeAll, note,
 *   expectedVersion })`: error findings refuse it (422, `details.findings`), unacknowledged
 *   warnings too (422, `details.unacknowledged`); the acknowledgement goes to the audit log.
 * - `restoreRevision(p, id, n, { expectedVersion })`: copies revision N into the draft.
 */
export class PortalService {
  readonly #store: Store;
  readonly #audit: AuditLog;
  readonly #changed: (portalId: string) => void;
  readonly #cookieDatabase: () => Promise<CookieDatabase | undefined>;

  constructor(options: PortalServiceOptions) {
    this.#store = options.store;
    this.#audit = options.audit;
    this.#changed = options.onPortalChanged ?? (() => undefined);
    this.#cookieDatabase = options.cookieDatabase ?? (() => Promise.resolve(undefined));
  }

  async list(principal: Principal, options: ListPortalsOptions = {}): Promise<PortalSummary[]> {
    const portals = await this.#store.listPortals({ archived: options.archived ?? 'exclude' });
    return portals.filter((p) => can(principal, 'portal.view', p.id));
  }

  async create(principal: Principal, file: unknown, meta: RequestMeta = {}): Promise<DraftView> {
    const content = parsePortalFile(file);
    await this.#require(principal, 'portals.create', content.id, 'portal.create', meta);
    try {
      const draft = await this.#store.createPortal(content, {
        savedBy: actorOf(principal).label,
        audit: this.#entry(principal, meta, 'portal.create', content.id, {
          name: content.name,
          declarations: content.declarations.length,
        }),
      });
      return view(draft);
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new LocalizedError('conflict', 'portals.error.exists', { portalId: content.id });
      }
      throw error;
    }
  }

  archive(principal: Principal, portalId: string, meta: RequestMeta = {}): Promise<void> {
    return this.#setArchived(principal, portalId, true, meta);
  }

  restore(principal: Principal, portalId: string, meta: RequestMeta = {}): Promise<void> {
    return this.#setArchived(principal, portalId, false, meta);
  }

  async delete(principal: Principal, portalId: string, meta: RequestMeta = {}): Promise<void> {
    await this.#require(principal, 'portals.delete', portalId, 'portal.delete', meta);
    await this.#draft(portalId);
    try {
      await this.#store.deletePortal(portalId, {
        audit: this.#entry(principal, meta, 'portal.delete', portalId),
      });
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new LocalizedError('conflict', 'portals.error.hasProofs', { portalId });
      }
      throw error;
    }
    this.#changed(portalId);
  }

  async getDraft(principal: Principal, portalId: string): Promise<DraftView> {
    await this.#require(principal, 'draft.read', portalId);
    return view(await this.#draft(portalId));
  }

  async previewDraft(principal: Principal, portalId: string): Promise<DraftPreview> {
    await this.#require(principal, 'draft.preview', portalId);
    const draft = await this.#draft(portalId);
    const latest = await this.#store.latestRevision(portalId);
    return {
      draft: view(draft),
      revision: {
        portalId,
        number: (latest?.number ?? 0) + 1,
        hash: revisionHash(draft.content),
        content: draft.content,
        publishedAt: draft.savedAt,
        ...(draft.savedBy === undefined ? {} : { publishedBy: draft.savedBy }),
      },
      ...(latest ? { published: latest.number } : {}),
    };
  }

  saveDraft(
    principal: Principal,
    portalId: string,
    file: unknown,
    options: { readonly expectedVersion?: number } = {},
    meta: RequestMeta = {},
  ): Promise<DraftView> {
    return this.#save(principal, portalId, file, options, meta, 'draft.save');
  }

  /** `saveDraft` of a whole portal file brought from elsewhere, audited as an import. */
  importDraft(
    principal: Principal,
    portalId: string,
    file: unknown,
    options: { readonly expectedVersion?: number } = {},
    meta: RequestMeta = {},
  ): Promise<DraftView> {
    return this.#save(principal, portalId, file, options, meta, 'draft.import');
  }

  async exportFile(principal: Principal, portalId: string, ref: VersionRef): Promise<PortalFile> {
    const { content } = await this.#resolve(principal, portalId, ref, true);
    return toPortalFile(content!);
  }

  async revisions(principal: Principal, portalId: string): Promise<RevisionSummary[]> {
    await this.#require(principal, 'revisions.read', portalId);
    const list = await this.#store.listRevisions(portalId);
    if (list.length === 0) await this.#draft(portalId);
    return list;
  }

  async revision(principal: Principal, portalId: string, number: number): Promise<Revision> {
    await this.#require(principal, 'revisions.read', portalId);
    return this.#revision(portalId, number);
  }

  async diff(
    principal: Principal,
    portalId: string,
    from: VersionRef = 'published',
    to: VersionRef = 'draft',
  ): Promise<DiffResult> {
    const a = await this.#resolve(principal, portalId, from, false);
    const b = await this.#resolve(principal, portalId, to, true);
    return {
      portalId,
      from,
      to,
      ...(a.number === undefined ? {} : { fromRevision: a.number }),
      ...(b.number === undefined ? {} : { toRevision: b.number }),
      ...diffPortals(a.content, b.content!),
    };
  }

  async reviewPublication(principal: Principal, portalId: string): Promise<PublicationReview> {
    await this.#require(principal, 'revision.publish', portalId);
    const draft = await this.#draft(portalId);
    const latest = await this.#store.latestRevision(portalId);
    const findings = await this.#findings(draft.content);
    const verdict = judgeFindings(findings, {});
    return {
      portalId,
      draftVersion: draft.version,
      ...(latest ? { published: { number: latest.number, hash: latest.hash } } : {}),
      findings,
      blocked: verdict.errors.length > 0,
      warnings: verdict.warnings.map(findingId),
      diff: diffPortals(latest?.content, draft.content),
    };
  }

  async publish(
    principal: Principal,
    portalId: string,
    input: PublishInput = {},
    meta: RequestMeta = {},
  ): Promise<PublicationResult> {
    await this.#require(principal, 'revision.publish', portalId, 'revision.publish', meta);
    const draft = await this.#draft(portalId);
    this.#refuseArchived(draft, portalId);
    const version = input.expectedVersion ?? draft.version;
    if (version !== draft.version) throw await this.#conflict(portalId, version);
    const findings = await this.#findings(draft.content);
    const verdict = judgeFindings(findings, input);
    if (verdict.errors.length > 0) {
      throw new LocalizedError(
        'unprocessable',
        'portals.error.publishBlocked',
        { count: verdict.errors.length },
        { details: { reason: 'blocked', findings: verdict.errors } },
      );
    }
    if (verdict.unacknowledged.length > 0) {
      throw new LocalizedError(
        'unprocessable',
        'portals.error.unacknowledged',
        { count: verdict.unacknowledged.length },
        { details: { reason: 'unacknowledged', unacknowledged: verdict.unacknowledged } },
      );
    }
    const before = await this.#store.latestRevision(portalId);
    const note = input.note?.trim();
    let revision: Revision;
    try {
      revision = await this.#store.publish(portalId, {
        publishedBy: actorOf(principal).label,
        expectedVersion: version,
        ...(note ? { note } : {}),
        audit: this.#entry(principal, meta, 'revision.publish', portalId, {
          revision: (before?.number ?? 0) + 1,
          draftVersion: version,
          ...(note ? { note } : {}),
          ...acknowledgementSummary(verdict.acknowledged),
        }),
      });
    } catch (error) {
      if (error instanceof DraftConflictError) throw await this.#conflict(portalId, version);
      throw error;
    }
    const published = revision.number !== before?.number;
    if (published) this.#changed(portalId);
    return {
      revision,
      published,
      acknowledged: verdict.acknowledged,
      diff: diffPortals(published ? before?.content : revision.content, revision.content),
    };
  }

  async restoreRevision(
    principal: Principal,
    portalId: string,
    number: number,
    options: { readonly expectedVersion?: number } = {},
    meta: RequestMeta = {},
  ): Promise<DraftView> {
    await this.#require(principal, 'draft.edit', portalId, 'draft.restore', meta);
    const draft = await this.#draft(portalId);
    this.#refuseArchived(draft, portalId);
    await this.#revision(portalId, number);
    try {
      return view(
        await this.#store.restoreRevision(portalId, number, {
          savedBy: actorOf(principal).label,
          ...(options.expectedVersion === undefined
            ? {}
            : { expectedVersion: options.expectedVersion }),
          audit: this.#entry(principal, meta, 'draft.restore', portalId, {
            revision: number,
            version: draft.version + 1,
          }),
        }),
      );
    } catch (error) {
      if (error instanceof DraftConflictError) {
        throw await this.#conflict(portalId, options.expectedVersion!);
      }
      throw error;
    }
  }

  async #save(
    principal: Principal,
    portalId: string,
    file: unknown,
    options: { readonly expectedVersion?: number },
    meta: RequestMeta,
    action: 'draft.save' | 'draft.import',
  ): Promise<DraftView> {
    await this.#require(principal, 'draft.edit', portalId, action, meta);
    const current = await this.#draft(portalId);
    const accentColor = current.content.widget?.accentColor;
    const content = parsePortalFile(file, accentColor ? { keptAccentColor: accentColor } : {});
    if (content.id !== portalId) {
      throw new ValidationError(
        [fieldError('id', 'must_be_one_of', { allowed: [portalId] })],
        'invalid portal file',
      );
    }
    this.#refuseArchived(current, portalId);
    const expected = options.expectedVersion;
    if (expected !== undefined && expected !== current.version) {
      throw await this.#conflict(portalId, expected, content);
    }
    const summary = diffPortals(current.content, content);
    try {
      return view(
        await this.#store.saveDraft(content, {
          savedBy: actorOf(principal).label,
          ...(expected === undefined ? {} : { expectedVersion: expected }),
          audit: this.#entry(principal, meta, action, portalId, {
            version: current.version + 1,
            declarations: {
              added: summary.declarations.added.map((d) => d.declaration.name),
              removed: summary.declarations.removed.map((d) => d.declaration.name),
              changed: summary.declarations.changed.map((d) => d.name),
            },
            texts: summary.texts.length,
            settings: summary.settings.map((s) => s.path),
            widget: summary.widget.map((w) => w.path),
          }),
        }),
      );
    } catch (error) {
      if (error instanceof DraftConflictError) {
        throw await this.#conflict(portalId, expected!, content);
      }
      throw error;
    }
  }

  /** The 409 of a stale version: who saved what since, and nothing lost (the caller has it). */
  async #conflict(
    portalId: string,
    expected: number,
    sent?: PortalContent,
  ): Promise<LocalizedError> {
    const current = await this.#draft(portalId);
    return new LocalizedError(
      'conflict',
      'portals.error.draftConflict',
      {
        current: current.version,
        expected,
        savedBy: current.savedBy ?? '—',
        savedAt: current.savedAt,
      },
      {
        details: {
          reason: 'draft_version',
          currentVersion: current.version,
          expectedVersion: expected,
          etag: draftEtag(current.version),
          savedAt: current.savedAt,
          ...(current.savedBy === undefined ? {} : { savedBy: current.savedBy }),
          // What this save would change in the draft as it is now: "added" is what saving adds.
          ...(sent === undefined ? {} : { diff: diffPortals(current.content, sent) }),
        },
      },
    );
  }

  async #setArchived(
    principal: Principal,
    portalId: string,
    archived: boolean,
    meta: RequestMeta,
  ): Promise<void> {
    const action = archived ? 'portal.archive' : 'portal.restore';
    await this.#require(principal, 'portals.archive', portalId, action, meta);
    await this.#draft(portalId);
    const changed = await this.#store.setArchived(portalId, archived, {
      audit: this.#entry(principal, meta, action, portalId),
    });
    if (changed) this.#changed(portalId);
  }

  async #findings(content: PortalContent): Promise<GateFinding[]> {
    const cookieDatabase = await this.#cookieDatabase();
    return checkCompliance(content, cookieDatabase ? { cookieDatabase } : {}).map((f) => ({
      ...f,
      id: findingId(f),
    }));
  }

  async #resolve(
    principal: Principal,
    portalId: string,
    ref: VersionRef,
    required: boolean,
  ): Promise<{ content: PortalContent | undefined; number?: number }> {
    if (ref === 'draft') {
      await this.#require(principal, 'draft.read', portalId);
      return { content: (await this.#draft(portalId)).content };
    }
    await this.#require(principal, 'revisions.read', portalId);
    if (ref === 'published') {
      const latest = await this.#store.latestRevision(portalId);
      if (latest) return { content: latest.content, number: latest.number };
      await this.#draft(portalId);
      if (required)
        throw new LocalizedError('not_found', 'portals.error.notPublished', { portalId });
      return { content: undefined };
    }
    const revision = await this.#revision(portalId, ref);
    return { content: revision.content, number: revision.number };
  }

  async #revision(portalId: string, number: number): Promise<Revision> {
    const revision = await this.#store.getRevisionByNumber(portalId, number);
    if (revision) return revision;
    await this.#draft(portalId);
    throw new LocalizedError('not_found', 'portals.error.noRevision', { portalId, number });
  }

  async #draft(portalId: string): Promise<Draft> {
    const draft = await this.#store.getDraft(portalId);
    if (!draft) throw new LocalizedError('not_found', 'portals.error.notFound', { portalId });
    return draft;
  }

  #refuseArchived(draft: Draft, portalId: string): void {
    if (draft.archivedAt !== undefined) {
      throw new LocalizedError('conflict', 'portals.error.archived', { portalId });
    }
  }

  /** Refuses what `principal` may not do; a refused change is audited as `denied`. */
  async #require(
    principal: Principal,
    right: Action,
    portalId: string,
    audited?: string,
    meta: RequestMeta = {},
  ): Promise<void> {
    if (can(principal, right, portalId)) return;
    if (audited !== undefined) {
      await this.#audit.record(
        {
          actor: actorOf(principal),
          action: audited,
          object: portalId.slice(0, 253),
          outcome: 'denied',
        },
        meta,
      );
    }
    throw new LocalizedError('forbidden', 'server.error.forbidden');
  }

  #entry(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    portalId: string,
    changes?: Record<string, unknown>,
  ): NewAuditEntry {
    return this.#audit.prepare(
      {
        actor: actorOf(principal),
        portalId,
        action,
        object: portalId,
        outcome: 'success',
        ...(changes === undefined ? {} : { changes }),
      },
      meta,
    );
  }
}

function view(draft: Draft): DraftView {
  return {
    portalId: draft.content.id,
    version: draft.version,
    etag: draftEtag(draft.version),
    savedAt: draft.savedAt,
    ...(draft.savedBy === undefined ? {} : { savedBy: draft.savedBy }),
    ...(draft.archivedAt === undefined ? {} : { archivedAt: draft.archivedAt }),
    content: draft.content,
  };
}
