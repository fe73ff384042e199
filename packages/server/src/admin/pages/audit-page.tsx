import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { ErrorSummary, Field, Select, type FieldErrors } from './form-parts.js';
import { Time } from './format.js';

export interface AuditEntryView {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly kind: string; readonly label: string };
  readonly portalId?: string;
  readonly action: string;
  readonly object?: string;
  readonly outcome: string;
  readonly changes?: Readonly<Record<string, unknown>>;
}

export interface AuditFilters {
  readonly portal?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AuditPageProps {
  readonly frame: PageFrame;
  readonly entries: readonly AuditEntryView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly filters: AuditFilters;
  /** Portals the reader may filter on. */
  readonly portals: readonly string[];
  readonly errors?: FieldErrors;
}

export function AuditPage(props: AuditPageProps) {
  const { frame, filters, entries, page, pageSize, total } = props;
  const { t, lang } = frame;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    if (n > 1) query.set('page', String(n));
    const text = query.toString();
    return `/admin/audit${text ? `?${text}` : ''}`;
  };
  return (
    <ConsoleLayout frame={frame} title={t('console.audit.title')} section="audit">
      <h1>{t('console.audit.title')}</h1>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="get" action="/admin/audit" aria-labelledby="filters-heading">
        <h2 id="filters-heading" class="fr-h6">
          {t('console.audit.filters')}
        </h2>
        <div class="galette-filters">
          <Select
            name="portal"
            label={t('console.field.portal')}
            value={filters.portal ?? ''}
            options={[
              { value: '', label: t('console.audit.anyPortal') },
              ...props.portals.map((p) => ({ value: p, label: p })),
            ]}
            errors={props.errors}
          />
          <Field
            name="actor"
            type="search"
            label={t('console.audit.actor')}
            value={filters.actor ?? ''}
            errors={props.errors}
            maxlength={200}
          />
          <Field
            name="action"
            type="search"
            label={t('console.audit.action')}
            value={filters.action ?? ''}
            errors={props.errors}
            maxlength={100}
          />
          <Field
            name="from"
            type="date"
            label={t('console.audit.from')}
            value={filters.from ?? ''}
            errors={props.errors}
          />
          <Field
            name="to"
            type="date"
            label={t('console.audit.to')}
            value={filters.to ?? ''}
            errors={props.errors}
          />
        </div>
        <ul class="galette-actions fr-mb-3w">
          <li>
            <button type="submit" class="fr-btn">
              {t('console.audit.apply')}
            </button>
          </li>
          <li>
            <a class="fr-link" href="/admin/audit">
              {t('console.audit.reset')}
            </a>
          </li>
        </ul>
      </form>
      {entries.length === 0 ? (
        <p>{t('console.audit.empty')}</p>
      ) : (
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('console.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.audit.time')}</th>
                <th scope="col">{t('console.audit.actor')}</th>
                <th scope="col">{t('console.field.portal')}</th>
                <th scope="col">{t('console.audit.action')}</th>
                <th scope="col">{t('console.audit.object')}</th>
                <th scope="col">{t('console.audit.outcome')}</th>
                <th scope="col">{t('console.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <Time lang={lang} iso={e.at} />
                  </td>
                  <td>{`${e.actor.label} (${e.actor.kind})`}</td>
                  <td>{e.portalId ?? t('console.none')}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.object ?? t('console.none')}</td>
                  <td>{e.outcome}</td>
                  <td>
                    {e.changes ? (
                      <span class="galette-details">{JSON.stringify(e.changes, null, 1)}</span>
                    ) : (
                      t('console.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav class="fr-pagination" aria-label={t('console.audit.paging')}>
          <ul class="fr-pagination__list">
            <li>
              {page > 1 ? (
                <a
                  class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                  href={link(page - 1)}
                >
                  {t('console.audit.newer')}
                </a>
              ) : null}
            </li>
            {Array.from({ length: pages }, (_, i) => i + 1)
              .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
              .map((n) => (
                <li>
                  <a
                    class="fr-pagination__link"
                    href={link(n)}
                    {...(n === page ? { 'aria-current': 'page' } : {})}
                  >
                    {String(n)}
                  </a>
                </li>
              ))}
            <li>
              {page < pages ? (
                <a
                  class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                  href={link(page + 1)}
                >
                  {t('console.audit.older')}
                </a>
              ) : null}
            </li>
          </ul>
        </nav>
      ) : null}
    </ConsoleLayout>
  );
}
