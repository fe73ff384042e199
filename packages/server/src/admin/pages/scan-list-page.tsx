import type { ScanJob, ScanSchedule } from '@galette/storage';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from './form-parts.js';
import { Time } from './format.js';
import { scanState, textOf } from './scan-text.js';

export const SCAN_PERIODS = ['0', '1', '7', '30'] as const;
export const SCAN_SCENARIO_SETS = ['all', 'main'] as const;

export interface ScanListPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string; readonly url: string };
  readonly jobs: readonly ScanJob[];
  readonly schedule?: ScanSchedule | undefined;
  readonly canRun: boolean;
  readonly notice?: 'queued' | 'scheduleSaved' | undefined;
  readonly errors?: FieldErrors | undefined;
  readonly values?: Readonly<Record<string, string>> | undefined;
}

/**
 * A portal's scans: start one (start address on the portal's site, page budget, scenarios),
 * its schedule, the list of scans with their state and findings, and two of them to compare.
 */
export function ScanListPage(props: ScanListPageProps) {
  const { frame, portal, jobs, errors } = props;
  const { t, lang } = frame;
  const values = props.values ?? {};
  const base = `/admin/portals/${encodeURIComponent(portal.id)}/scans`;
  const done = jobs.filter((j) => j.status === 'done');
  const title = t('scanner.console.title', { portal: portal.name });
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      {props.notice ? <Notice>{t(`scanner.console.${props.notice}`)}</Notice> : null}
      {props.canRun ? (
        <section class="galette-section" aria-labelledby="scan-start">
          <h2 id="scan-start">{t('scanner.console.startHeading')}</h2>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action={base}>
            <CsrfField token={frame.csrfToken} />
            <Field
              name="url"
              label={t('scanner.console.field.url')}
              value={values.url ?? portal.url}
              errors={errors}
              maxlength={2000}
              required
            />
            <Field
              name="pages"
              label={t('scanner.console.field.pages')}
              value={values.pages ?? '20'}
              errors={errors}
              maxlength={3}
              inputmode="numeric"
              pattern="[0-9]+"
              required
            />
            <Select
              name="scenarios"
              label={t('scanner.console.field.scenarios')}
              value={values.scenarios ?? 'all'}
              options={SCAN_SCENARIO_SETS.map((s) => ({
                value: s,
                label: t(`scanner.console.scenarios.${s}`),
              }))}
              errors={errors}
            />
            <button type="submit" class="fr-btn">
              {t('scanner.console.start')}
            </button>
          </form>
        </section>
      ) : null}

      <section class="galette-section" aria-labelledby="scan-list">
        <h2 id="scan-list">{t('scanner.console.listHeading')}</h2>
        <p>
          <a class="fr-link" href={base}>
            {t('scanner.console.refresh')}
          </a>
        </p>
        {jobs.length === 0 ? (
          <p>{t('scanner.console.empty')}</p>
        ) : (
          <div class="fr-table galette-table-wrap">
            <table>
              <caption class="fr-sr-only">{t('scanner.console.listHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scanner.console.col.requested')}</th>
                  <th scope="col">{t('scanner.console.col.status')}</th>
                  <th scope="col">{t('scanner.console.col.findings')}</th>
                  <th scope="col">{t('scanner.console.col.trigger')}</th>
                  <th scope="col">{t('scanner.console.col.url')}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/${encodeURIComponent(job.id)}`}>
                        <Time lang={lang} iso={job.createdAt} />
                      </a>
                    </th>
                    <td>{t(`scanner.console.status.${job.status}`)}</td>
                    <td>{scanState(t, job)}</td>
                    <td>
                      {textOf(t, `scanner.console.trigger.${job.trigger}`, job.trigger)}
                      {job.requestedBy ? ` (${job.requestedBy})` : ''}
                    </td>
                    <td>{job.url}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {done.length >= 2 ? (
        <section class="galette-section" aria-labelledby="scan-diff">
          <h2 id="scan-diff">{t('scanner.console.diffHeading')}</h2>
          <form method="get" action={`${base}/diff`}>
            {(['from', 'to'] as const).map((name, i) => (
              <Select
                name={name}
                label={t(`scanner.console.field.${name}`)}
                value={done[i === 0 ? 1 : 0]!.id}
                options={done.map((j) => ({
                  value: j.id,
                  label: `${j.finishedAt ?? j.createdAt} — ${scanState(t, j)}`,
                }))}
              />
            ))}
            <button type="submit" class="fr-btn fr-btn--secondary">
              {t('scanner.console.compare')}
            </button>
          </form>
        </section>
      ) : null}

      {props.canRun ? (
        <section class="galette-section" aria-labelledby="scan-schedule">
          <h2 id="scan-schedule">{t('scanner.console.scheduleHeading')}</h2>
          {props.schedule ? (
            <p>
              {t('scanner.console.nextRun')} <Time lang={lang} iso={props.schedule.nextRunAt} />
            </p>
          ) : null}
          <form method="post" action={`${base}/schedule`}>
            <CsrfField token={frame.csrfToken} />
            <Select
              name="every"
              label={t('scanner.console.field.every')}
              value={String(props.schedule?.everyDays ?? 0)}
              options={SCAN_PERIODS.map((p) => ({
                value: p,
                label: t(`scanner.console.every.${p}`),
              }))}
              errors={errors}
            />
            <button type="submit" class="fr-btn fr-btn--secondary">
              {t('scanner.console.scheduleSave')}
            </button>
          </form>
        </section>
      ) : null}
    </ConsoleLayout>
  );
}
