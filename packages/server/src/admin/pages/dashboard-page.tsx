import { can } from '@galette/core';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, Field, FileProblemsAlert, Notice, type FileProblems } from './form-parts.js';
import { Time } from './format.js';
import { ScanAlertBadge } from './scan-alert.js';
import type { ScanAlert } from '../../scans/scan-alerts.js';

/** One portal as the list shows it. */
export interface PortalSummary {
  readonly id: string;
  readonly name: string;
  readonly latest?: {
    readonly number: number;
    readonly publishedAt: string;
    readonly publishedBy?: string;
  };
  readonly draft: 'differs' | 'same';
  /** Absent when the reader may not read this portal's statistics. */
  readonly consentsLast7Days?: number;
  /** The published charter's address, when there is one (never for archived portals). */
  readonly charterHref?: string;
  readonly archivedAt?: string;
  /** New error findings of its latest scheduled scan, for readers of its scans. */
  readonly scanAlert?: ScanAlert;
}

export interface DashboardPageProps {
  readonly frame: PageFrame;
  readonly portals: readonly PortalSummary[];
  readonly query: { readonly q: string; readonly archived: boolean };
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  /** Administrators create, archive and restore portals. */
  readonly admin: boolean;
  /** `archive:<id>`, `restore:<id>` or `create:<id>` after a redirect. */
  readonly done?: string;
}

const DONE = /^(archive|restore|create):(.{1,253})$/;

