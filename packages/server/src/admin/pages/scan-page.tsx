import type { Translator } from '@galette/core';
import type { ScanJob } from '@galette/storage';
import type { StoredFinding, StoredReport } from '../../scans/scan-diff.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, Notice } from './form-parts.js';
import { Time } from './format.js';
import { scanState, scenarioLabel, textOf } from './scan-text.js';

export interface ScanPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly job: ScanJob;
  readonly report?: StoredReport | undefined;
  /** The finished scan's stored files (reports, screenshots, manifest), by path. */
  readonly files?: readonly string[];
  /** The draft version the editor sees, when they may add undeclared cookies to it. */
  readonly draftVersion?: number;
  /** Declarations just added to the draft (and how many of them are to review). */
  readonly added?: { readonly count: number; readonly review: number };
  /** Why « add to draft » did nothing (a save made meanwhile, an invalid result). */
  readonly problem?: string;
  /** Each of the draft's errors, after `problem`, named as the editor names them. */
  readonly problems?: readonly string[];
  readonly queued?: boolean;
}

/** Who set a finding's subject, as the report says it. */
function setters(f: StoredFinding): string {
  return f.setBy
    .map((s) => s.url ?? s.script ?? s.via)
    .filter(Boolean)
    .join(', ');
}

/**
 * A table of findings: severity, rule, scenario, subject, who set it; with `addable`, a button
 * on each undeclared one that adds it to the draft (the table is then inside that form).
 */
export function FindingsTable({
  t,
  findings,
  caption,
  addable = false,
}: {
  t: Translator;
  findings: readonly StoredFinding[];
  caption: string;
  addable?: boolean;
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
            {addable ? <th scope="col">{t('scanner.console.col.draft')}</th> : null}
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
              {addable ? (
                <td>
                  {f.rule === 'undeclared' ? (
                    <button
                      class="fr-btn fr-btn--sm fr-btn--tertiary"
                      type="submit"
                      name="finding"
                      value={f.id}
                    >
                      {t('scanner.console.draft.addOne')}
                      <span class="fr-sr-only"> {f.subject.name}</span>
                    </button>
                  ) : null}
                </td>
              ) : null}
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
      {props.added ? (
        <Notice>
          {props.added.count === 0
            ? t('scanner.console.draft.noneAdded')
            : t('scanner.console.draft.added', props.added)}{' '}
          <a href={`/admin/portals/${encodeURIComponent(portal.id)}/diff?from=published&to=draft`}>
            {t('scanner.console.draft.seeDiff')}
          </a>
        </Notice>
      ) : null}
      {props.problem ? (
        <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{props.problem}</p>
          {props.problems && props.problems.length > 0 ? (
            <ul>
              {props.problems.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {report ? (
        <FindingsSection
          {...props}
          t={t}
          findings={findings}
          action={`${base}/${encodeURIComponent(job.id)}/add-to-draft`}
        />
      ) : null}
      {report ? (
        <EvidenceSection {...props} t={t} base={`${base}/${encodeURIComponent(job.id)}`} />
      ) : null}
    </ConsoleLayout>
  );
}

/** The findings, inside the « add to draft » form when the reader may edit the draft. */
function FindingsSection(
  props: ScanPageProps & { t: Translator; findings: StoredFinding[]; action: string },
) {
  const { t, findings } = props;
  const undeclared = findings.filter((f) => f.rule === 'undeclared').length;
  const addable = props.draftVersion !== undefined && undeclared > 0;
  const table = (
    <FindingsTable
      t={t}
      findings={findings}
      caption={t('scanner.console.findingsHeading')}
      addable={addable}
    />
  );
  return (
    <section class="galette-section" aria-labelledby="scan-findings">
      <h2 id="scan-findings">{t('scanner.console.findingsHeading')}</h2>
      {addable ? (
        <form method="post" action={props.action}>
          <CsrfField token={props.frame.csrfToken} />
          <input type="hidden" name="version" value={String(props.draftVersion)} />
          <p>{t('scanner.console.draft.explain', { version: props.draftVersion! })}</p>
          <p>
            <button class="fr-btn fr-btn--secondary" type="submit" name="finding" value="all">
              {t('scanner.console.draft.addAll', { count: undeclared })}
            </button>
          </p>
          {table}
        </form>
      ) : (
        table
      )}
    </section>
  );
}

/** Why a scan has no screenshots or HTML and Markdown reports any more. */
export function prunedSentence(t: Translator, keep: number): string {
  return keep === 0
    ? t('scanRetention.console.prunedAll')
    : t('scanRetention.console.pruned', { keep });
}

/** Where an artifact path's screenshot is served: its file name under the scan's address. */
const shotName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The stored evidence: the HTML report (opened in the browser, French or English), the JSON,
 * Markdown and manifest downloads, and each scenario's screenshots (first layer, after the
 * choice) as images with their scenario in the alternative text. A scan past the retention
 * count keeps only the JSON and manifest links, and says why the rest is gone.
 */
function EvidenceSection(props: ScanPageProps & { t: Translator; base: string }) {
  const { t, base, report } = props;
  const files = new Set(props.files ?? []);
  const pruned = props.job.evidencePruned;
  if (!files.has('report.json') && !pruned) return null;
  const shots = (report?.scenarios ?? []).flatMap((s) =>
    (['firstLayer', 'afterChoice'] as const)
      .map((moment) => ({ scenario: s.id, moment, path: s.screenshots?.[moment] }))
      .filter((x): x is { scenario: string; moment: 'firstLayer' | 'afterChoice'; path: string } =>
        Boolean(x.path && files.has(x.path)),
      ),
  );
  const link = (format: string, label: string, lang?: string) => (
    <li>
      <a
        class="fr-link"
        href={`${base}/report?format=${format}${lang ? `&lang=${lang}` : ''}`}
        {...(lang ? { hreflang: lang } : {})}
      >
        {label}
      </a>
    </li>
  );
  return (
    <>
      <section class="galette-section" aria-labelledby="scan-evidence">
        <h2 id="scan-evidence">{t('scanner.console.evidence.heading')}</h2>
        {pruned ? <p>{prunedSentence(t, pruned.keep)}</p> : null}
        <ul>
          {files.has('report.fr.html')
            ? link('html', t('scanner.console.evidence.htmlFr'), 'fr')
            : null}
          {files.has('report.en.html')
            ? link('html', t('scanner.console.evidence.htmlEn'), 'en')
            : null}
          {files.has('report.json') ? link('json', t('scanner.console.evidence.json')) : null}
          {files.has(`report.${props.frame.lang}.md`)
            ? link('md', t('scanner.console.evidence.md'), props.frame.lang)
            : null}
          {files.has('manifest.json')
            ? link('manifest', t('scanner.console.evidence.manifest'))
            : null}
        </ul>
      </section>
      {shots.length > 0 ? (
        <section class="galette-section" aria-labelledby="scan-screenshots">
          <h2 id="scan-screenshots">{t('scanner.console.evidence.screenshots')}</h2>
          <div class="galette-shots">
            {shots.map((s) => {
              const text = t(`scanner.console.evidence.${s.moment}`, {
                scenario: scenarioLabel(t, s.scenario),
              });
              return (
                <figure class="galette-figure">
                  <img
                    src={`${base}/screenshots/${encodeURIComponent(shotName(s.path))}`}
                    alt={text}
                    width="1280"
                    height="800"
                    loading="lazy"
                  />
                  <figcaption>{text}</figcaption>
                </figure>
              );
            })}
          </div>
        </section>
      ) : null}
    </>
  );
}
