import type { ConsentSummary, ConsentSummaryQuery } from './consent-log.js';

const DAY_MS = 86_400_000;
const MAX_ENTRIES = 256;
/** Bounds how long anything written behind the log's back (direct SQL) can go unseen. */
const MAX_AGE_MS = 10 * 60_000;

type Revisions = ConsentSummary['revisions'];
type Entry = { readonly summary: ConsentSummary; readonly at: number };

/**
 * Keeps the sums of closed days. Appends are counted on the day they are recorded, so every day
 * before yesterday is final: a statistics page over 30 days or two years reads only yesterday
 * and today from the database and takes the rest from here. Across 500 portals that is the
 * difference between summing 15,000 daily rows per page and summing 1,000. A write into a
 * closed day (a clock moved back, a test) empties the cache.
 */
export class SummaryCache {
  readonly #read: (query: ConsentSummaryQuery) => Promise<ConsentSummary>;
  readonly #now: () => Date;
  readonly #entries = new Map<string, Entry>();
  /** The latest day any cached sum ends before: a write before it may change one. */
  #closedBefore = '';
  /** Counts the times the cache was emptied, so a read that overlapped one is not kept. */
  #generation = 0;

  constructor(read: (query: ConsentSummaryQuery) => Promise<ConsentSummary>, now: () => Date) {
    this.#read = read;
    this.#now = now;
  }

  async summary(query: ConsentSummaryQuery): Promise<ConsentSummary> {
    const open = this.#openFrom();
    if (query.to < open) return this.#closed(query);
    if (query.from >= open) return this.#read(query);
    const [closed, live] = await Promise.all([
      this.#closed({ ...query, to: previousDay(open) }),
      this.#read({ ...query, from: open }),
    ]);
    return mergeSummaries(closed, live);
  }

  /** Tells the cache a write counted choices or banners on `day` (YYYY-MM-DD). */
  wrote(day: string): void {
    if (day < this.#closedBefore) this.clear();
  }

  clear(): void {
    this.#entries.clear();
    this.#generation += 1;
  }

  /** Yesterday: the first day that may still change (a batch begun before midnight). */
  #openFrom(): string {
    return new Date(this.#now().getTime() - DAY_MS).toISOString().slice(0, 10);
  }

  async #closed(query: ConsentSummaryQuery): Promise<ConsentSummary> {
    const portals = query.portals === 'all' ? 'all' : [...query.portals].sort().join('\n');
    const key = `${query.from}\n${query.to}\n${portals}`;
    const now = this.#now().getTime();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < MAX_AGE_MS && now >= hit.at) {
      // Most recently used last, so the first key is the one to evict.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.summary;
    }
    // Before the read: a write into these days while it runs must empty the cache, or the sum
    // read before the write would be kept.
    const before = nextDay(query.to);
    if (before > this.#closedBefore) this.#closedBefore = before;
    const generation = this.#generation;
    const summary = await this.#read(query);
    if (generation !== this.#generation) return summary;
    this.#entries.delete(key);
    this.#entries.set(key, { summary, at: now });
    if (this.#entries.size > MAX_ENTRIES) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return summary;
  }
}

const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
const previousDay = (day: string): string => shift(day, -1);
const nextDay = (day: string): string => shift(day, 1);

/**
 * Two summaries of consecutive periods as one: days side by side, categories and revisions
 * summed (a revision seen in both keeps the first day of the earlier and the last of the later).
 */
export function mergeSummaries(earlier: ConsentSummary, later: ConsentSummary): ConsentSummary {
  const categories: Record<string, { chosen: number; accepted: number }> = {};
  for (const part of [earlier.categories, later.categories]) {
    for (const [id, c] of Object.entries(part)) {
      const sum = (categories[id] ??= { chosen: 0, accepted: 0 });
      sum.chosen += c.chosen;
      sum.accepted += c.accepted;
    }
  }
  const revisions = new Map<string, Revisions[number]>();
  for (const r of [...earlier.revisions, ...later.revisions]) {
    const key = `${r.portalId}\n${r.revision}`;
    const seen = revisions.get(key);
    if (!seen) {
      revisions.set(key, r);
      continue;
    }
    const first = seen.first ?? r.first;
    const last = r.last ?? seen.last;
    revisions.set(key, {
      portalId: r.portalId,
      revision: r.revision,
      ...(first === undefined ? {} : { first }),
      ...(last === undefined ? {} : { last }),
      total: seen.total + r.total,
      actions: {
        accept_all: seen.actions.accept_all + r.actions.accept_all,
        reject_all: seen.actions.reject_all + r.actions.reject_all,
        custom: seen.actions.custom + r.actions.custom,
        withdraw: seen.actions.withdraw + r.actions.withdraw,
      },
      shown: seen.shown + r.shown,
    });
  }
  return {
    days: [...earlier.days, ...later.days],
    categories: Object.fromEntries(
      Object.keys(categories)
        .sort(compare)
        .map((id) => [id, categories[id]!]),
    ),
    revisions: [...revisions.values()].sort(
      (a, b) => compare(a.portalId, b.portalId) || compare(a.first ?? '', b.first ?? ''),
    ),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
