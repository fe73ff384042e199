import type { Translator } from '@galette/core';
import type { StatisticsReport } from '../../statistics/statistics-report.js';
import { ChoicesChart, CHOICE_SERIES, labelOf } from './charts/choices-chart.js';
import { RatioChart } from './charts/ratio-chart.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { ErrorSummary, Field, Select, type FieldErrors } from './form-parts.js';

export interface StatisticsPageProps {
  readonly frame: PageFrame;
  /** Undefined when the period was refused: the form shows the errors, no figures. */
  readonly report: StatisticsReport | undefined;
  /** The page's own address (without query), where the period form and CSV links go. */
  readonly path: string;
  /** The period as asked, to fill the form back in. */
  readonly asked: { readonly period: string; readonly from: string; readonly to: string };
  /** The portal shown, or undefined for every visible portal. */
  readonly portal: { readonly id: string; readonly name: string } | undefined;
  /** Portals the reader may pick; undefined for an administrator, who types an address. */
  readonly portals: readonly { readonly id: string; readonly name: string }[] | undefined;
  readonly errors?: FieldErrors;
}

const PRESETS = ['7d', '30d', '12m', 'custom'] as const;
const MAX_REVISION_ROWS = 20;

export function StatisticsPage(props: StatisticsPageProps) {
  const { frame, report, portal } = props;
  const { t, lang } = frame;
  const title = portal
    ? t('statistics.titlePortal', { portal: portal.name })
    : t('statistics.titleAll');
  return (
    <ConsoleLayout frame={frame} title={title} section="statistics">
      <h1>{title}</h1>
      {portal ? (
        <p class="fr-text--sm galette-muted">
          {portal.id} ·{' '}
          <a
            class="fr-link fr-text--sm"
            href={`/admin/portals/${encodeURIComponent(portal.id)}/proofs`}
          >
            {t('statistics.proofsLink')}
          </a>
        </p>
      ) : null}
      <ErrorSummary t={t} errors={props.errors} />
      <PeriodForm {...props} />
      {report ? (
        <Report report={report} t={t} lang={lang} path={props.path} asked={props.asked} />
      ) : null}
    </ConsoleLayout>
  );
}

