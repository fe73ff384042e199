import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { Time } from './format.js';

/** One portal as the dashboard shows it. */
export interface PortalSummary {
  readonly id: string;
  readonly name: string;
  readonly latest?: {
    readonly number: number;
    readonly publishedAt: string;
    readonly publishedBy?: string;
  };
  readonly draft: 'differs' | 'same';
  readonly consentsLast7Days: number;
  /** The published charter's address, when there is one. */
  readonly charterHref?: string;
}

export function DashboardPage({
  frame,
  portals,
}: {
  frame: PageFrame;
  portals: readonly PortalSummary[];
}) {
  const { t, lang } = frame;
  const number = new Intl.NumberFormat(lang);
  return (
    <ConsoleLayout frame={frame} title={t('console.dashboard.title')} section="portals">
      <h1>{t('console.dashboard.heading')}</h1>
      {portals.length === 0 ? (
        <p>{t('console.dashboard.empty')}</p>
      ) : (
        <div class="fr-table galette-table-wrap">
          <table>
            <caption>{t('console.dashboard.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.dashboard.portal')}</th>
                <th scope="col">{t('console.dashboard.revision')}</th>
                <th scope="col">{t('console.dashboard.author')}</th>
                <th scope="col">{t('console.dashboard.draft')}</th>
                <th scope="col">{t('console.dashboard.consents')}</th>
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
                  <td>{number.format(p.consentsLast7Days)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleLayout>
  );
}
