import {
  EXEMPT_CATEGORY,
  isBuiltinCategory,
  translate,
  translator,
  type ConsentRecord,
  type PortalContent,
} from '@galette/core';
import { charterPath } from '../charter-document.js';
import { escapeHtml, htmlPage } from '../html.js';

export interface ReceiptPageOptions {
  readonly lang: string;
  /** The portal's latest published content: its name and category labels. */
  readonly portal: PortalContent;
  readonly consentId: string;
  /** Oldest first, as the log returns them; shown newest first. */
  readonly records: readonly ConsentRecord[];
  /** Number and publication date of each revision hash the portal still has. */
  readonly revisions: ReadonlyMap<
    string,
    { readonly number: number; readonly publishedAt: string }
  >;
}

/** The visitor's own history of choices on a portal: dates, choices per category, revision. */
export function receiptPage(options: ReceiptPageOptions): string {
  const { lang, portal, records, revisions } = options;
  const t = translator(lang);
  const date = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const when = (iso: string) => `${date.format(new Date(iso))} UTC`;
  const label = (category: string) => {
    if (isBuiltinCategory(category) || category === EXEMPT_CATEGORY) {
      return translate(lang, `widget.category.${category}`);
    }
    const custom = portal.categories.find((c) => c.id === category)?.label;
    return custom?.[lang] ?? custom?.[portal.defaultLanguage] ?? category;
  };
  const rows = [...records].reverse().map((r) => {
    const revision = revisions.get(r.revision);
    const version = revision
      ? t('consent.receipt.revision', {
          number: revision.number,
          date: day.format(new Date(revision.publishedAt)),
        })
      : t('consent.receipt.revisionUnknown');
    const choices = Object.entries(r.choices)
      .map(
        ([category, accepted]) =>
          `<li>${escapeHtml(label(category))} : ${escapeHtml(
            t(
              category === EXEMPT_CATEGORY
                ? accepted
                  ? 'consent.receipt.notObjected'
                  : 'consent.receipt.objected'
                : accepted
                  ? 'consent.receipt.accepted'
                  : 'consent.receipt.refused',
            ),
          )}</li>`,
      )
      .join('');
    return `<tr>
<th scope="row"><time datetime="${escapeHtml(r.recordedAt)}">${escapeHtml(when(r.recordedAt))}</time></th>
<td>${escapeHtml(t(`consent.action.${r.action}`))}<br><small>${escapeHtml(t('consent.receipt.source'))} ${escapeHtml(t(`consent.source.${r.source}`))}</small></td>
<td><ul>${choices}</ul></td>
<td>${escapeHtml(version)}<br><small><code>${escapeHtml(r.revision.slice(0, 19))}…</code></small></td>
<td><time datetime="${escapeHtml(r.expiresAt)}">${escapeHtml(day.format(new Date(r.expiresAt)))}</time></td>
<td><code>${escapeHtml(r.hash.slice(7, 23))}</code></td>
</tr>`;
  });
  const json = `/api/v1/portals/${encodeURIComponent(portal.id)}/consents/${encodeURIComponent(options.consentId)}`;
  return htmlPage({
    lang,
    title: t('consent.receipt.title', { portal: portal.name }),
    noReferrer: true,
    css: `main{max-width:64rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #929292;padding:.5rem .75rem .5rem 0}
thead th{border-bottom-width:2px}
ul{margin:0;padding-left:1.1rem}
small{color:#3a3a3a}
code{font-size:.875rem;word-break:break-all}`,
    main: `<h1>${escapeHtml(t('consent.receipt.heading'))}</h1>
<p>${escapeHtml(t('consent.receipt.intro', { portal: portal.name }))}</p>
<table>
<thead><tr>
<th scope="col">${escapeHtml(t('consent.receipt.date'))}</th>
<th scope="col">${escapeHtml(t('consent.receipt.action'))}</th>
<th scope="col">${escapeHtml(t('consent.receipt.categories'))}</th>
<th scope="col">${escapeHtml(t('consent.receipt.version'))}</th>
<th scope="col">${escapeHtml(t('consent.receipt.expires'))}</th>
<th scope="col">${escapeHtml(t('consent.receipt.proof'))}</th>
</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p><a href="${escapeHtml(`${charterPath(portal.id)}?lang=${encodeURIComponent(lang)}`)}">${escapeHtml(t('consent.receipt.charter'))}</a>
· <a href="${escapeHtml(json)}" rel="nofollow">${escapeHtml(t('consent.receipt.json'))}</a></p>`,
  });
}
