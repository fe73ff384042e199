import type { CookieState, ScanDiff } from '../../scans/scan-diff.js';
import type { Translator } from '@galette/core';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { FindingsTable } from './scan-page.js';
import { textOf } from './scan-text.js';

export interface ScanDiffPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly diff: ScanDiff;
}

function CookieTable({
  t,
  cookies,
  caption,
}: {
  t: Translator;
  cookies: readonly CookieState[];
  caption: string;
}) {
  if (cookies.length === 0) return <p>{t('scanner.console.diff.none')}</p>;
  return (
    <div class="fr-table galette-table-wrap">
      <table>
        <caption class="fr-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scanner.console.col.cookie')}</th>
            <th scope="col">{t('scanner.console.col.category')}</th>
            <th scope="col">{t('scanner.console.col.party')}</th>
            <th scope="col">{t('scanner.console.col.lifetime')}</th>
          </tr>
        </thead>
        <tbody>
          {cookies.map((c) => (
            <tr>
              <th scope="row">
                <code>{c.name}</code> ({c.domain})
              </th>
              <td>{c.category}</td>
              <td>{textOf(t, `scanner.report.party.${c.party}`, c.party)}</td>
              <td>{c.lifetime}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What changed between two finished scans of a portal: cookies, then findings. */
export function ScanDiffPage({ frame, portal, diff }: ScanDiffPageProps) {
  const { t } = frame;
  const title = t('scanner.console.diffTitle', { portal: portal.name });
  const state = (c: CookieState) => `${c.category}, ${c.party}, ${c.lifetime}`;
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <p>
        <a class="fr-link" href={`/admin/portals/${encodeURIComponent(portal.id)}/scans`}>
          {t('scanner.console.back')}
        </a>
      </p>
      {(['cookiesAdded', 'cookiesRemoved'] as const).map((key) => (
        <section class="galette-section" aria-labelledby={`diff-${key}`}>
          <h2 id={`diff-${key}`}>{t(`scanner.console.diff.${key}`)}</h2>
          <CookieTable
            t={t}
            cookies={key === 'cookiesAdded' ? diff.cookies.added : diff.cookies.removed}
            caption={t(`scanner.console.diff.${key}`)}
          />
        </section>
      ))}
      <section class="galette-section" aria-labelledby="diff-changed">
        <h2 id="diff-changed">{t('scanner.console.diff.cookiesChanged')}</h2>
        {diff.cookies.changed.length === 0 ? (
          <p>{t('scanner.console.diff.none')}</p>
        ) : (
          <div class="fr-table galette-table-wrap">
            <table>
              <caption class="fr-sr-only">{t('scanner.console.diff.cookiesChanged')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scanner.console.col.cookie')}</th>
                  <th scope="col">{t('scanner.console.col.before')}</th>
                  <th scope="col">{t('scanner.console.col.after')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.cookies.changed.map(({ before, after }) => (
                  <tr>
                    <th scope="row">
                      <code>{after.name}</code> ({after.domain})
                    </th>
                    <td>{state(before)}</td>
                    <td>{state(after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {(['findingsAdded', 'findingsRemoved'] as const).map((key) => (
        <section class="galette-section" aria-labelledby={`diff-${key}`}>
          <h2 id={`diff-${key}`}>{t(`scanner.console.diff.${key}`)}</h2>
          <FindingsTable
            t={t}
            findings={key === 'findingsAdded' ? diff.findings.added : diff.findings.removed}
            caption={t(`scanner.console.diff.${key}`)}
          />
        </section>
      ))}
    </ConsoleLayout>
  );
}