export function DashboardPage(props: DashboardPageProps) {
  const { frame, portals, query } = props;
  const { t, lang } = frame;
  const number = new Intl.NumberFormat(lang);
  const done = props.done ? DONE.exec(props.done) : null;
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.archived) params.set('archived', '1');
    if (page > 1) params.set('page', String(page));
    const text = params.toString();
    return `/admin/${text ? `?${text}` : ''}`;
  };
  const base = (id: string) => `/admin/portals/${encodeURIComponent(id)}`;
  return (
    <ConsoleLayout frame={frame} title={t('console.dashboard.title')} section="portals">
      <h1>
        {query.archived ? t('portal-pages.list.archivedHeading') : t('console.dashboard.heading')}
      </h1>
      {done ? (
        <Notice>
          {t(`portal-pages.list.done.${done[1] as 'archive'}`, { portalId: done[2]! })}
        </Notice>
      ) : null}
      <form method="get" action="/admin/" class="fr-mb-3w" role="search">
        <div class="galette-filters">
          <Field
            name="q"
            type="search"
            label={t('portal-pages.list.search')}
            value={query.q}
            maxlength={100}
          />
          {query.archived ? <input type="hidden" name="archived" value="1" /> : null}
        </div>
        <ul class="galette-actions">
          <li>
            <button type="submit" class="fr-btn fr-btn--secondary">
              {t('portal-pages.list.searchSubmit')}
            </button>
          </li>
          <li>
            <a class="fr-link" href={query.archived ? '/admin/' : '/admin/?archived=1'}>
              {query.archived
                ? t('portal-pages.list.showActive')
                : t('portal-pages.list.showArchived')}
            </a>
          </li>
          {props.admin ? (
            <li>
              <a class="fr-btn fr-btn--tertiary" href="/admin/portals/new">
                {t('portal-pages.list.create')}
              </a>
            </li>
          ) : null}
        </ul>
      </form>
      {portals.length === 0 ? (
        <p>{t('console.dashboard.empty')}</p>
      ) : (
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>
              {t('portal-pages.list.caption', { total: number.format(props.total) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('console.dashboard.portal')}</th>
                <th scope="col">{t('console.dashboard.revision')}</th>
                <th scope="col">{t('console.dashboard.author')}</th>
                <th scope="col">{t('console.dashboard.draft')}</th>
                <th scope="col">{t('console.dashboard.consents')}</th>
                <th scope="col">{t('portal-pages.list.pages')}</th>
              </tr>
            </thead>
            <tbody>
              {portals.map((p) => (
                <tr>
                  <th scope="row">
                    {p.name}
                    <br />
                    {p.charterHref ? (
                      <a class="fr-link fr-text--sm" href={p.charterHref}>
                        {p.id}
                      </a>
                    ) : (
                      <span class="fr-text--sm galette-muted">{p.id}</span>
                    )}
                    {p.archivedAt ? (
                      <>
                        <br />
                        <span class="fr-text--xs">
                          {t('portal-pages.list.archivedOn')}{' '}
                          <Time lang={lang} iso={p.archivedAt} />
                        </span>
                      </>
                    ) : null}
                    {p.scanAlert ? <ScanAlertBadge t={t} portal={p} alert={p.scanAlert} /> : null}
                  </th>
                  <td>
                    {p.latest ? (
                      <>
                        {t('console.dashboard.revisionNumber', { number: p.latest.number })}
                        <br />
                        <Time lang={lang} iso={p.latest.publishedAt} />
                      </>
                    ) : (
                      t('console.dashboard.neverPublished')
                    )}
                  </td>
                  <td>{p.latest?.publishedBy ?? t('console.none')}</td>
                  <td>
                    {p.draft === 'differs' ? (
                      <p class="fr-badge fr-badge--warning fr-badge--sm">
                        {t('console.dashboard.draftDiffers')}
                      </p>
                    ) : (
                      <p class="fr-badge fr-badge--success fr-badge--sm">
                        {t('console.dashboard.draftSame')}
                      </p>
                    )}
                  </td>
                  <td>
                    {p.consentsLast7Days === undefined
                      ? t('console.none')
                      : number.format(p.consentsLast7Days)}
                  </td>
                  <td>
                    <ul class="galette-plain-list">
                      <li>
                        <a class="fr-link fr-text--sm" href={`${base(p.id)}/statistics`}>
                          {t('statistics.nav')}
                        </a>
                      </li>
                      {!p.archivedAt &&
                      frame.principal &&
                      can(frame.principal, 'draft.edit', p.id) ? (
                        <li>
                          <a class="fr-link fr-text--sm" href={`${base(p.id)}/edit`}>
                            {t('portal-pages.nav.edit')}
                            <span class="fr-sr-only"> {p.name}</span>
                          </a>
                        </li>
                      ) : null}
                      <li>
                        <a class="fr-link fr-text--sm" href={`${base(p.id)}/revisions`}>
                          {t('portal-pages.nav.revisions')}
                        </a>
                      </li>
                      {frame.principal && can(frame.principal, 'scans.read', p.id) ? (
                        <li>
                          <a class="fr-link fr-text--sm" href={`${base(p.id)}/scans`}>
                            {t('portal-pages.nav.scans')}
                          </a>
                        </li>
                      ) : null}
                      {frame.principal && can(frame.principal, 'draft.preview', p.id) ? (
                        <li>
                          <a class="fr-link fr-text--sm" href={`${base(p.id)}/preview`}>
                            {t('preview.nav')}
                          </a>
                        </li>
                      ) : null}
                      {props.admin ? (
                        <li>
                          <form
                            method="post"
                            action={`${base(p.id)}/${p.archivedAt ? 'restore' : 'archive'}`}
                          >
                            <CsrfField token={frame.csrfToken} />
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                              {p.archivedAt
                                ? t('portal-pages.list.restore', { name: p.name })
                                : t('portal-pages.list.archive', { name: p.name })}
                            </button>
                          </form>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.pages > 1 ? (
        <nav class="fr-pagination" aria-label={t('portal-pages.list.paging')}>
          <ul class="fr-pagination__list">
            {Array.from({ length: props.pages }, (_, i) => i + 1)
              .filter((n) => n === 1 || n === props.pages || Math.abs(n - props.page) <= 2)
              .map((n) => (
                <li>
                  <a
                    class="fr-pagination__link"
                    href={link(n)}
                    {...(n === props.page ? { 'aria-current': 'page' } : {})}
                  >
                    {String(n)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </ConsoleLayout>
  );
}

export interface NewPortalPageProps {
  readonly frame: PageFrame;
  /** The portal file as sent, shown back after a refusal. */
  readonly file: string;
  /** Each problem with its field path in the portal file. */
  readonly problems?: FileProblems;
}

/** Creating a portal: a portal file (the format of `galette import`) pasted into a form. */
export function NewPortalPage({ frame, file, problems }: NewPortalPageProps) {
  const error = problems !== undefined && problems.length > 0;
  const { t } = frame;
  return (
    <ConsoleLayout frame={frame} title={t('portal-pages.new.title')} section="portals">
      <h1>{t('portal-pages.new.title')}</h1>
      <p>{t('portal-pages.new.intro')}</p>
      <FileProblemsAlert t={t} problems={problems} level="h2" />
      <form method="post" action="/admin/portals/new">
        <CsrfField token={frame.csrfToken} />
        <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="file">
            {t('portal-pages.new.file')}
            <span class="fr-hint-text" id="file-hint">
              {t('portal-pages.new.fileHint')}
            </span>
          </label>
          <textarea
            class="fr-input galette-code"
            id="file"
            name="file"
            rows={20}
            required
            aria-describedby="file-hint"
            {...(error ? { 'aria-invalid': 'true' } : {})}
          >
            {file}
          </textarea>
        </div>
        <button type="submit" class="fr-btn">
          {t('portal-pages.new.submit')}
        </button>
      </form>
    </ConsoleLayout>
  );
}