function PeriodForm(props: StatisticsPageProps) {
  const { t } = props.frame;
  return (
    <form method="get" action="/admin/statistics" aria-labelledby="period-heading" class="fr-mb-4w">
      <h2 id="period-heading" class="fr-h6">
        {t('statistics.period.heading')}
      </h2>
      <div class="galette-filters">
        {props.portals ? (
          <Select
            name="portal"
            label={t('console.field.portal')}
            value={props.portal?.id ?? ''}
            options={[
              { value: '', label: t('statistics.allPortals') },
              ...props.portals.map((p) => ({ value: p.id, label: `${p.name} (${p.id})` })),
            ]}
            errors={props.errors}
          />
        ) : (
          <Field
            name="portal"
            type="search"
            label={t('console.field.portal')}
            hint={t('statistics.portalHint')}
            value={props.portal?.id ?? ''}
            errors={props.errors}
            maxlength={253}
          />
        )}
        <Field
          name="from"
          type="date"
          label={t('statistics.period.from')}
          hint={t('statistics.period.customHint')}
          value={props.asked.from}
          errors={props.errors}
        />
        <Field
          name="to"
          type="date"
          label={t('statistics.period.to')}
          value={props.asked.to}
          errors={props.errors}
        />
      </div>
      <fieldset class="fr-fieldset" aria-labelledby="period-legend">
        <legend class="fr-fieldset__legend fr-text--regular" id="period-legend">
          {t('statistics.period.label')}
        </legend>
        {PRESETS.map((preset) => (
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <div class="fr-radio-group">
              <input
                type="radio"
                id={`period-${preset}`}
                name="period"
                value={preset}
                {...(props.asked.period === preset ? { checked: true } : {})}
              />
              <label class="fr-label" for={`period-${preset}`}>
                {t(`statistics.period.${preset}`)}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="fr-btn">
        {t('statistics.period.apply')}
      </button>
    </form>
  );
}

function Report({
  report,
  t,
  lang,
  path,
  asked,
}: {
  report: StatisticsReport;
  t: Translator;
  lang: string;
  path: string;
  asked: StatisticsPageProps['asked'];
}) {
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const rate = (v: number | null) => (v === null ? t('statistics.noData') : percent.format(v));
  const label = labelOf(report, lang);
  const csv = (table: string) => {
    const query = new URLSearchParams({ table });
    if (asked.period) query.set('period', asked.period);
    if (asked.period === 'custom' || !asked.period) {
      if (asked.from) query.set('from', asked.from);
      if (asked.to) query.set('to', asked.to);
    }
    return `${path}.csv?${query.toString()}`;
  };
  const { totals } = report;
  const single = report.scope.kind === 'portal';
  // Across hundreds of portals, the revisions with most choices; the CSV and the API hold all.
  const revisions = single
    ? report.revisions
    : [...report.revisions].sort((a, b) => b.total - a.total).slice(0, MAX_REVISION_ROWS);
  return (
    <>
      <p>
        {t('statistics.periodShown', {
          from: dayLabel(report.period.from, lang),
          to: dayLabel(report.period.to, lang),
        })}
      </p>
      <ul class="galette-figures">
        <Figure label={t('statistics.figure.choices')} value={number.format(totals.total)} />
        <Figure label={t('statistics.figure.shown')} value={number.format(totals.shown)} />
        <Figure label={t('statistics.figure.consentRate')} value={rate(totals.consentRate)} />
        <Figure label={t('statistics.figure.optInRate')} value={rate(totals.optInRate)} />
        <Figure label={t('statistics.figure.noChoiceRate')} value={rate(totals.noChoiceRate)} />
      </ul>

      <section class="galette-section" aria-labelledby="choices-heading">
        <h2 id="choices-heading">{t('statistics.choices.heading')}</h2>
        <figure class="galette-figure">
          <ChoicesChart report={report} t={t} lang={lang} id="choices-chart" />
          <figcaption>
            <ul class="galette-legend">
              {CHOICE_SERIES.map((s) => (
                <li>
                  <span class={`galette-swatch galette-chart__${s}`} aria-hidden="true" />
                  {t(`statistics.series.${s}`)}
                </li>
              ))}
              <li>
                <span class="galette-swatch galette-swatch--line" aria-hidden="true" />
                {t('statistics.series.shown')}
              </li>
              {report.markers.length > 0 ? (
                <li>
                  <span class="galette-swatch galette-swatch--marker" aria-hidden="true" />
                  {t('statistics.series.marker')}
                </li>
              ) : null}
            </ul>
          </figcaption>
        </figure>
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('statistics.choices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {report.period.granularity === 'day'
                    ? t('statistics.col.day')
                    : t('statistics.col.month')}
                </th>
                {CHOICE_SERIES.map((s) => (
                  <th scope="col">{t(`statistics.series.${s}`)}</th>
                ))}
                <th scope="col">{t('statistics.series.shown')}</th>
                <th scope="col">{t('statistics.figure.consentRate')}</th>
                {single ? <th scope="col">{t('statistics.col.published')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {report.buckets.map((b) => {
                const published = report.markers.filter((m) => m.bucket === b.start);
                return (
                  <tr>
                    <th scope="row">
                      <time
                        datetime={
                          report.period.granularity === 'day' ? b.start : b.start.slice(0, 7)
                        }
                      >
                        {label(b.start)}
                      </time>
                    </th>
                    {CHOICE_SERIES.map((s) => (
                      <td>{number.format(b[s])}</td>
                    ))}
                    <td>{number.format(b.shown)}</td>
                    <td>{rate(b.consentRate)}</td>
                    {single ? (
                      <td>
                        {published.length === 0
                          ? ''
                          : published
                              .map((m) => t('statistics.revisionShort', { number: m.number }))
                              .join(', ')}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>
          <a
            class="fr-link fr-icon-download-line fr-link--icon-left"
            href={csv('choices')}
            download
          >
            {t('statistics.csv', { table: t('statistics.choices.heading') })}
          </a>
        </p>
      </section>

      <section class="galette-section" aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t('statistics.categories.heading')}</h2>
        {report.categories.length === 0 ? (
          <p>{t('statistics.empty')}</p>
        ) : (
          <>
            <figure class="galette-figure">
              <RatioChart
                rows={report.categories.map((c) => ({ label: c.id, value: c.rate }))}
                t={t}
                lang={lang}
                id="categories-chart"
                title={t('statistics.chart.categoriesAlt')}
              />
            </figure>
            <div class="fr-table galette-table-wrap">
              <table>
                <caption>{t('statistics.categories.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('statistics.col.category')}</th>
                    <th scope="col">{t('statistics.col.chosen')}</th>
                    <th scope="col">{t('statistics.col.accepted')}</th>
                    <th scope="col">{t('statistics.col.acceptance')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.categories.map((c) => (
                    <tr>
                      <th scope="row">
                        <code>{c.id}</code>
                      </th>
                      <td>{number.format(c.chosen)}</td>
                      <td>{number.format(c.accepted)}</td>
                      <td>{rate(c.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <a
                class="fr-link fr-icon-download-line fr-link--icon-left"
                href={csv('categories')}
                download
              >
                {t('statistics.csv', { table: t('statistics.categories.heading') })}
              </a>
            </p>
          </>
        )}
      </section>

      <section class="galette-section" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">{t('statistics.revisions.heading')}</h2>
        {revisions.length === 0 ? (
          <p>{t('statistics.empty')}</p>
        ) : (
          <>
            <figure class="galette-figure">
              <RatioChart
                rows={revisions.map((r) => ({
                  label: revisionLabel(t, r),
                  value: r.consentRate,
                }))}
                t={t}
                lang={lang}
                id="revisions-chart"
                title={t('statistics.chart.revisionsAlt')}
              />
            </figure>
            <div class="fr-table galette-table-wrap">
              <table>
                <caption>
                  {revisions.length < report.revisions.length
                    ? t('statistics.revisions.captionTop', {
                        shown: revisions.length,
                        total: report.revisions.length,
                      })
                    : t('statistics.revisions.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('statistics.col.revision')}</th>
                    {CHOICE_SERIES.map((s) => (
                      <th scope="col">{t(`statistics.series.${s}`)}</th>
                    ))}
                    <th scope="col">{t('statistics.series.shown')}</th>
                    <th scope="col">{t('statistics.figure.consentRate')}</th>
                    <th scope="col">{t('statistics.figure.optInRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {revisions.map((r) => (
                    <tr>
                      <th scope="row">{revisionLabel(t, r)}</th>
                      {CHOICE_SERIES.map((s) => (
                        <td>{number.format(r[s])}</td>
                      ))}
                      <td>{number.format(r.shown)}</td>
                      <td>{rate(r.consentRate)}</td>
                      <td>{rate(r.optInRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <a
                class="fr-link fr-icon-download-line fr-link--icon-left"
                href={csv('revisions')}
                download
              >
                {t('statistics.csv', { table: t('statistics.revisions.heading') })}
              </a>
            </p>
          </>
        )}
      </section>

      <section class="galette-section" aria-labelledby="definitions-heading">
        <h2 id="definitions-heading" class="fr-h6">
          {t('statistics.definitions.heading')}
        </h2>
        <ul>
          <li>{t('statistics.definitions.consentRate')}</li>
          <li>{t('statistics.definitions.optInRate')}</li>
          <li>{t('statistics.definitions.noChoiceRate')}</li>
          <li>{t('statistics.definitions.shown')}</li>
        </ul>
      </section>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <li class="galette-figure-tile">
      <span class="galette-figure-tile__value">{value}</span>
      <span class="galette-figure-tile__label">{label}</span>
    </li>
  );
}

function revisionLabel(
  t: Translator,
  r: { portalId: string; number?: number; revision: string },
): string {
  return r.number === undefined
    ? `${r.portalId} · ${r.revision.slice(7, 19)}`
    : t('statistics.revisionShort', { number: r.number });
}

function dayLabel(day: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
