import { createHash } from 'node:crypto';
import {
  CONSENT_COOKIE,
  declarationNeedsConsent,
  lifetimeDays,
  parseLifetime,
  type PortalContent,
} from '@galette/core';
import type {
  Classification,
  CookieObservation,
  Finding,
  FindingRule,
  RequestObservation,
  Scenario,
  Severity,
  StorageObservation,
  Subject,
} from '../scan-result.js';

/** How much longer than declared a lifetime may be before it is reported. */
export const LIFETIME_TOLERANCE = 1.5;
export const MAX_CONSENT_MONTHS = 13;

export interface FindingsInput {
  readonly scenarios: readonly Scenario[];
  /** Where the banner offered no one-click refusal, as seen by the first scenario to meet it. */
  readonly noRefusal?: { page: string; mechanism: string; scenario: string; clicks?: number };
  readonly portal?: PortalContent;
}

type Observed = CookieObservation | StorageObservation;

const subjectOf = (o: Observed): Subject =>
  'domain' in o
    ? { kind: 'cookie', name: o.name, where: o.domain }
    : { kind: o.kind, name: o.name, where: o.origin };

/** Needs consent: a category other than `necessary`, unless a declaration says exempt. */
export function needsConsent(c: Classification): boolean {
  if (c.category === 'unknown' || c.category === 'necessary') return false;
  return declarationNeedsConsent({ category: c.category, consentExempt: c.consentExempt === true });
}

