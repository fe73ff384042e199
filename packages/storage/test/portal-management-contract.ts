import { ConflictError, DraftConflictError, NotFoundError } from '@galette/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry, Store } from '../src/index.js';
import { editedFixture, portalFixture } from './portal-fixture.js';

const actor = { kind: 'user' as const, id: 'u1', label: 'alice@example.org' };
const audit = (action: string, portalId = portalFixture().id): NewAuditEntry => ({
  actor,
  portalId,
  action,
  object: portalId,
  outcome: 'success',
});

/**
 * Portal management (issue 14) as every `Store` owes it: drafts with versions, archiving,
 * revisions with notes and counts, restore, and audit entries written with the change or not
 * at all. `makeStore` returns a new, empty, unmigrated store each time.
 */
export function portalManagementContract(
  name: string,
  makeStore: (options?: { now?: () => Date }) => Promise<Store>,
): void {
  describe(`Store contract, portal management: ${name}`, () => {
    const opened: Store[] = [];
    async function migrated(options?: { now?: () => Date }): Promise<Store> {
      const store = await makeStore(options);
      opened.push(store);
      expect((await store.migrate()).error).toBeUndefined();
      return store;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    const auditCount = async (store: Store) =>
      (await store.accounts.queryAudit({ visiblePortals: 'all' })).total;

    it('creates a portal at version 1, refuses a taken id, and bumps the version on every save', async () => {
      let now = new Date('2025-01-01T00:00:00.000Z');
      const store = await migrated({ now: () => now });
      const v1 = portalFixture();
      const created = await store.createPortal(v1, {
        savedBy: 'alice@example.org',
        audit: audit('portal.create'),
      });
      expect(created).toStrictEqual({
        content: v1,
        version: 1,
        savedAt: '2025-01-01T00:00:00.000Z',
        savedBy: 'alice@example.org',
      });
      await expect(store.createPortal(v1)).rejects.toBeInstanceOf(ConflictError);
      now = new Date('2025-01-02T00:00:00.000Z');
      const second = await store.saveDraft(v1, { expectedVersion: 1, savedBy: 'bob' });
      expect(second).toMatchObject({ version: 2, savedBy: 'bob', savedAt: now.toISOString() });
      // Saving identical content is still a save: the version moves, the content does not.
      expect((await store.getDraft(v1.id))!.version).toBe(2);
      await store.savePortal(editedFixture(v1, 'cli'));
      const draft = (await store.getDraft(v1.id))!;
      expect(draft.version).toBe(3);
      expect('savedBy' in draft).toBe(false);
      expect(draft.content).toStrictEqual(editedFixture(v1, 'cli'));
      expect(await store.getDraft('nowhere.example')).toBeUndefined();
      expect(await auditCount(store)).toBe(1);
    });

    it('refuses a save at a stale version with the current one, writing nothing', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      await store.createPortal(v1);
      await store.saveDraft(editedFixture(v1, 'first editor'), { expectedVersion: 1 });
      const stale = store.saveDraft(editedFixture(v1, 'second editor'), {
        expectedVersion: 1,
        audit: audit('draft.save'),
      });
      await expect(stale).rejects.toBeInstanceOf(DraftConflictError);
      await expect(stale).rejects.toMatchObject({ code: 'conflict', currentVersion: 2 });
      const draft = (await store.getDraft(v1.id))!;
      expect(draft.version).toBe(2);
      expect(draft.content).toStrictEqual(editedFixture(v1, 'first editor'));
      expect(await auditCount(store)).toBe(0);
      await expect(store.saveDraft(portalFixture('nowhere.example'))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('lets exactly one of two concurrent saves at one version through', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      await store.createPortal(v1);
      const results = await Promise.allSettled(
        ['a', 'b', 'c'].map((m) => store.saveDraft(editedFixture(v1, m), { expectedVersion: 1 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DraftConflictError);
      }
      expect((await store.getDraft(v1.id))!.version).toBe(2);
    });

    it('stores the note, author and counts of a revision, reads it by number, and restores it', async () => {
      const store = await migrated();
      const v1 = portalFixture();
      await store.createPortal(v1);
      const r1 = await store.publish(v1.id, {
        publishedBy: 'alice@example.org',
        note: 'Première publication',
        audit: audit('revision.publish'),
      });
      expect(r1).toMatchObject({ number: 1, note: 'Première publication' });
      // The portal list reads who published the latest revision without loading it.
      expect(await store.listPortals()).toMatchObject([
        { publishedRevision: 1, publishedAt: r1.publishedAt, publishedBy: 'alice@example.org' },
      ]);
      const v2 = { ...editedFixture(v1, '2'), declarations: v1.declarations.slice(0, 2) };
      await store.saveDraft(v2);
      const r2 = await store.publish(v1.id, { expectedVersion: 2 });
      expect('note' in r2).toBe(false);
      expect(await store.listRevisions(v1.id)).toMatchObject([
        { number: 2, declarations: 2, categories: 4 },
        {
          number: 1,
          publishedBy: 'alice@example.org',
          note: 'Première publication',
          declarations: 4,
          categories: 4,
        },
      ]);
      expect(await store.getRevisionByNumber(v1.id, 1)).toStrictEqual(r1);
      expect(await store.getRevisionByNumber(v1.id, 3)).toBeUndefined();

      const restored = await store.restoreRevision(v1.id, 1, {
        expectedVersion: 2,
        savedBy: 'bob',
        audit: audit('draft.restore'),
      });
      expect(restored).toMatchObject({ content: v1, version: 3, savedBy: 'bob' });
      // The revisions themselves do not move; publishing the restored draft makes revision 3.
      expect((await store.latestRevision(v1.id))!.number).toBe(2);
      await expect(store.restoreRevision(v1.id, 9)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.restoreRevision(v1.id, 1, { expectedVersion: 1 })).rejects.toBeInstanceOf(
        DraftConflictError,
      );
      expect(await auditCount(store)).toBe(2);
      // Publishing a draft that moved since it was reviewed is refused.
      await expect(store.publish(v1.id, { expectedVersion: 2 })).rejects.toBeInstanceOf(
        DraftConflictError,
      );
    });

    it('archives and restores a portal: out of the default list, no edits nor publication meanwhile', async () => {
      const at = new Date('2025-03-01T00:00:00.000Z');
      const store = await migrated();
      const kept = portalFixture('kept.example');
      const archived = portalFixture('archived.example');
      await store.saveAndPublish(kept);
      const revision = await store.saveAndPublish(archived);
      expect(
        await store.setArchived(archived.id, true, { at, audit: audit('portal.archive') }),
      ).toBe(true);
      expect(await store.setArchived(archived.id, true, { audit: audit('portal.archive') })).toBe(
        false,
      );
      expect(await store.setArchived('nowhere.example', true)).toBe(false);
      expect((await store.listPortals({ archived: 'exclude' })).map((p) => p.id)).toEqual([
        kept.id,
      ]);
      expect(await store.listPortals({ archived: 'only' })).toMatchObject([
        { id: archived.id, archivedAt: at.toISOString() },
      ]);
      expect(await store.listPortals()).toHaveLength(2);
      expect((await store.getDraft(archived.id))!.archivedAt).toBe(at.toISOString());
      await expect(store.saveDraft(editedFixture(archived, 'x'))).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(store.publish(archived.id)).rejects.toBeInstanceOf(ConflictError);
      // Its revisions stay readable: proofs refer to them.
      expect(await store.latestRevision(archived.id)).toStrictEqual(revision);

      expect(await store.setArchived(archived.id, false, { audit: audit('portal.restore') })).toBe(
        true,
      );
      expect('archivedAt' in (await store.getDraft(archived.id))!).toBe(false);
      expect((await store.listPortals({ archived: 'exclude' })).map((p) => p.id)).toEqual([
        archived.id,
        kept.id,
      ]);
      expect(await auditCount(store)).toBe(2);
    });

    it('writes the audit entry with the deletion, and none when nothing was deleted', async () => {
      const store = await migrated();
      await store.createPortal(portalFixture());
      expect(await store.deletePortal(portalFixture().id, { audit: audit('portal.delete') })).toBe(
        true,
      );
      expect(await store.deletePortal(portalFixture().id, { audit: audit('portal.delete') })).toBe(
        false,
      );
      expect(await auditCount(store)).toBe(1);
    });
  });
}
