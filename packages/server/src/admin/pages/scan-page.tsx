import type { Translator } from '@galette/core';
import type { ScanJob } from '@galette/storage';
import type { StoredFinding, StoredReport } from '../../scans/scan-diff.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { Notice } from './form-parts.js';
import { Time } from './format.js';
import { scanState, scenarioLabel, textOf } from './scan-text.js';

export interface ScanPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly job: ScanJob;
  readonly report?: StoredReport | undefined;
  readonly queued?: boolean;
}

/** Who set a finding's subject, as the report says it. */
function setters(f: StoredFinding): string {
  return f.setBy
    .map((s) => s.url ?? s.script ?? s.via)
    .filter(Boolean)
    .join(', ');
}

/** A table of findings: severity, rule, scenario, subject, who set it. */
export function FindingsTable({
  t,
  findings,
  caption,
}: {
  t: Translator;
  findings: readonly StoredFinding[];
  caption: string;
}) {
  if (findings.length === 0) return <p>{t('scanner.console.noFindings')}</p>;
  return (
    <div class="fr-table galette-table-wrap">
      <table>
        <caption class="fr-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scanner.console.col.severity')}</th>
            <th scope="col">{t('scanner.console.col.rule')}</th>
            <th scope="col">{t('scanner.console.col.scenario')}</th>
            <th scope="col">{t('scanner.console.col.subject')}</th>
            <th scope="col">{t('scanner.console.col.setBy')}</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f) => (
            <tr>
              <td>{textOf(t, `scanner.report.severityLabel.${f.severity}`, f.severity)}</td>
              <td>{textOf(t, `scanner.rule.${f.rule}`, f.rule)}</td>
              <td>{scenarioLabel(t, f.scenario)}</td>
              <th scope="row">
                <code>{f.subject.name}</code>
                {f.subject.where ? ` (${f.subject.where})` : ''}
              </th>
              <td>{setters(f) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One scan: its state (with a refresh link while it waits or runs: the page works without
 * JavaScript), then its findings once done, errors first.
 */
export function ScanPage(props: ScanPageProps) {
  const { frame, portal, job, report } = props;
  const { t, lang } = frame;
  const base = `/admin/portals/${encodeURIComponent(portal.id)}/scans`;
  const title = t('scanner.console.scanTitle', { portal: portal.name });
  const order = ['error', 'warning', 'notice'];
  const findings = [...(report?.findings ?? [])].sort(
    (a, b) => order.indexOf(a.severity) - order.indexOf(b.severity),
  );
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      {props.queued ? <Notice>{t('scanner.console.queued')}</Notice> : null}
      <p>
        <a class="fr-link" href={base}>
          {t('scanner.console.back')}
        </a>
      </p>
      <dl class="galette-facts">
        <dt>{t('scanner.console.col.url')}</dt>
        <dd>{job.url}</dd>
        <dt>{t('scanner.console.col.requested')}</dt>
        <dd>
          <Time lang={lang} iso={job.createdAt} />
          {job.requestedBy ? ` (${job.requestedBy})` : ''}
        </dd>
        <dt>{t('scanner.console.col.status')}</dt>
        <dd>{t(`scanner.console.status.${job.status}`)}</dd>
        <dt>{t('scanner.console.col.findings')}</dt>
        <dd>{scanState(t, job)}</dd>
      </dl>
      {job.attempts > 1 ? <p>{t('scanner.console.attempts', { attempts: job.attempts })}</p> : null}
      {job.status === 'failed' ? (
        <Notice kind="error">
          {t('scanner.console.failedWith', { message: job.error ?? '—' })}
        </Notice>
      ) : null}
      {job.status === 'queued' || job.status === 'running' ? (
        <p>
          <a class="fr-btn fr-btn--secondary" href={`${base}/${encodeURIComponent(job.id)}`}>
            {t('scanner.console.refresh')}
          </a>
        </p>
      ) : null}
      {report ? (
        <section class="galette-section" aria-labelledby="scan-findings">
          <h2 id="scan-findings">{t('scanner.console.findingsHeading')}</h2>
          <FindingsTable t={t} findings={findings} caption={t('scanner.console.findingsHeading')} />
        </section>
      ) : null}
    </ConsoleLayout>
  );
}
