import { translator, type Translator } from '@galette/core';
import type { Finding, Scenario, ScanResult, Setter } from '../scan-result.js';

/** Words shared by the HTML and Markdown reports, so both say the same thing. */
export interface ReportText {
  readonly t: Translator;
  readonly lang: string;
  scenarioName(id: string): string;
  reason(reason: string): string;
  findingTitle(f: Finding): string;
  findingText(f: Finding): string;
  setter(s: Setter): string;
  lifetime(c: Scenario['cookies'][number]): string;
  when(o: { beforeChoice: boolean; afterChoice: boolean }): string;
  source(c: Scenario['cookies'][number]['classification']): string;
  date(iso: string): string;
}

export function reportText(lang: string): ReportText {
  const t = translator(lang);
  const scenarioName = (id: string) =>
    id.startsWith('category:')
      ? t('scanner.scenario.category', { category: id.slice(9) })
      : t(`scanner.scenario.${id}` as Parameters<Translator>[0]);
  const reason = (r: string) => {
    const key = `scanner.reason.${r}`;
    const text = t(key as Parameters<Translator>[0]);
    return text === key ? r : text;
  };
  return {
    t,
    lang,
    scenarioName,
    reason,
    findingTitle: (f) => t(`scanner.rule.${f.rule}` as Parameters<Translator>[0]),
    findingText(f) {
      const params: Record<string, string | number> = {
        name: f.subject.name,
        where: f.subject.where ?? '',
        category: f.category ?? '—',
      };
      for (const [k, v] of Object.entries(f.details))
        params[k] = typeof v === 'boolean' ? String(v) : v;
      if (f.rule === 'exempt-conditions') {
        params.reasons = String(f.details.reasons ?? '')
          .split(' ')
          .filter(Boolean)
          .map((r) => t(`scanner.rule.exempt-conditions.${r}` as Parameters<Translator>[0]))
          .join(', ');
      }
      const key =
        f.rule === 'after-refusal' && f.details.kept === true
          ? 'scanner.rule.after-refusal.kept'
          : `scanner.rule.${f.rule}.text`;
      return t(key as Parameters<Translator>[0], params);
    },
    setter(s) {
      if (s.via === 'http') {
        const main = t('scanner.report.viaHttp', { url: s.url });
        return s.initiators.length > 0
          ? `${main}, ${t('scanner.report.initiatedBy', { chain: s.initiators.join(' ← ') })}`
          : main;
      }
      return t('scanner.report.viaScript', { script: s.script ?? s.stack[0] ?? s.frame });
    },
    lifetime(c) {
      const base = c.lifetime.session
        ? t('scanner.report.session')
        : t('scanner.report.days', {
            days: c.lifetime.days ?? '?',
            months: c.lifetime.months ?? '?',
          });
      return c.renewed ? `${base}, ${t('scanner.report.renewed')}` : base;
    },
    when(o) {
      if (o.beforeChoice && o.afterChoice) return t('scanner.report.when.both');
      return o.beforeChoice ? t('scanner.report.when.before') : t('scanner.report.when.after');
    },
    source(c) {
      return c.source === 'declaration'
        ? t('scanner.report.source.declaration', { index: (c.declaration ?? 0) + 1 })
        : t(`scanner.report.source.${c.source}` as Parameters<Translator>[0]);
    },
    date(iso) {
      return (
        new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
          timeZone: 'UTC',
          dateStyle: 'long',
          timeStyle: 'short',
        }) + ' UTC'
      );
    },
  };
}

/** The report's opening lines, shared by both renderers. */
export function reportIntro(result: ScanResult, x: ReportText): string[] {
  const { t } = x;
  const lines = [
    t('scanner.report.generated', {
      date: x.date(result.startedAt),
      version: result.scanner.version,
      pages: result.coverage.pagesScanned.length,
      scenarios: result.scenarios.filter((s) => s.status === 'played').length,
    }),
    result.portal
      ? t('scanner.report.portal', {
          revision: result.portal.revision,
          portal: result.portal.id,
          hash: result.portal.hash,
        })
      : t('scanner.report.noPortal'),
  ];
  if (result.cookieDatabase) lines.push(t('scanner.report.database', { ...result.cookieDatabase }));
  return lines;
}

export function countsLine(result: ScanResult, x: ReportText): string {
  const s = result.summary;
  return x.t('scanner.report.counts', {
    errors: s.errors,
    warnings: s.warnings,
    notices: s.notices,
    cookies: s.cookies,
    storage: s.storage,
    hosts: s.thirdPartyHosts,
  });
}

export const SEVERITIES = ['error', 'warning', 'notice'] as const;
