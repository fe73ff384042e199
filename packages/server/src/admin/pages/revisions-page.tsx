import { can } from '@galette/core';
import type { DiffResult } from '../../portals/portal-service.js';
import type { RevisionSummary } from '@galette/storage';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { DiffView } from './diff-view.js';
import { CsrfField, Notice, Select } from './form-parts.js';
import { Time } from './format.js';

const base = (portalId: string) => `/admin/portals/${encodeURIComponent(portalId)}`;

export interface RevisionsPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly revisions: readonly RevisionSummary[];
  /** Whether the reader may copy a revision into the draft. */
  readonly canRestore: boolean;
  readonly restored?: number;
  readonly published?: number;
  /** Absolute addresses of the published charter for the portal's own page. */
  readonly embed?: { readonly iframe: string; readonly fragment: string };
}

/** Revision history: number, date, author, note, hash, counts; charter, diff and restore. */
export function RevisionsPage(props: RevisionsPageProps) {
  const { frame, portal, revisions } = props;
  const { t, lang } = frame;
  const title = t('portal-pages.revisions.title', { portal: portal.name });
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      {props.published !== undefined ? (
        <Notice>{t('portal-pages.revisions.published', { number: props.published })}</Notice>
      ) : null}
      {props.restored !== undefined ? (
        <Notice>{t('portal-pages.revisions.restored', { number: props.restored })}</Notice>
      ) : null}
      {revisions.length === 0 ? (
        <p>{t('portal-pages.revisions.none')}</p>
      ) : (
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('portal-pages.revisions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal-pages.revisions.number')}</th>
                <th scope="col">{t('portal-pages.revisions.date')}</th>
                <th scope="col">{t('portal-pages.revisions.author')}</th>
                <th scope="col">{t('portal-pages.revisions.note')}</th>
                <th scope="col">{t('portal-pages.revisions.counts')}</th>
                <th scope="col">{t('portal-pages.revisions.hash')}</th>
                <th scope="col">{t('portal-pages.revisions.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr>
                  <th scope="row">{t('portal-pages.revisions.label', { number: r.number })}</th>
                  <td>
                    <Time lang={lang} iso={r.publishedAt} />
                  </td>
                  <td>{r.publishedBy ?? t('console.none')}</td>
                  <td>{r.note ?? t('console.none')}</td>
                  <td>
                    {t('portal-pages.revisions.countsValue', {
                      declarations: r.declarations,
                      categories: r.categories,
                    })}
                  </td>
                  <td>
                    <code class="galette-hash">{r.hash}</code>
                  </td>
                  <td>
                    <ul class="galette-plain-list">
                      <li>
                        <a
                          class="fr-link"
                          href={`${base(portal.id)}/revisions/${r.number}/charter`}
                        >
                          {t('portal-pages.revisions.charter', { number: r.number })}
                        </a>
                      </li>
                      {r.number > 1 ? (
                        <li>
                          <a
                            class="fr-link"
                            href={`${base(portal.id)}/diff?from=${r.number - 1}&to=${r.number}`}
                          >
                            {t('portal-pages.revisions.diffPrevious', { number: r.number })}
                          </a>
                        </li>
                      ) : null}
                      {props.canRestore ? (
                        <li>
                          <form
                            method="post"
                            action={`${base(portal.id)}/revisions/${r.number}/restore`}
                          >
                            <CsrfField token={frame.csrfToken} />
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                              {t('portal-pages.revisions.restore', { number: r.number })}
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
      {props.embed && revisions.length > 0 ? (
        <EmbedSnippets {...props.embed} frame={frame} />
      ) : null}
    </ConsoleLayout>
  );
}

/** The snippets an operator pastes into the portal's own charter page. */
function EmbedSnippets({
  iframe,
  fragment,
  frame,
}: {
  iframe: string;
  fragment: string;
  frame: PageFrame;
}) {
  const { t } = frame;
  const tag = `<iframe src="${iframe}" title="${t('portal-pages.embed.title')}" style="width:100%;height:80vh;border:0"></iframe>`;
  return (
    <section class="galette-section" aria-labelledby="embed-heading">
      <h2 id="embed-heading">{t('portal-pages.embed.heading')}</h2>
      <p>{t('portal-pages.embed.intro')}</p>
      <p>{t('portal-pages.embed.iframe')}</p>
      <pre class="galette-snippet">
        <code>{tag}</code>
      </pre>
      <p>{t('portal-pages.embed.fragment')}</p>
      <pre class="galette-snippet">
        <code>{fragment}</code>
      </pre>
    </section>
  );
}

/** The pages of one portal, linked from each of them. */
export function PortalLinks({ portalId, frame }: { portalId: string; frame: PageFrame }) {
  const { t } = frame;
  const links: [string, string][] = [
    [`${base(portalId)}/revisions`, t('portal-pages.nav.revisions')],
    [`${base(portalId)}/diff`, t('portal-pages.nav.diff')],
    ...(can(frame.principal!, 'draft.edit', portalId)
      ? ([
          [`${base(portalId)}/edit`, t('portal-pages.nav.edit')],
          [`${base(portalId)}/import`, t('portal-pages.nav.import')],
        ] as [string, string][])
      : []),
    ...(can(frame.principal!, 'draft.preview', portalId)
      ? ([[`${base(portalId)}/preview`, t('preview.nav')]] as [string, string][])
      : []),
    ...(can(frame.principal!, 'revision.publish', portalId)
      ? ([[`${base(portalId)}/publish`, t('portal-pages.nav.publish')]] as [string, string][])
      : []),
    [`${base(portalId)}/statistics`, t('statistics.nav')],
    [`${base(portalId)}/proofs`, t('statistics.proofsLink')],
    ...(can(frame.principal!, 'scans.read', portalId)
      ? ([[`${base(portalId)}/scans`, t('portal-pages.nav.scans')]] as [string, string][])
      : []),
  ];
  return (
    <nav aria-label={t('portal-pages.nav.label')} class="fr-mb-3w">
      <p class="fr-text--sm galette-muted fr-mb-1w">{portalId}</p>
      <ul class="galette-actions">
        {links.map(([href, label]) => (
          <li>
            <a class="fr-link" href={href}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface DiffPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly diff: DiffResult;
  /** What the reader may compare: `draft`, `published` and revision numbers. */
  readonly choices: readonly string[];
}

/** The diff between any two versions (draft, published, revision N), picked by a GET form. */
export function DiffPage({ frame, portal, diff, choices }: DiffPageProps) {
  const { t, lang } = frame;
  const title = t('portal-pages.diff.title', { portal: portal.name });
  const label = (v: string) =>
    v === 'draft'
      ? t('portal-pages.diff.draft')
      : v === 'published'
        ? t('portal-pages.diff.published')
        : t('portal-pages.revisions.label', { number: v });
  const options = choices.map((v) => ({ value: v, label: label(v) }));
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <form method="get" action={`${base(portal.id)}/diff`} class="fr-mb-4w">
        <div class="galette-filters">
          <Select
            name="from"
            label={t('portal-pages.diff.from')}
            value={String(diff.from)}
            options={options}
          />
          <Select
            name="to"
            label={t('portal-pages.diff.to')}
            value={String(diff.to)}
            options={options}
          />
        </div>
        <button type="submit" class="fr-btn fr-btn--secondary">
          {t('portal-pages.diff.compare')}
        </button>
      </form>
      <p>
        {t('portal-pages.diff.between', {
          from: label(String(diff.from)),
          to: label(String(diff.to)),
        })}
      </p>
      <DiffView diff={diff} t={t} lang={lang} />
    </ConsoleLayout>
  );
}
