import type { Cookie } from 'playwright-core';
import type { CookieEvent, Recording, Setter as RawSetter } from '../browser/scenario-recorder.js';
import type {
  CookieObservation,
  RequestObservation,
  Setter,
  StorageObservation,
} from '../scan-result.js';
import { domainMatches, hostOf, sameSite } from '../site.js';
import { calendarMonths } from './parse-set-cookie.js';

const UNCLASSIFIED = { category: 'unknown', source: 'unknown' as const };
const MAX_SETTERS = 5;
const MAX_URLS = 5;
const DAY_MS = 86_400_000;

export interface Observations {
  cookies: CookieObservation[];
  storage: StorageObservation[];
  requests: RequestObservation[];
}

/** Turns one scenario's raw recording into observations (not yet classified). */
export function buildObservations(recording: Recording, targetHost: string): Observations {
  return {
    cookies: cookieObservations(recording, targetHost),
    storage: storageObservations(recording, targetHost),
    requests: requestObservations(recording),
  };
}

const bare = (domain: string) => domain.replace(/^\./, '').toLowerCase();
const cookieKey = (name: string, domain: string) => `${name}\u0000${bare(domain)}`;

function cookieObservations(recording: Recording, targetHost: string): CookieObservation[] {
  const choice = recording.choiceTime;
  const after = (time: number) => choice !== undefined && time >= choice;
  const byKey = new Map<
    string,
    { cookie: Cookie; snapshots: { afterChoice: boolean; url: string }[] }
  >();
  for (const snapshot of recording.snapshots) {
    for (const cookie of snapshot.cookies) {
      const key = cookieKey(cookie.name, cookie.domain);
      const entry = byKey.get(key) ?? { cookie, snapshots: [] };
      entry.cookie = cookie;
      entry.snapshots.push({ afterChoice: snapshot.afterChoice, url: snapshot.url });
      byKey.set(key, entry);
    }
  }
  // Written by a script but gone by the next snapshot (e.g. deleted by the banner right away):
  // still written, so still observed. Headers are not trusted alone: browsers reject many
  // third-party Set-Cookie lines, and only the store says which ones they kept.
  for (const w of recording.cookieEvents) {
    const key = cookieKey(w.name, w.host);
    if (
      w.setter.via !== 'script' ||
      w.deletes ||
      byKey.has(key) ||
      [...byKey.values()].some(
        (e) => e.cookie.name === w.name && domainMatches(e.cookie.domain, w.host),
      )
    )
      continue;
    byKey.set(key, {
      cookie: {
        name: w.name,
        value: '',
        domain: w.domain ? `.${w.domain}` : w.host,
        path: w.path ?? '/',
        expires: w.expiresAt === undefined ? -1 : w.expiresAt / 1000,
        httpOnly: w.httpOnly,
        secure: w.secure,
        sameSite: (w.sameSite as Cookie['sameSite']) ?? 'Lax',
      },
      snapshots: [],
    });
  }
  const out: CookieObservation[] = [];
  for (const { cookie, snapshots } of byKey.values()) {
    const events = recording.cookieEvents.filter(
      (e) => e.name === cookie.name && bare(e.host) === bare(cookie.domain) && !e.deletes,
    );
    // A host-only cookie written by script has the frame's host: same key. A write whose domain
    // differs only by the leading dot is the same cookie; anything else stays apart.
    const writes =
      events.length > 0
        ? events
        : recording.cookieEvents.filter(
            (e) => e.name === cookie.name && !e.deletes && domainMatches(cookie.domain, e.host),
          );
    const last = writes.at(-1);
    const pages = unique([
      ...writes.map((w) => recording.visitUrls[w.visit] ?? ''),
      ...snapshots.map((s) => s.url),
    ]).filter(Boolean);
    out.push({
      name: cookie.name,
      domain: cookie.domain,
      path: cookie.path,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite,
      party: sameSite(bare(cookie.domain), targetHost) ? 'first' : 'third',
      lifetime: last ? writeLifetime(last) : storeLifetime(cookie, recording),
      ...(cookie.expires > 0 ? { expires: new Date(cookie.expires * 1000).toISOString() } : {}),
      renewed: isRenewed(
        writes,
        recording.cookieEvents.filter(
          (e) =>
            e.deletes &&
            e.name === cookie.name &&
            (bare(e.host) === bare(cookie.domain) || domainMatches(cookie.domain, e.host)),
        ),
      ),
      beforeChoice: snapshots.some((s) => !s.afterChoice) || writes.some((w) => !after(w.time)),
      afterChoice: snapshots.some((s) => s.afterChoice) || writes.some((w) => after(w.time)),
      writtenAfterChoice: writes.some((w) => after(w.time)),
      pages,
      setBy: setters(
        writes.map((w) => w.setter),
        recording,
      ),
      classification: { ...UNCLASSIFIED },
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.domain.localeCompare(b.domain));
}

function writeLifetime(write: CookieEvent): CookieObservation['lifetime'] {
  const from = write.setter.via === 'http' ? ('header' as const) : ('script' as const);
  if (write.expiresAt === undefined) return { session: true, from };
  return {
    session: false,
    days: round((write.expiresAt - write.time) / DAY_MS),
    months: calendarMonths(write.time, write.expiresAt),
    from,
  };
}

/** No write was caught (e.g. set by a service worker): the browser's own, capped, expiry. */
function storeLifetime(cookie: Cookie, recording: Recording): CookieObservation['lifetime'] {
  if (cookie.expires <= 0) return { session: true, from: 'browser' };
  const seen = recording.snapshots.find((s) => s.cookies.some((c) => c.name === cookie.name))?.time;
  const base = seen ?? Date.now();
  return {
    session: false,
    days: round((cookie.expires * 1000 - base) / DAY_MS),
    months: calendarMonths(base, cookie.expires * 1000),
    from: 'browser',
  };
}

/**
 * Renewed: written again on a later page view with an expiry further in the future, every
 * time it was written again (a cookie rewritten with the same fixed date is not renewed). A
 * cookie deleted in between (by the banner, after a choice) and then written anew was created
 * again, not renewed.
 */
function isRenewed(writes: readonly CookieEvent[], deletions: readonly CookieEvent[]): boolean {
  const perVisit = new Map<number, CookieEvent>();
  for (const w of writes) perVisit.set(w.visit, w);
  const ordered = [...perVisit.values()].sort((a, b) => a.visit - b.visit);
  if (ordered.length < 2) return false;
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1]!.expiresAt;
    const now = ordered[i]!.expiresAt;
    if (before === undefined || now === undefined || now <= before) return false;
    const [from, to] = [ordered[i - 1]!.time, ordered[i]!.time];
    if (deletions.some((d) => d.time >= from && d.time <= to)) return false;
  }
  return true;
}