/** Checks every scenario's observations against the rules and the portal's declarations. */
export function findIssues(input: FindingsInput): Finding[] {
  const findings: Finding[] = [];
  const add = (
    rule: FindingRule,
    severity: Severity,
    scenario: string,
    subject: Subject,
    from: { pages: string[]; setBy?: Finding['setBy']; classification?: Classification },
    details: Finding['details'] = {},
  ) => {
    const id = createHash('sha256')
      .update([rule, scenario, subject.kind, subject.name, subject.where ?? ''].join('\u0000'))
      .digest('hex')
      .slice(0, 16);
    if (findings.some((f) => f.id === id)) return;
    const c = from.classification;
    findings.push({
      id,
      rule,
      severity,
      scenario,
      subject,
      ...(c && c.category !== 'unknown' ? { category: c.category } : {}),
      ...(c?.declaration !== undefined ? { declaration: c.declaration } : {}),
      pages: from.pages,
      setBy: from.setBy ?? [],
      details,
    });
  };
  const requestSubject = (r: RequestObservation): Subject => ({
    kind: 'request',
    name: r.host,
    where: r.host,
  });

  if (input.noRefusal) {
    add(
      'no-refusal',
      'error',
      input.noRefusal.scenario,
      { kind: 'banner', name: input.noRefusal.mechanism },
      { pages: [input.noRefusal.page] },
      input.noRefusal.clicks ? { clicks: input.noRefusal.clicks } : {},
    );
  }

  for (const scenario of input.scenarios) {
    if (scenario.status !== 'played') continue;
    const observed: Observed[] = [...scenario.cookies, ...scenario.storage];
    if (scenario.id === 'no-action') {
      for (const o of observed) {
        if (needsConsent(o.classification))
          add('before-consent', 'error', scenario.id, subjectOf(o), o);
      }
      for (const r of scenario.requests) {
        if (r.beforeChoice && needsConsent(r.classification)) {
          add(
            'before-consent',
            'error',
            scenario.id,
            requestSubject(r),
            { pages: r.pages, classification: r.classification },
            { urls: r.urls.join(' ') },
          );
        }
      }
      continue;
    }
    const accepted =
      scenario.id === 'accept-all'
        ? undefined
        : scenario.id.startsWith('category:')
          ? scenario.id.slice(9)
          : '';
    if (accepted === undefined) continue;
    const refused = (c: Classification) => needsConsent(c) && c.category !== accepted;
    for (const o of observed) {
      if (!refused(o.classification) || !o.afterChoice) continue;
      if (scenario.id === 'withdraw' && !o.writtenAfterChoice) {
        // Left over from before the withdrawal and not written again: a site cannot always
        // delete it (HttpOnly, another site's), so it is a warning, not an error.
        add('after-refusal', 'warning', scenario.id, subjectOf(o), o, { kept: true });
      } else {
        add('after-refusal', 'error', scenario.id, subjectOf(o), o, {
          written: o.writtenAfterChoice,
        });
      }
    }
    for (const r of scenario.requests) {
      if (r.afterChoice && refused(r.classification)) {
        add(
          'after-refusal',
          'error',
          scenario.id,
          requestSubject(r),
          { pages: r.pages, classification: r.classification },
          { urls: r.urls.join(' ') },
        );
      }
    }
  }

  // Facts about a cookie or key itself: reported once, from the first scenario that saw it.
  const once = new Map<string, { o: Observed; scenarios: string[]; seenIn: string }>();
  for (const scenario of input.scenarios) {
    for (const o of [...scenario.cookies, ...scenario.storage]) {
      const s = subjectOf(o);
      const key = `${s.kind}\u0000${s.name}\u0000${s.where}`;
      const entry = once.get(key);
      if (entry) {
        if (!entry.scenarios.includes(scenario.id)) entry.scenarios.push(scenario.id);
        // Keep the strongest evidence: a cookie seen renewed anywhere is renewed.
        // Keep the strongest evidence, and say where it was seen: a cookie seen renewed
        // anywhere is renewed.
        if ('renewed' in o && o.renewed && 'renewed' in entry.o && !entry.o.renewed) {
          entry.o = o;
          entry.seenIn = scenario.id;
        }
      } else once.set(key, { o, scenarios: [scenario.id], seenIn: scenario.id });
    }
  }
  const portal = input.portal;
  for (const { o, scenarios, seenIn } of once.values()) {
    const scenario = seenIn;
    const c = o.classification;
    const subject = subjectOf(o);
    if (portal && c.source !== 'declaration') {
      add('undeclared', c.category === 'necessary' ? 'warning' : 'error', scenario, subject, o, {
        scenarios: scenarios.join(' '),
        classifiedBy: c.source,
      });
    }
    const declaration =
      portal && c.declaration !== undefined ? portal.declarations[c.declaration] : undefined;
    if (
      declaration &&
      c.databaseCategory &&
      c.databaseCategory !== 'unknown' &&
      c.databaseCategory !== declaration.category &&
      ['necessary', 'statistics', 'preferences', 'marketing'].includes(declaration.category)
    ) {
      add('wrong-category', 'warning', scenario, subject, o, {
        declared: declaration.category,
        database: c.databaseCategory,
      });
    }
    if (!('lifetime' in o)) continue;
    const lifetime = o.lifetime;
    const declared = declaration?.lifetime ? parseLifetime(declaration.lifetime) : undefined;
    if (declared && !lifetime.session && lifetime.days !== undefined) {
      const limit = declared.kind === 'session' ? 1 : lifetimeDays(declared) * LIFETIME_TOLERANCE;
      if (lifetime.days > limit) {
        add('lifetime-over-declared', 'warning', scenario, subject, o, {
          declared: declaration!.lifetime!,
          observedDays: lifetime.days,
          from: lifetime.from,
        });
      }
    }
    const over13 = !lifetime.session && (lifetime.months ?? 0) > MAX_CONSENT_MONTHS;
    if (c.consentExempt) {
      const reasons = [
        o.party === 'third' ? 'third-party' : '',
        over13 ? 'over-13-months' : '',
        // A visit-long cookie (Matomo's 30-minute `_pk_ses`) slides within the visit; what the
        // exemption forbids is stretching a long lifetime on every new visit.
        o.renewed && (lifetime.session || (lifetime.days ?? 0) > 1) ? 'renewed' : '',
      ].filter(Boolean);
      if (reasons.length > 0) {
        add('exempt-conditions', 'error', scenario, subject, o, {
          reasons: reasons.join(' '),
          ...(lifetime.days !== undefined ? { observedDays: lifetime.days } : {}),
        });
      }
    } else if (over13 && c.category !== 'necessary') {
      add('lifetime-over-13-months', 'warning', scenario, subject, o, {
        observedDays: lifetime.days!,
        months: lifetime.months!,
        from: lifetime.from,
      });
    }
  }

  if (portal) {
    const played = new Map(
      input.scenarios.filter((s) => s.status === 'played').map((s) => [s.id, s]),
    );
    portal.declarations.forEach((d, index) => {
      const where =
        played.get('accept-all') ??
        // Without "accept all", only what needs no choice is expected (and the consent cookie
        // itself needs one).
        (declarationNeedsConsent(d) || d.name === CONSENT_COOKIE
          ? undefined
          : played.get('no-action'));
      if (!where) return;
      const seen = [...where.cookies, ...where.storage].some(
        (o) => o.classification.declaration === index,
      );
      if (!seen) {
        add(
          'declared-not-seen',
          'notice',
          where.id,
          { kind: d.storage, name: d.name, ...(d.domain ? { where: d.domain } : {}) },
          {
            pages: where.visits
              .filter((v) => v.status === 'ok')
              .map((v) => v.url)
              .filter((u, i, a) => a.indexOf(u) === i),
            classification: { category: d.category, source: 'declaration', declaration: index },
          },
        );
      }
    });
  }
  const rank = { error: 0, warning: 1, notice: 2 } as const;
  return findings.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.subject.name.localeCompare(b.subject.name),
  );
}
