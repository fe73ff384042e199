import type { Declaration, PortalContent } from '@galette/core';
import type { Observations } from '../observe/build-observations.js';
import type { Classification, Setter } from '../scan-result.js';
import { domainMatches, hostOf, sameSite } from '../site.js';
import type { CookieKnowledge } from './cookie-knowledge.js';
import { heuristicForHost, heuristicForName } from './heuristics.js';

export interface ClassifyContext {
  readonly portal?: PortalContent;
  readonly database?: CookieKnowledge;
  readonly targetHost: string;
}

type Kind = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';

const wildcard = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/**
 * The declaration an observed cookie or key falls under: same storage, name equal or matching
 * its `*` pattern, and on the declared domain — a `domain` must cover the host; without one a
 * first-party declaration only covers the portal's own site and a third-party one only other
 * sites. So a portal's `sessionid` is never Instagram's. Exact names beat patterns.
 */
export function matchDeclaration(
  declarations: readonly Declaration[],
  observed: { kind: Kind; name: string; host: string },
  targetHost: string,
): number | undefined {
  let best: { index: number; score: number } | undefined;
  declarations.forEach((d, index) => {
    const storage = observed.kind === 'indexedDB' ? 'localStorage' : observed.kind;
    if (d.storage !== storage) return;
    const exact = d.name === observed.name;
    if (!exact && !(d.name.includes('*') && wildcard(d.name).test(observed.name))) return;
    const first = sameSite(observed.host, targetHost);
    if (d.domain) {
      if (!domainMatches(d.domain, observed.host)) return;
    } else if ((d.party === 'first') !== first) return;
    const score = (exact ? 2 : 0) + (d.domain ? 1 : 0);
    if (!best || score > best.score) best = { index, score };
  });
  return best?.index;
}

/** Declared hosts (`hosts`) cover their subdomains' requests too. */
export function matchDeclaredHost(
  declarations: readonly Declaration[],
  host: string,
): number | undefined {
  const index = declarations.findIndex((d) =>
    (d.hosts ?? []).some((h) => host === h || host.endsWith(`.${h}`)),
  );
  return index === -1 ? undefined : index;
}

function setterHost(setBy: readonly Setter[]): string | undefined {
  for (const s of setBy) {
    const url = s.via === 'http' ? s.url : s.script;
    if (url) return hostOf(url);
  }
  return undefined;
}

function classifyName(
  ctx: ClassifyContext,
  kind: Kind,
  name: string,
  host: string,
  setBy: readonly Setter[],
): Classification {
  const fromDatabase = ctx.database?.lookup(name, host);
  const database = fromDatabase
    ? {
        databaseCategory: fromDatabase.category,
        ...(fromDatabase.platform ? { databasePlatform: fromDatabase.platform } : {}),
      }
    : {};
  const declarations = ctx.portal?.declarations ?? [];
  const index = matchDeclaration(declarations, { kind, name, host }, ctx.targetHost);
  if (index !== undefined) {
    const d = declarations[index]!;
    return {
      category: d.category,
      source: 'declaration',
      declaration: index,
      detail: d.name,
      ...(d.consentExempt ? { consentExempt: true } : {}),
      ...database,
    };
  }
  if (fromDatabase && fromDatabase.category !== 'unknown') {
    return {
      category: fromDatabase.category,
      source: 'cookie-database',
      ...(fromDatabase.detail ? { detail: fromDatabase.detail } : {}),
      ...database,
    };
  }
  const guess =
    heuristicForName(name) ??
    heuristicForHost(host) ??
    (setterHost(setBy) ? heuristicForHost(setterHost(setBy)!) : undefined);
  if (guess) return { category: guess.category, source: 'heuristic', detail: guess.detail };
  return { category: 'unknown', source: 'unknown' };
}

/** Classifies every observation of a scenario in place. */
export function classifyObservations(observations: Observations, ctx: ClassifyContext): void {
  for (const c of observations.cookies) {
    c.classification = classifyName(ctx, 'cookie', c.name, c.domain.replace(/^\./, ''), c.setBy);
  }
  for (const s of observations.storage) {
    s.classification = classifyName(ctx, s.kind, s.name, hostOf(s.origin), s.setBy);
  }
  const declarations = ctx.portal?.declarations ?? [];
  for (const r of observations.requests) {
    const index = matchDeclaredHost(declarations, r.host);
    if (index !== undefined) {
      const d = declarations[index]!;
      r.classification = {
        category: d.category,
        source: 'declaration',
        declaration: index,
        detail: `host ${r.host}`,
        ...(d.consentExempt ? { consentExempt: true } : {}),
      };
      continue;
    }
    const guess = heuristicForHost(r.host);
    r.classification = guess
      ? { category: guess.category, source: 'heuristic', detail: guess.detail }
      : { category: 'unknown', source: 'unknown' };
  }
}