function storageObservations(recording: Recording, targetHost: string): StorageObservation[] {
  const choice = recording.choiceTime;
  const after = (time: number) => choice !== undefined && time >= choice;
  type Entry = {
    kind: StorageObservation['kind'];
    origin: string;
    name: string;
    snaps: { afterChoice: boolean; url: string }[];
  };
  const byKey = new Map<string, Entry>();
  const keyOf = (kind: string, origin: string, name: string) =>
    `${kind}\u0000${origin}\u0000${name}`;
  const entry = (kind: Entry['kind'], origin: string, name: string) => {
    const key = keyOf(kind, origin, name);
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { kind, origin, name, snaps: [] }));
    return e;
  };
  for (const snapshot of recording.snapshots) {
    for (const s of snapshot.storage) {
      entry(s.kind, s.origin, s.name).snaps.push({
        afterChoice: snapshot.afterChoice,
        url: snapshot.url,
      });
    }
  }
  for (const w of recording.storageEvents) entry(w.kind, w.origin, w.name);
  const out: StorageObservation[] = [];
  for (const e of byKey.values()) {
    const writes = recording.storageEvents.filter(
      (w) => w.kind === e.kind && w.origin === e.origin && w.name === e.name,
    );
    out.push({
      kind: e.kind,
      origin: e.origin,
      name: e.name,
      party: sameSite(hostOf(e.origin), targetHost) ? 'first' : 'third',
      beforeChoice: e.snaps.some((s) => !s.afterChoice) || writes.some((w) => !after(w.time)),
      afterChoice: e.snaps.some((s) => s.afterChoice) || writes.some((w) => after(w.time)),
      writtenAfterChoice: writes.some((w) => after(w.time)),
      pages: unique([
        ...writes.map((w) => recording.visitUrls[w.visit] ?? ''),
        ...e.snaps.map((s) => s.url),
      ]).filter(Boolean),
      setBy: setters(
        writes.map((w) => w.setter),
        recording,
      ),
      classification: { ...UNCLASSIFIED },
    });
  }
  return out.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.origin.localeCompare(b.origin) ||
      a.name.localeCompare(b.name),
  );
}

function requestObservations(recording: Recording): RequestObservation[] {
  const choice = recording.choiceTime;
  const byHost = new Map<string, RequestObservation>();
  for (const r of recording.requests) {
    const before = choice === undefined || r.time < choice;
    let o = byHost.get(r.host);
    if (!o) {
      o = {
        host: r.host,
        types: [],
        count: 0,
        urls: [],
        beforeChoice: false,
        afterChoice: false,
        pages: [],
        initiators: [],
        classification: { ...UNCLASSIFIED },
      };
      byHost.set(r.host, o);
    }
    o.count += 1;
    if (!o.types.includes(r.type)) o.types.push(r.type);
    if (o.urls.length < MAX_URLS && !o.urls.includes(r.url)) o.urls.push(r.url);
    if (before) o.beforeChoice = true;
    else o.afterChoice = true;
    const page = recording.visitUrls[r.visit];
    if (page && !o.pages.includes(page)) o.pages.push(page);
    const by = recording.initiators.get(r.url);
    if (by && o.initiators.length < MAX_URLS && !o.initiators.includes(by)) o.initiators.push(by);
  }
  return [...byHost.values()].sort((a, b) => a.host.localeCompare(b.host));
}

/** Setters as evidence, with each response's chain of initiators resolved. */
function setters(raw: readonly RawSetter[], recording: Recording): Setter[] {
  const out: Setter[] = [];
  const seen = new Set<string>();
  for (const s of raw) {
    const key = s.via === 'http' ? `h ${s.url}` : `s ${s.script ?? s.stack[0] ?? s.frame}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (s.via === 'http') out.push({ ...s, initiators: initiatorChain(s.url, recording) });
    else out.push(s);
    if (out.length >= MAX_SETTERS) break;
  }
  return out;
}

export function initiatorChain(url: string, recording: Recording): string[] {
  const chain: string[] = [];
  let at = recording.initiators.get(url);
  while (at && !chain.includes(at) && chain.length < 6) {
    chain.push(at);
    at = recording.initiators.get(at);
  }
  return chain;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
