import {
  CONSENT_CHAIN_GENESIS,
  ConflictError,
  consentChainLink,
  verifyChain,
  type ConsentRecord,
  type ConsentSubmission,
} from '@galette/core';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KyselyStore,
  openConsentLog,
  type ConsentLogOptions,
  type DatabaseHandle,
} from '../src/index.js';
import { migrateDatabase } from '../src/migrate.js';
import { readConsentSummary } from '../src/consent/consent-summary.js';
import type { Kysely } from 'kysely';
import { portalFixture } from './portal-fixture.js';

/** An empty database; `reopen` (when the backend persists) closes it and opens the same data. */
export interface ContractDatabase {
  readonly database: DatabaseHandle;
  readonly reopen?: () => Promise<DatabaseHandle>;
  /** How this run opens its logs (a SQLite file with or without the append thread). */
  readonly logOptions?: ConsentLogOptions;
}

const REVISION_A = `sha256:${'a'.repeat(64)}`;
const REVISION_B = `sha256:${'b'.repeat(64)}`;

export function submission(overrides: Partial<ConsentSubmission> = {}): ConsentSubmission {
  return {
    eventId: randomUUID(),
    consentId: randomUUID(),
    revision: REVISION_A,
    choices: { necessary: true, statistics: true, marketing: false },
    action: 'custom',
    source: 'banner',
    lang: 'fr',
    ...overrides,
  };
}

/** A settable clock. */
export function clock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * The behaviour every `ConsentLog` owes its callers. `makeDatabase` returns a new, empty,
 * unmigrated database each time; tests in one file run one after the other.
 */
