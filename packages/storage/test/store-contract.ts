import {
  NotFoundError,
  revisionHash,
  StorageError,
  type Party,
  type PortalContent,
} from '@galette/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../src/index.js';
import { editedFixture, portalFixture } from './portal-fixture.js';

/** A store under test; `reopen` (when the backend persists) closes it and opens the same data. */
export type ContractStore = Store & { reopen?: () => Promise<Store> };

export interface ContractStoreOptions {
  /** Clock for `updatedAt` and default `publishedAt`. */
  readonly now?: () => Date;
}

/**
 * The behaviour every `Store` owes its callers. `makeStore` returns a new, empty, unmigrated
 * store each time; tests in one file run one after the other.
 */
export function storeContract(
  name: string,
  makeStore: (options?: ContractStoreOptions) => Promise<ContractStore>,
): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];

    async function track<S extends Store>(store: Promise<S>): Promise<S> {
      const s = await store;
      opened.push(s);
      return s;
    }

    async function migrated(options?: ContractStoreOptions): Promise<ContractStore> {
      const store = await track(makeStore(options));
      const result = await store.migrate();
      expect(result.error).toBeUndefined();
      return store;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('migrates once, then has nothing left to apply', async () => {
      const store = await track(makeStore());
      const first = await store.migrate();
      expect(first.error).toBeUndefined();
      expect(first.applied).toContain('0001-portals');
      expect(first.alreadyApplied).toEqual([]);
      const second = await store.migrate();
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
      await store.ping();
    });

    it('starts empty', async () => {
      const store = await migrated();
      expect(await store.listPortals()).toEqual([]);
      expect(await store.getPortal('opendata.exemple.fr')).toBeUndefined();
      expect(await store.latestRevision('opendata.exemple.fr')).toBeUndefined();
      expect(await store.listRevisions('opendata.exemple.fr')).toEqual([]);
    });

    it('reads a saved portal back exactly, key order and absent fields included', async () => {
      const store = await migrated();
      const portal = portalFixture();
      await store.savePortal(portal);
      const read = await store.getPortal(portal.id);
      expect(read).toStrictEqual(portal);
      expect(JSON.stringify(read)).toBe(JSON.stringify(portal));
      expect('lifetime' in read!.declarations[2]!).toBe(false);
      expect(read!.declarations[2]!.consentExempt).toBe(false);
      expect(read!.declarations[1]!.hosts).toEqual([]);
    });

    it('replaces the draft whole: removed declarations, categories and texts are gone', async () => {
      const store = await migrated();
      const full = portalFixture();
      await store.savePortal(full);
      const smaller: PortalContent = {
        ...full,
        name: 'Renamed',
        categories: full.categories.slice(1),
        declarations: [full.declarations[3]!, full.declarations[0]!],
        texts: { title: { en: 'Cookie policy', fr: 'Politique cookies' } },
      };
      await store.savePortal(smaller);
      expect(await store.getPortal(full.id)).toStrictEqual(smaller);
      await store.savePortal(full);
      expect(await store.getPortal(full.id)).toStrictEqual(full);
    });

    it('lists portals by id (code-unit order) with their publication state', async () => {
      const t0 = new Date('2025-01-02T03:04:05.678Z');
      let now = t0;
      const store = await migrated({ now: () => now });
      const ids = ['opendata.paris.fr', 'data.explore.star.fr', 'data-82.example', 'Data.example'];
      for (const id of ids) await store.savePortal(portalFixture(id));
      const published = await store.publish('opendata.paris.fr', { at: t0 });
      now = new Date('2025-02-01T00:00:00.000Z');
      await store.savePortal(editedFixture(portalFixture('data.explore.star.fr'), 'x'));
      await store.publish('data.explore.star.fr');
      await store.savePortal(editedFixture(portalFixture('data.explore.star.fr'), 'y'));
      // Saving identical content is not an edit.
      now = new Date('2025-03-01T00:00:00.000Z');
      await store.savePortal(portalFixture('opendata.paris.fr'));

      const list = await store.listPortals();
      expect(list.map((p) => p.id)).toEqual([
        'Data.example',
        'data-82.example',
        'data.explore.star.fr',
        'opendata.paris.fr',
      ]);
      expect(list[0]).toStrictEqual({
        id: 'Data.example',
        name: portalFixture().name,
        url: 'https://Data.example',
        hasUnpublishedChanges: true,
        updatedAt: t0.toISOString(),
      });
      expect(list[2]).toMatchObject({
        publishedRevision: 1,
        hasUnpublishedChanges: true,
        updatedAt: '2025-02-01T00:00:00.000Z',
      });
      expect(list[3]).toStrictEqual({
        id: 'opendata.paris.fr',
        name: portalFixture().name,
        url: 'https://opendata.paris.fr',
        publishedRevision: 1,
        publishedHash: published.hash,
        publishedAt: t0.toISOString(),
        hasUnpublishedChanges: false,
        updatedAt: t0.toISOString(),
      });
      expect(list[2]).toMatchObject({ publishedAt: '2025-02-01T00:00:00.000Z' });
    });

    it('numbers revisions 1, 2, 3 and publishing an unchanged draft is a no-op', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      await store.savePortal(v1);
      const r1 = await store.publish(v1.id, {
        at: new Date('2025-01-01T00:00:00Z'),
        publishedBy: 'alice',
      });
      expect(r1).toStrictEqual({
        portalId: v1.id,
        number: 1,
        hash: revisionHash(v1),
        content: v1,
        publishedAt: '2025-01-01T00:00:00.000Z',
        publishedBy: 'alice',
      });
      expect(await store.publish(v1.id, { publishedBy: 'bob' })).toStrictEqual(r1);
      expect(await store.listRevisions(v1.id)).toHaveLength(1);

      const v2 = editedFixture(v1, '2');
      await store.savePortal(v2);
      const r2 = await store.publish(v1.id, { at: new Date('2025-01-02T00:00:00Z') });
      expect(r2).toMatchObject({ number: 2, hash: revisionHash(v2) });
      expect('publishedBy' in r2).toBe(false);
      const r3 = await store.saveAndPublish(editedFixture(v1, '3'));
      expect(r3.number).toBe(3);
      expect(await store.saveAndPublish(editedFixture(v1, '3'))).toStrictEqual(r3);
      expect(await store.latestRevision(v1.id)).toStrictEqual(r3);
      // Byte for byte, whichever call returned it.
      expect(JSON.stringify(await store.latestRevision(v1.id))).toBe(JSON.stringify(r3));
    });

    it('hashes content the same way on every backend', async () => {
      const store = await migrated();
      const revision = await store.saveAndPublish(portalFixture());
      // A pure function of the content, so every backend agrees.
      expect(revision.hash).toBe(revisionHash(portalFixture()));
      expect(revision.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect((await store.latestRevision(revision.portalId))!.hash).toBe(revision.hash);
    });

    it('rejects publishing an unknown portal with NotFoundError', async () => {
      const store = await migrated();
      await expect(store.publish('nowhere.example')).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.listRevisions('nowhere.example')).toEqual([]);
    });

    it('keeps draft edits out of the latest revision until they are published', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      const r1 = await store.saveAndPublish(v1);
      const v2 = editedFixture(v1, 'draft');
      await store.savePortal(v2);
      expect(await store.latestRevision(v1.id)).toStrictEqual(r1);
      expect((await store.latestRevision(v1.id))!.content).toStrictEqual(v1);
      expect(await store.getPortal(v1.id)).toStrictEqual(v2);
      const r2 = await store.publish(v1.id);
      expect((await store.latestRevision(v1.id))!.content).toStrictEqual(v2);
      expect(r2.number).toBe(2);
    });

    it('finds a revision by hash (the latest carrying it) and lists revisions newest first', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      const r1 = await store.saveAndPublish(v1, { at: new Date('2025-01-01T00:00:00Z') });
      const r2 = await store.saveAndPublish(editedFixture(v1, '2'), {
        at: new Date('2025-01-02T00:00:00Z'),
        publishedBy: 'bob',
      });
      expect(await store.getRevision(v1.id, r2.hash)).toStrictEqual(r2);
      expect(await store.getRevision(v1.id, r1.hash)).toStrictEqual(r1);
      // Back to the first content: a new revision with the old hash.
      const r3 = await store.saveAndPublish(v1, { at: new Date('2025-01-03T00:00:00Z') });
      expect(r3).toMatchObject({ number: 3, hash: r1.hash });
      expect(await store.getRevision(v1.id, r1.hash)).toStrictEqual(r3);
      expect(await store.getRevision(v1.id, 'sha256:00')).toBeUndefined();
      expect(await store.getRevision('other.example', r1.hash)).toBeUndefined();

      const counts = { declarations: 4, categories: 4 };
      expect(await store.listRevisions(v1.id)).toStrictEqual([
        {
          portalId: v1.id,
          number: 3,
          hash: r1.hash,
          publishedAt: '2025-01-03T00:00:00.000Z',
          ...counts,
        },
        {
          portalId: v1.id,
          number: 2,
          hash: r2.hash,
          publishedAt: '2025-01-02T00:00:00.000Z',
          publishedBy: 'bob',
          ...counts,
        },
        {
          portalId: v1.id,
          number: 1,
          hash: r1.hash,
          publishedAt: '2025-01-01T00:00:00.000Z',
          ...counts,
        },
      ]);
    });

    it('deletes a portal with its draft and revisions, and nothing else', async () => {
      const store = await migrated();
      const gone = portalFixture('gone.example');
      const kept = portalFixture('kept.example');
      await store.saveAndPublish(gone);
      await store.saveAndPublish(editedFixture(gone, '2'));
      const keptRevision = await store.saveAndPublish(kept);

      expect(await store.deletePortal(gone.id)).toBe(true);
      expect(await store.deletePortal(gone.id)).toBe(false);
      expect(await store.getPortal(gone.id)).toBeUndefined();
      expect(await store.latestRevision(gone.id)).toBeUndefined();
      expect(await store.listRevisions(gone.id)).toEqual([]);
      expect((await store.listPortals()).map((p) => p.id)).toEqual([kept.id]);
      expect(await store.getPortal(kept.id)).toStrictEqual(kept);
      expect(await store.latestRevision(kept.id)).toStrictEqual(keptRevision);
      // Nothing of the old portal lingers: numbering starts again.
      expect((await store.saveAndPublish(gone)).number).toBe(1);
    });

    it('deletes a portal with its roles and takes it out of API tokens, revoking a token left with none', async () => {
      const store = await migrated();
      const gone = portalFixture('gone.example');
      const kept = portalFixture('kept.example');
      await store.saveAndPublish(gone);
      await store.saveAndPublish(kept);
      const { accounts } = store;
      const user = await accounts.createUser({
        email: 'editor@example.org',
        displayName: 'Editor',
        language: 'fr',
      });
      await accounts.grant(user.id, { role: 'editor', portalId: gone.id });
      await accounts.grant(user.id, { role: 'viewer', portalId: kept.id });
      const token = (name: string, portals: string[]) =>
        accounts.createToken({
          id: `id-${name}`,
          name,
          role: 'editor',
          portals,
          createdAt: '2025-01-01T00:00:00.000Z',
          createdBy: 'cli',
          tokenHash: name.padEnd(64, '0'),
        });
      await token('only', [gone.id]);
      await token('both', [gone.id, kept.id]);
      await token('other', [kept.id]);

      const audit = {
        actor: { kind: 'cli', label: 'cli' },
        portalId: gone.id,
        action: 'portal.delete',
        object: gone.id,
        outcome: 'success',
        changes: { by: 'test' },
      } as const;
      expect(await store.deletePortal(gone.id, { audit })).toBe(true);
      expect((await accounts.getUser(user.id))!.grants).toEqual([
        { role: 'viewer', portalId: kept.id },
      ]);
      const tokens = await accounts.listTokens({ includeRevoked: true });
      expect(tokens.map((t) => [t.name, t.portals, t.revokedAt !== undefined])).toEqual([
        ['both', [kept.id], false],
        ['only', [], true],
        ['other', [kept.id], false],
      ]);
      const page = await accounts.queryAudit({ visiblePortals: 'all', action: 'portal.delete' });
      expect(page.entries[0]!.changes).toEqual({
        by: 'test',
        rolesRemoved: 1,
        apiTokensNarrowed: ['both'],
        apiTokensRevoked: ['only'],
      });
    });

    it('leaves the previous state intact when a write fails halfway', async () => {
      const t0 = new Date('2025-01-01T00:00:00.000Z');
      let now = t0;
      const store = await migrated({ now: () => now });
      const v1 = portalFixture();
      const r1 = await store.saveAndPublish(v1);
      now = new Date('2025-06-01T00:00:00.000Z');

      // Fails on its last insert, after the portal row was updated and the children deleted.
      const badParty: PortalContent = {
        ...editedFixture(v1, 'bad'),
        declarations: [...v1.declarations, { ...v1.declarations[0]!, party: 'fourth' as Party }],
      };
      // Two custom categories with one id violate the categories' primary key.
      const duplicateCategory: PortalContent = {
        ...editedFixture(v1, 'dup'),
        categories: [v1.categories[0]!, v1.categories[0]!],
      };
      for (const bad of [badParty, duplicateCategory]) {
        await expect(store.savePortal(bad)).rejects.toBeInstanceOf(StorageError);
        await expect(store.saveAndPublish(bad)).rejects.toMatchObject({ code: 'storage' });
      }

      expect(await store.getPortal(v1.id)).toStrictEqual(v1);
      expect(await store.latestRevision(v1.id)).toStrictEqual(r1);
      expect(await store.listRevisions(v1.id)).toHaveLength(1);
      expect(await store.listPortals()).toMatchObject([
        { id: v1.id, updatedAt: t0.toISOString(), hasUnpublishedChanges: false },
      ]);
    });

    it('gives concurrent publishes of one draft one revision', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      await store.savePortal(v1);
      const revisions = await Promise.all(Array.from({ length: 8 }, () => store.publish(v1.id)));
      expect(new Set(revisions.map((r) => r.number))).toEqual(new Set([1]));
      expect(await store.listRevisions(v1.id)).toHaveLength(1);
    });

    it('numbers concurrent publishes of different drafts without gaps or duplicates', async () => {
      const store = await migrated();
      const base = portalFixture();
      const drafts = Array.from({ length: 8 }, (_, i) => editedFixture(base, `v${i}`));
      const revisions = await Promise.all(drafts.map((d) => store.saveAndPublish(d)));
      expect(revisions.map((r) => r.number).sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8,
      ]);
      revisions.forEach((r, i) => {
        expect(r.hash).toBe(revisionHash(drafts[i]!));
        expect(r.content).toStrictEqual(drafts[i]);
      });
      const listed = await store.listRevisions(base.id);
      expect(listed.map((r) => r.number)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      // The draft is the last one saved, and it is what the latest revision holds.
      const latest = await store.latestRevision(base.id);
      expect(await store.getPortal(base.id)).toStrictEqual(latest!.content);
    });

    it('keeps saved and published data across close and reopen', async (ctx) => {
      const store = await migrated();
      if (store.reopen === undefined) {
        ctx.skip('this backend does not persist across reopen');
        return;
      }
      const v1 = portalFixture();
      const r1 = await store.saveAndPublish(v1, { at: new Date('2025-01-01T00:00:00Z') });
      const v2 = editedFixture(v1, 'draft');
      await store.savePortal(v2);
      const reopened = await track(store.reopen());
      expect((await reopened.migrate()).applied).toEqual([]);
      expect(await reopened.getPortal(v1.id)).toStrictEqual(v2);
      expect(await reopened.latestRevision(v1.id)).toStrictEqual(r1);
      expect(await reopened.listPortals()).toMatchObject([
        { id: v1.id, hasUnpublishedChanges: true },
      ]);
    });
  });
}
