import type { ScanResult } from '../scan-result.js';
import { countsLine, reportIntro, reportText, SEVERITIES } from './report-text.js';

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The scan as Markdown, for a ticket: findings with their evidence, then the coverage. */
export function renderScanMarkdown(result: ScanResult, options: { lang?: string } = {}): string {
  const x = reportText(options.lang ?? 'fr');
  const { t } = x;
  const colon = x.lang === 'fr' ? ' : ' : ': ';
  const out: string[] = [`# ${t('scanner.report.title', { target: result.target.url })}`, ''];
  out.push(...reportIntro(result, x), '', countsLine(result, x), '');
  out.push(`## ${t('scanner.report.findings')}`, '');
  if (result.findings.length === 0) out.push(t('scanner.report.noFindings'), '');
  for (const severity of SEVERITIES) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`### ${t(`scanner.report.severity.${severity}`)} (${group.length})`, '');
    for (const f of group) {
      out.push(`- **${x.findingTitle(f)}** — ${code(f.subject.name)}${colon}${x.findingText(f)}`);
      out.push(`  - ${t('scanner.report.scenarioLabel')}${colon}${x.scenarioName(f.scenario)}`);
      if (f.pages.length)
        out.push(`  - ${t('scanner.report.pagesLabel')}${colon}${f.pages.map(code).join(', ')}`);
      for (const s of f.setBy)
        out.push(`  - ${t('scanner.report.setByLabel')}${colon}${x.setter(s)}`);
    }
    out.push('');
  }
  out.push(`## ${t('scanner.report.scenarios')}`, '');
  for (const s of result.scenarios) {
    out.push(`### ${x.scenarioName(s.id)}`, '');
    out.push(
      s.status === 'played'
        ? t('scanner.report.mechanism', { mechanism: s.consentMechanism })
        : t('scanner.report.notPlayed', { reason: x.reason(s.reason ?? '') }),
      '',
    );
    if (s.cookies.length > 0) {
      const head = ['name', 'domain', 'party', 'lifetime', 'category', 'source', 'when'].map((c) =>
        t(`scanner.report.col.${c}` as Parameters<typeof t>[0]),
      );
      out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
      for (const c of s.cookies) {
        out.push(
          `| ${[code(c.name), c.domain, t(`scanner.report.party.${c.party}`), x.lifetime(c), c.classification.category, x.source(c.classification), x.when(c)].map(cell).join(' | ')} |`,
        );
      }
      out.push('');
    }
    if (s.storage.length > 0) {
      out.push(
        `${t('scanner.report.storage')}${colon}${s.storage.map((k) => `${code(k.name)} (${k.kind}, ${k.origin})`).join(', ')}`,
        '',
      );
    }
    if (s.requests.length > 0) {
      out.push(
        `${t('scanner.report.requests')}${colon}${s.requests.map((r) => `${code(r.host)} (${r.count})`).join(', ')}`,
        '',
      );
    }
  }
  const c = result.coverage;
  out.push(`## ${t('scanner.report.coverage')}`, '');
  out.push(t('scanner.report.coverage.scanned', { count: c.pagesScanned.length }));
  out.push(
    c.truncated ? t('scanner.report.coverage.truncated') : t('scanner.report.coverage.complete'),
    '',
  );
  const list = (title: string, items: string[]) => {
    if (items.length) out.push(`${title}${colon}`, '', ...items.map((i) => `- ${i}`), '');
  };
  list(
    t('scanner.report.coverage.failed'),
    c.pagesFailed.map((f) => `${code(f.url)} (${x.scenarioName(f.scenario)})${colon}${f.reason}`),
  );
  list(
    t('scanner.report.coverage.excluded'),
    c.pagesExcluded.map((e) => `${code(e.url)}${colon}${x.reason(e.reason)}`),
  );
  list(
    t('scanner.report.coverage.notPlayed'),
    c.scenariosNotPlayed.map((s) => `${x.scenarioName(s.id)}${colon}${x.reason(s.reason)}`),
  );
  list(
    t('scanner.report.coverage.unattributed'),
    c.unattributed.map((u) => `${code(u.name)} (${u.kind}, ${x.scenarioName(u.scenario)})`),
  );
  if (c.checksSkipped.length)
    out.push(t('scanner.report.coverage.skipped', { checks: c.checksSkipped.join(', ') }), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