export function consentLogContract(
  name: string,
  makeDatabase: () => Promise<ContractDatabase>,
): void {
  describe(`ConsentLog contract: ${name}`, () => {
    const handles: DatabaseHandle[] = [];

    async function setUp(options: ConsentLogOptions = {}) {
      const made = await makeDatabase();
      handles.push(made.database);
      const migration = await migrateDatabase(made.database.db as Kysely<unknown>);
      expect(migration.error).toBeUndefined();
      const log = openConsentLog(made.database, { ...made.logOptions, ...options });
      return { ...made, log, db: made.database.db };
    }

    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close()));
    });

    it('keeps a portal that holds proofs from being deleted, and its revisions with it', async () => {
      const { database, log } = await setUp();
      const store = new KyselyStore(database);
      const kept = portalFixture('kept.example');
      const revision = await store.saveAndPublish(kept);
      await log.append({
        portalId: kept.id,
        submission: submission({ revision: revision.hash }),
      });
      await expect(store.deletePortal(kept.id)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.latestRevision(kept.id)).toStrictEqual(revision);
      const records: ConsentRecord[] = [];
      for await (const record of log.records(kept.id)) records.push(record);
      expect(records.map((r) => r.revision)).toEqual([revision.hash]);
      const free = portalFixture('free.example');
      await store.saveAndPublish(free);
      expect(await store.deletePortal(free.id)).toBe(true);
    });

    it('refuses appends for an archived portal, and for an unknown one when asked to', async () => {
      const { database, log } = await setUp({ refuseUnknownPortals: true });
      const store = new KyselyStore(database);
      const portal = portalFixture('archived.example');
      const revision = await store.saveAndPublish(portal);
      const sent = () => submission({ revision: revision.hash });
      expect((await log.append({ portalId: portal.id, submission: sent() })).duplicate).toBe(false);
      await store.setArchived(portal.id, true);
      // Several at once, beside a portal that takes them: only the archived one's are refused.
      const other = portalFixture('active.example');
      await store.saveAndPublish(other);
      const answers = await Promise.allSettled([
        log.append({ portalId: portal.id, submission: sent() }),
        log.append({ portalId: other.id, submission: sent() }),
        log.append({ portalId: 'deleted.example', submission: sent() }),
      ]);
      expect(answers.map((a) => a.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
      expect((answers[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'gone' });
      expect((answers[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'gone' });
      expect((await log.chain(portal.id))!.head.seq).toBe(1);
      expect(await log.chain('deleted.example')).toBeUndefined();
      // Its proofs stay readable and verifiable.
      expect((await log.verify(portal.id)).ok).toBe(true);
      await store.setArchived(portal.id, false);
      expect((await log.append({ portalId: portal.id, submission: sent() })).record.seq).toBe(2);
    });

    it('chains appended records per portal, sealed with the server time and the expiry', async () => {
      const time = clock('2026-08-31T09:30:00.000Z');
      const { log } = await setUp({ now: time.now });
      const first = await log.append({ portalId: 'p1.example', submission: submission() });
      const other = await log.append({ portalId: 'p2.example', submission: submission() });
      const second = await log.append({
        portalId: 'p1.example',
        submission: submission({ action: 'reject_all' }),
        clientPseudonym: 'pseudo-1',
      });
      expect(first.duplicate).toBe(false);
      expect(first.record).toMatchObject({
        portalId: 'p1.example',
        seq: 1,
        prevHash: CONSENT_CHAIN_GENESIS,
        recordedAt: '2026-08-31T09:30:00.000Z',
        expiresAt: '2027-02-28T09:30:00.000Z',
      });
      expect(first.record.clientPseudonym).toBeUndefined();
      expect(other.record).toMatchObject({ seq: 1, prevHash: CONSENT_CHAIN_GENESIS });
      expect(second.record).toMatchObject({
        seq: 2,
        prevHash: first.record.hash,
        clientPseudonym: 'pseudo-1',
      });
      expect(consentChainLink(second.record.prevHash, second.record)).toBe(second.record.hash);
      expect(await log.chain('p1.example')).toEqual({
        portalId: 'p1.example',
        head: { seq: 2, hash: second.record.hash },
      });
      expect(await log.portals()).toEqual(['p1.example', 'p2.example']);
      expect(await all(log.records('p1.example'))).toEqual([first.record, second.record]);
    });

    it('commits concurrent appends in batches that keep one valid chain per portal', async () => {
      const { log } = await setUp({ maxBatch: 16 });
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          log.append({ portalId: `p${i % 3}.example`, submission: submission() }),
        ),
      );
      for (const portalId of ['p0.example', 'p1.example', 'p2.example']) {
        const seqs = results
          .filter((r) => r.record.portalId === portalId)
          .map((r) => r.record.seq)
          .sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect(await log.verify(portalId)).toMatchObject({ ok: true, checked: 40 });
      }
    });

    it('stores a retried event once and answers with the original record', async () => {
      const { log } = await setUp();
      const s = submission();
      const [a, b] = await Promise.all([
        log.append({ portalId: 'p.example', submission: s }),
        log.append({ portalId: 'p.example', submission: s }),
      ]);
      const later = await log.append({
        portalId: 'p.example',
        submission: { ...s, action: 'accept_all' },
      });
      expect([a!.duplicate, b!.duplicate]).toEqual([false, true]);
      expect(b!.record).toEqual(a!.record);
      expect(later).toEqual({ record: a!.record, duplicate: true });
      // The same event id on another portal, or for another visitor, is another event.
      const elsewhere = await log.append({ portalId: 'q.example', submission: s });
      expect(elsewhere.duplicate).toBe(false);
      const otherVisitor = await log.append({
        portalId: 'p.example',
        submission: { ...s, consentId: randomUUID() },
      });
      expect(otherVisitor.duplicate).toBe(false);
      expect(await all(log.records('p.example'))).toHaveLength(2);
    });

    it('shows a visitor only their own history, oldest first', async () => {
      const { log } = await setUp();
      const consentId = randomUUID();
      const mine = [
        submission({ consentId, action: 'accept_all', choices: { necessary: true } }),
        submission({ consentId, action: 'withdraw', revision: REVISION_B }),
      ];
      for (const s of mine.slice(0, 1)) await log.append({ portalId: 'p.example', submission: s });
      await log.append({ portalId: 'p.example', submission: submission() });
      await log.append({ portalId: 'other.example', submission: submission({ consentId }) });
      await log.append({ portalId: 'p.example', submission: mine[1]! });
      const history = await log.history('p.example', consentId);
      expect(history.map((r) => [r.eventId, r.action, r.revision])).toEqual([
        [mine[0]!.eventId, 'accept_all', REVISION_A],
        [mine[1]!.eventId, 'withdraw', REVISION_B],
      ]);
      expect(await log.history('p.example', randomUUID())).toEqual([]);
      expect((await log.history('p.example', consentId, 1)).map((r) => r.action)).toEqual([
        'withdraw',
      ]);
    });

    it('streams records page by page, in chain order, within a time range', async () => {
      const time = clock('2026-01-01T00:00:00.000Z');
      const { log } = await setUp({ now: time.now, pageSize: 3 });
      for (let i = 0; i < 10; i++) {
        time.set(`2026-01-${String(i + 1).padStart(2, '0')}T12:00:00.000Z`);
        await log.append({ portalId: 'p.example', submission: submission() });
      }
      const every = await all(log.records('p.example'));
      expect(every.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(verifyChain(every).ok).toBe(true);
      const some = await all(
        log.records('p.example', {
          from: '2026-01-03T00:00:00.000Z',
          to: '2026-01-07T12:00:00.000Z',
        }),
      );
      expect(some.map((r) => r.seq)).toEqual([3, 4, 5, 6, 7]);
      // A range export verifies on its own from the link its first record carries.
      const [head, ...rest] = some;
      const fromFirst = { seq: head!.seq - 1, hash: head!.prevHash };
      expect(verifyChain([head!, ...rest], { checkpoint: fromFirst }).ok).toBe(true);
      // Leaving early releases the snapshot: appends go on afterwards.
      for await (const r of log.records('p.example')) if (r.seq === 2) break;
      await log.append({ portalId: 'p.example', submission: submission() });
    });

    it('reads in pages of their own when asked to share the connection: appends go on meanwhile', async () => {
      const { log, db } = await setUp({ pageSize: 3 });
      for (let i = 0; i < 7; i++) {
        await log.append({ portalId: 'p.example', submission: submission() });
      }
      const seen: number[] = [];
      for await (const r of log.records('p.example', {}, { shareConnection: true })) {
        seen.push(r.seq);
        // On one SQLite connection, a snapshot would hold this append until the loop ends.
        if (r.seq === 2) await log.append({ portalId: 'p.example', submission: submission() });
      }
      // Bounded by the head read first: the append made during the read is not half-included.
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await log.verify('p.example', { shareConnection: true })).toMatchObject({
        ok: true,
        checked: 8,
      });
      await db
        .updateTable('consent_records')
        .where('portal_id', '=', 'p.example')
        .where('seq', '=', 5)
        .set({ action: 'accept_all' })
        .execute();
      expect((await log.verify('p.example', { shareConnection: true })).firstBreak).toMatchObject({
        reason: 'edited',
        seq: 5,
      });
    });

    it('reports records edited, removed or inserted directly in the database', async () => {
      const { log, db } = await setUp();
      const records: ConsentRecord[] = [];
      for (let i = 0; i < 6; i++) {
        records.push(
          (await log.append({ portalId: 'p.example', submission: submission() })).record,
        );
      }
      expect(await log.verify('p.example')).toMatchObject({ ok: true, checked: 6 });
      const where = (seq: number) =>
        db
          .updateTable('consent_records')
          .where('portal_id', '=', 'p.example')
          .where('seq', '=', seq);

      await where(3).set({ choices: '{"marketing":true,"necessary":true}' }).execute();
      expect((await log.verify('p.example')).firstBreak).toEqual({
        reason: 'edited',
        seq: 3,
        eventId: records[2]!.eventId,
      });
      await where(3)
        .set({ choices: '{"marketing":false,"necessary":true,"statistics":true}' })
        .execute();
      expect((await log.verify('p.example')).ok).toBe(true);

      await db.deleteFrom('consent_records').where('seq', '=', 4).execute();
      expect((await log.verify('p.example')).firstBreak).toEqual({
        reason: 'removed',
        seq: 4,
        lastSeq: 4,
      });
      await db.deleteFrom('consent_records').where('seq', '>=', 5).execute();
      expect((await log.verify('p.example')).firstBreak).toEqual({
        reason: 'removed',
        seq: 4,
        lastSeq: 6,
      });
      const forged = {
        ...records[2]!,
        seq: 4,
        eventId: randomUUID(),
        prevHash: records[2]!.hash,
      };
      await db
        .insertInto('consent_records')
        .values({
          portal_id: 'p.example',
          seq: 4,
          event_id: forged.eventId,
          consent_id: forged.consentId,
          revision: forged.revision,
          choices: '{"necessary":true}',
          action: 'custom',
          source: 'api',
          lang: 'fr',
          recorded_at: forged.recordedAt,
          expires_at: forged.expiresAt,
          client_pseudonym: null,
          prev_hash: forged.prevHash,
          hash: `sha256:${'e'.repeat(64)}`,
        })
        .execute();
      await db
        .updateTable('consent_chains')
        .set({ head_seq: 3, head_hash: records[2]!.hash })
        .execute();
      expect((await log.verify('p.example')).firstBreak).toEqual({
        reason: 'inserted',
        seq: 4,
        eventId: forged.eventId,
      });
    });

    it('purges old records and keeps the rest verifiable from a checkpoint', async () => {
      const time = clock('2025-01-01T00:00:00.000Z');
      const { log } = await setUp({ now: time.now });
      const consentId = randomUUID();
      const days = ['2025-01-01', '2025-01-02', '2025-06-01', '2025-06-02'];
      const records: ConsentRecord[] = [];
      for (const day of days) {
        time.set(`${day}T08:00:00.000Z`);
        const { record } = await log.append({
          portalId: 'p.example',
          submission: submission({ consentId }),
        });
        records.push(record);
      }
      time.set('2026-01-01T00:00:00.000Z');
      const dryRun = await log.purge('p.example', new Date('2025-03-01T00:00:00Z'), {
        dryRun: true,
      });
      expect(dryRun).toEqual({
        portalId: 'p.example',
        purged: 2,
        checkpoint: { seq: 2, hash: records[1]!.hash },
      });
      expect(await log.verify('p.example')).toMatchObject({ ok: true, checked: 4 });
      const result = await log.purge('p.example', new Date('2025-03-01T00:00:00Z'));
      expect(result).toEqual({
        portalId: 'p.example',
        purged: 2,
        checkpoint: { seq: 2, hash: records[1]!.hash },
      });
      expect((await log.chain('p.example'))?.checkpoint).toEqual({
        seq: 2,
        hash: records[1]!.hash,
        purgedAt: '2026-01-01T00:00:00.000Z',
      });
      expect(await log.verify('p.example')).toMatchObject({ ok: true, checked: 2 });
      expect((await log.history('p.example', consentId)).map((r) => r.seq)).toEqual([3, 4]);
      // Statistics outlive the records they counted.
      expect((await log.dailyStats('p.example', '2025-01-01', '2025-01-02')).length).toBe(2);

      expect(await log.purge('p.example', new Date('2025-03-01T00:00:00Z'))).toMatchObject({
        purged: 0,
        checkpoint: { seq: 2 },
      });
      expect(await log.purge('p.example', new Date('2030-01-01T00:00:00Z'))).toMatchObject({
        purged: 2,
        checkpoint: { seq: 4, hash: records[3]!.hash },
      });
      expect(await log.verify('p.example')).toMatchObject({ ok: true, checked: 0 });
      const next = await log.append({ portalId: 'p.example', submission: submission() });
      expect(next.record).toMatchObject({ seq: 5, prevHash: records[3]!.hash });
      expect(await log.verify('p.example')).toMatchObject({ ok: true, checked: 1 });
      expect(await log.purge('nothing.example', new Date())).toEqual({
        portalId: 'nothing.example',
        purged: 0,
      });
    });

    it('purges a long prefix in transactions of at most purgeBatch records, to the same checkpoint', async () => {
      const time = clock('2025-01-01T00:00:00.000Z');
      // Each purge transaction stamps the checkpoint it moves: counting clock reads counts them.
      let reads = 0;
      const now = () => (reads++, time.now());
      const { log } = await setUp({ now, purgeBatch: 3 });
      const old = await Promise.all(
        Array.from({ length: 10 }, () =>
          log.append({ portalId: 'p.example', submission: submission() }),
        ),
      );
      time.set('2025-06-01T00:00:00.000Z');
      const kept = await log.append({ portalId: 'p.example', submission: submission() });
      const last = old.map((a) => a.record).sort((a, b) => a.seq - b.seq)[9]!;
      reads = 0;
      expect(await log.purge('p.example', new Date('2025-03-01T00:00:00Z'))).toEqual({
        portalId: 'p.example',
        purged: 10,
        checkpoint: { seq: 10, hash: last.hash },
      });
      expect(reads).toBe(4); // 3 + 3 + 3 + 1
      expect(await log.verify('p.example')).toMatchObject({ ok: true, checked: 1 });
      expect(kept.record.seq).toBe(11);
    });

    it('counts each day per revision: actions and acceptance per category', async () => {
      const time = clock('2026-03-01T10:00:00.000Z');
      const { log } = await setUp({ now: time.now });
      const add = (s: Partial<ConsentSubmission>) =>
        log.append({ portalId: 'p.example', submission: submission(s) });
      await Promise.all([
        add({ action: 'accept_all', choices: { necessary: true, statistics: true } }),
        add({ action: 'accept_all', choices: { necessary: true, statistics: true } }),
        add({ action: 'reject_all', choices: { necessary: true, statistics: false } }),
        add({ revision: REVISION_B }),
      ]);
      time.set('2026-03-02T23:59:59.999Z');
      await add({ action: 'withdraw', choices: { necessary: true, statistics: false } });
      await log.append({ portalId: 'other.example', submission: submission() });

      expect(await log.dailyStats('p.example', '2026-03-01', '2026-03-02')).toEqual([
        {
          day: '2026-03-01',
          revision: REVISION_A,
          total: 3,
          actions: { accept_all: 2, reject_all: 1, custom: 0, withdraw: 0 },
          categories: {
            necessary: { chosen: 3, accepted: 3 },
            statistics: { chosen: 3, accepted: 2 },
          },
        },
        {
          day: '2026-03-01',
          revision: REVISION_B,
          total: 1,
          actions: { accept_all: 0, reject_all: 0, custom: 1, withdraw: 0 },
          categories: {
            marketing: { chosen: 1, accepted: 0 },
            necessary: { chosen: 1, accepted: 1 },
            statistics: { chosen: 1, accepted: 1 },
          },
        },
        {
          day: '2026-03-02',
          revision: REVISION_A,
          total: 1,
          actions: { accept_all: 0, reject_all: 0, custom: 0, withdraw: 1 },
          categories: {
            necessary: { chosen: 1, accepted: 1 },
            statistics: { chosen: 1, accepted: 0 },
          },
        },
      ]);
      expect(await log.dailyStats('p.example', '2026-03-02', '2026-03-02')).toHaveLength(1);
      expect(await log.dailyStats('p.example', '2026-04-01', '2026-04-30')).toEqual([]);
    });

    it('adds anonymous banner counts per portal, day and revision, and reads a period back', async () => {
      const { log } = await setUp();
      await log.addBannerViews([
        { portalId: 'p.example', day: '2026-03-02', revision: REVISION_A, shown: 3 },
        { portalId: 'p.example', day: '2026-03-01', revision: REVISION_B, shown: 1 },
        { portalId: 'other.example', day: '2026-03-01', revision: REVISION_A, shown: 9 },
      ]);
      await log.addBannerViews([
        { portalId: 'p.example', day: '2026-03-02', revision: REVISION_A, shown: 2 },
        { portalId: 'p.example', day: '2026-03-03', revision: REVISION_A, shown: 0 },
      ]);
      await log.addBannerViews([]);
      expect(await log.bannerViews('p.example', '2026-03-01', '2026-03-03')).toEqual([
        { portalId: 'p.example', day: '2026-03-01', revision: REVISION_B, shown: 1 },
        { portalId: 'p.example', day: '2026-03-02', revision: REVISION_A, shown: 5 },
      ]);
      expect(await log.bannerViews('p.example', '2026-03-02', '2026-03-02')).toHaveLength(1);
      expect(await log.bannerViews('nobody.example', '2026-01-01', '2026-12-31')).toEqual([]);
    });

    it('sums a period for a set of portals: by day, by category, by portal and revision', async () => {
      const time = clock('2026-03-01T10:00:00.000Z');
      const { log } = await setUp({ now: time.now });
      const add = (portalId: string, s: Partial<ConsentSubmission>) =>
        log.append({ portalId, submission: submission(s) });
      await Promise.all([
        add('p.example', { action: 'accept_all', choices: { necessary: true, statistics: true } }),
        add('p.example', { action: 'reject_all', choices: { necessary: true, statistics: false } }),
        add('q.example', { action: 'accept_all', choices: { necessary: true, statistics: true } }),
      ]);
      time.set('2026-03-02T08:00:00.000Z');
      await add('p.example', { revision: REVISION_B });
      await log.addBannerViews([
        { portalId: 'p.example', day: '2026-03-01', revision: REVISION_A, shown: 4 },
        { portalId: 'q.example', day: '2026-03-01', revision: REVISION_A, shown: 2 },
        { portalId: 'p.example', day: '2026-03-03', revision: REVISION_B, shown: 1 },
      ]);
      const p = await log.summary({ portals: ['p.example'], from: '2026-03-01', to: '2026-03-31' });
      expect(p.days).toEqual([
        {
          day: '2026-03-01',
          total: 2,
          actions: { accept_all: 1, reject_all: 1, custom: 0, withdraw: 0 },
          shown: 4,
        },
        {
          day: '2026-03-02',
          total: 1,
          actions: { accept_all: 0, reject_all: 0, custom: 1, withdraw: 0 },
          shown: 0,
        },
        {
          day: '2026-03-03',
          total: 0,
          actions: { accept_all: 0, reject_all: 0, custom: 0, withdraw: 0 },
          shown: 1,
        },
      ]);
      expect(p.categories).toEqual({
        marketing: { chosen: 1, accepted: 0 },
        necessary: { chosen: 3, accepted: 3 },
        statistics: { chosen: 3, accepted: 2 },
      });
      expect(p.revisions.map((r) => [r.revision, r.first, r.total, r.shown])).toEqual([
        [REVISION_A, '2026-03-01', 2, 4],
        [REVISION_B, '2026-03-02', 1, 1],
      ]);
      const all = await log.summary({ portals: 'all', from: '2026-03-01', to: '2026-03-01' });
      expect(all.days).toEqual([
        {
          day: '2026-03-01',
          total: 3,
          actions: { accept_all: 2, reject_all: 1, custom: 0, withdraw: 0 },
          shown: 6,
        },
      ]);
      expect(all.revisions.map((r) => r.portalId)).toEqual(['p.example', 'q.example']);
      expect(await log.summary({ portals: [], from: '2026-03-01', to: '2026-03-31' })).toEqual({
        days: [],
        categories: {},
        revisions: [],
      });
    });

    it('sums the same from its cache of closed days as from the tables, and sees later writes', async () => {
      const time = clock('2026-03-01T10:00:00.000Z');
      const { log, db } = await setUp({ now: time.now });
      const add = (portalId: string, s: Partial<ConsentSubmission>) =>
        log.append({ portalId, submission: submission(s) });
      const periods = [
        ['2026-03-01', '2026-03-31'],
        ['2026-03-01', '2026-03-02'],
        ['2026-03-02', '2026-03-05'],
        ['2026-03-05', '2026-03-05'],
      ] as const;
      const same = async () => {
        for (const portals of ['all', ['p.example'], ['q.example', 'p.example']] as const) {
          for (const [from, to] of periods) {
            const query = { portals, from, to };
            expect(await log.summary(query), `${String(portals)} ${from}..${to}`).toEqual(
              await readConsentSummary(db, query),
            );
          }
        }
      };
      await add('p.example', { action: 'accept_all', choices: { necessary: true, video: true } });
      await add('q.example', { action: 'reject_all', choices: { necessary: true, video: false } });
      await log.addBannerViews([
        { portalId: 'p.example', day: '2026-03-01', revision: REVISION_A, shown: 4 },
      ]);
      time.set('2026-03-02T09:00:00.000Z');
      await add('p.example', { action: 'custom', revision: REVISION_B });
      time.set('2026-03-05T12:00:00.000Z');
      await add('p.example', { action: 'withdraw', revision: REVISION_B });
      await log.addBannerViews([
        { portalId: 'p.example', day: '2026-03-05', revision: REVISION_B, shown: 2 },
      ]);
      // Twice: the second time the closed days (1 to 3 March) come from the cache.
      await same();
      await same();
      // Today's choices are counted at once.
      await add('q.example', { action: 'accept_all', revision: REVISION_B });
      await same();
      // A write into a closed day (the clock moved back) is seen too.
      time.set('2026-03-01T18:00:00.000Z');
      await add('p.example', { action: 'accept_all' });
      time.set('2026-03-05T12:01:00.000Z');
      await same();
    });

    it('keeps acknowledged records across a reopen', async () => {
      const { log, reopen, logOptions } = await setUp();
      if (!reopen) return;
      const acknowledged = await Promise.all(
        Array.from({ length: 20 }, () =>
          log.append({ portalId: 'p.example', submission: submission() }),
        ),
      );
      const database = await reopen();
      handles.push(database);
      const again = openConsentLog(database, logOptions);
      const stored = await all(again.records('p.example'));
      expect(stored).toEqual(acknowledged.map((a) => a.record).sort((a, b) => a.seq - b.seq));
      expect((await again.verify('p.example')).ok).toBe(true);
    });

    it('drains pending appends', async () => {
      const { log } = await setUp();
      const settled: number[] = [];
      for (let i = 0; i < 5; i++) {
        void log
          .append({ portalId: 'p.example', submission: submission() })
          .then(() => settled.push(i));
      }
      await log.drain();
      await Promise.resolve();
      expect(settled).toHaveLength(5);
    });
  });
}
