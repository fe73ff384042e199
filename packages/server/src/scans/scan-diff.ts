/**
 * What the console reads of a stored `galette.scan/1` report. The server does not load the
 * scanner (nor Chromium's driver): it reads the report's JSON through this narrow shape.
 */
export interface StoredCookie {
  readonly name: string;
  readonly domain: string;
  readonly party: string;
  readonly lifetime: { readonly session: boolean; readonly days?: number };
  readonly classification: { readonly category: string; readonly source: string };
}

export interface StoredFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly scenario: string;
  readonly subject: { readonly kind: string; readonly name: string; readonly where?: string };
  readonly pages: readonly string[];
  readonly setBy: readonly {
    readonly via: string;
    readonly url?: string;
    readonly script?: string;
  }[];
}

export interface StoredReport {
  readonly format: string;
  readonly scenarios: readonly {
    readonly id: string;
    readonly cookies: readonly StoredCookie[];
    readonly screenshots?: { readonly firstLayer?: string; readonly afterChoice?: string };
  }[];
  readonly findings: readonly StoredFinding[];
  readonly coverage?: { readonly pagesScanned?: readonly string[] };
}

/** A stored report, or undefined when the JSON is not one. */
export function asStoredReport(value: unknown): StoredReport | undefined {
  const r = value as StoredReport | undefined;
  return r &&
    r.format === 'galette.scan/1' &&
    Array.isArray(r.scenarios) &&
    Array.isArray(r.findings)
    ? r
    : undefined;
}

export interface CookieState {
  readonly name: string;
  readonly domain: string;
  readonly category: string;
  readonly party: string;
  /** Whole days, or `session`. */
  readonly lifetime: string;
}

export interface ScanDiff {
  readonly cookies: {
    readonly added: CookieState[];
    readonly removed: CookieState[];
    readonly changed: { readonly before: CookieState; readonly after: CookieState }[];
  };
  readonly findings: { readonly added: StoredFinding[]; readonly removed: StoredFinding[] };
}

function cookieStates(report: StoredReport): Map<string, CookieState> {
  const out = new Map<string, CookieState>();
  for (const scenario of report.scenarios) {
    for (const c of scenario.cookies) {
      const key = `${c.name}\u0000${c.domain.replace(/^\./, '')}`;
      if (out.has(key)) continue;
      out.set(key, {
        name: c.name,
        domain: c.domain.replace(/^\./, ''),
        category: c.classification.category,
        party: c.party,
        lifetime: c.lifetime.session ? 'session' : String(Math.round(c.lifetime.days ?? 0)),
      });
    }
  }
  return out;
}

/**
 * Between two scans of a portal: cookies that appeared, went, or changed category, party or
 * lifetime; findings that are new or gone (a finding's id is stable from one scan to the next:
 * rule, scenario and subject).
 */
export function diffScans(before: StoredReport, after: StoredReport): ScanDiff {
  const a = cookieStates(before);
  const b = cookieStates(after);
  const added: CookieState[] = [];
  const removed: CookieState[] = [];
  const changed: { before: CookieState; after: CookieState }[] = [];
  for (const [key, now] of b) {
    const then = a.get(key);
    if (!then) added.push(now);
    else if (
      then.category !== now.category ||
      then.party !== now.party ||
      then.lifetime !== now.lifetime
    ) {
      changed.push({ before: then, after: now });
    }
  }
  for (const [key, then] of a) if (!b.has(key)) removed.push(then);
  const ids = (r: StoredReport) => new Set(r.findings.map((f) => f.id));
  const [beforeIds, afterIds] = [ids(before), ids(after)];
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
  return {
    cookies: {
      added: added.sort(byName),
      removed: removed.sort(byName),
      changed: changed.sort((x, y) => byName(x.after, y.after)),
    },
    findings: {
      added: after.findings.filter((f) => !beforeIds.has(f.id)),
      removed: before.findings.filter((f) => !afterIds.has(f.id)),
    },
  };
}
