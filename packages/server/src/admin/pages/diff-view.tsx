import type { PortalDiff, Translator, ValueChange } from '@galette/core';

/** A value of a change as text: strings as they are, the rest as compact JSON. */
function shown(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Changes({
  t,
  changes,
  caption,
}: {
  t: Translator;
  changes: readonly ValueChange[];
  caption: string;
}) {
  return (
    <div class="fr-table galette-table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal-pages.diff.field')}</th>
            <th scope="col">{t('portal-pages.diff.before')}</th>
            <th scope="col">{t('portal-pages.diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">
                <code>{c.path}</code>
              </th>
              <td>
                <del class="galette-del">{shown(c.from)}</del>
              </td>
              <td>
                <ins class="galette-ins">{shown(c.to)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A `PortalDiff` as a page section: the visitor impact sentence first, then settings,
 * declarations (added, removed, changed field by field), categories, texts word by word and
 * widget settings. Every operator text is a text node, so hostile content is escaped.
 */
export function DiffView({ diff, t, lang }: { diff: PortalDiff; t: Translator; lang: string }) {
  const impact = diff.impact.summary[lang as 'fr' | 'en'] ?? diff.impact.summary.fr;
  const { declarations: d, categories: k } = diff;
  return (
    <>
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title fr-h6">{t('portal-pages.diff.impact')}</h2>
        <p class="fr-callout__text" data-galette-impact="">
          {impact}
        </p>
      </div>
      {diff.identical ? <p>{t('portal-pages.diff.identical')}</p> : null}
      {diff.settings.length > 0 ? (
        <section class="galette-section" aria-labelledby="diff-settings">
          <h2 id="diff-settings">{t('portal-pages.diff.settings')}</h2>
          <Changes t={t} changes={diff.settings} caption={t('portal-pages.diff.settings')} />
        </section>
      ) : null}
      {d.added.length + d.removed.length + d.changed.length > 0 || d.reordered ? (
        <section class="galette-section" aria-labelledby="diff-declarations">
          <h2 id="diff-declarations">{t('portal-pages.diff.declarations')}</h2>
          {d.reordered ? <p>{t('portal-pages.diff.reordered')}</p> : null}
          {d.added.length > 0 ? (
            <>
              <h3 class="fr-h6">{t('portal-pages.diff.added', { count: d.added.length })}</h3>
              <ul>
                {d.added.map((a) => (
                  <li>
                    <ins class="galette-ins">
                      <code>{a.declaration.name}</code> — {a.declaration.provider} (
                      {a.declaration.category})
                    </ins>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.removed.length > 0 ? (
            <>
              <h3 class="fr-h6">{t('portal-pages.diff.removed', { count: d.removed.length })}</h3>
              <ul>
                {d.removed.map((r) => (
                  <li>
                    <del class="galette-del">
                      <code>{r.declaration.name}</code> — {r.declaration.provider} (
                      {r.declaration.category})
                    </del>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.changed.map((c) => (
            <Changes
              t={t}
              changes={c.changes}
              caption={t('portal-pages.diff.changedDeclaration', { name: c.name })}
            />
          ))}
        </section>
      ) : null}
      {k.added.length + k.removed.length + k.changed.length > 0 ? (
        <section class="galette-section" aria-labelledby="diff-categories">
          <h2 id="diff-categories">{t('portal-pages.diff.categories')}</h2>
          <ul>
            {k.added.map((c) => (
              <li>
                <ins class="galette-ins">
                  {t('portal-pages.diff.categoryAdded')} <code>{c.id}</code>
                </ins>
              </li>
            ))}
            {k.removed.map((c) => (
              <li>
                <del class="galette-del">
                  {t('portal-pages.diff.categoryRemoved')} <code>{c.id}</code>
                </del>
              </li>
            ))}
          </ul>
          {k.changed.map((c) => (
            <Changes
              t={t}
              changes={c.changes}
              caption={t('portal-pages.diff.changedCategory', { id: c.id })}
            />
          ))}
        </section>
      ) : null}
      {diff.texts.length > 0 ? (
        <section class="galette-section" aria-labelledby="diff-texts">
          <h2 id="diff-texts">{t('portal-pages.diff.texts')}</h2>
          {diff.texts.map((text) => (
            <div class="fr-mb-3w">
              <h3 class="fr-h6">
                {t('portal-pages.diff.textHeading', {
                  section: text.section,
                  lang: text.lang,
                  status: t(`portal-pages.diff.status.${text.status}`),
                })}
              </h3>
              <p class="galette-words">
                {text.words.map((w) =>
                  w.op === 'same' ? (
                    w.text
                  ) : w.op === 'added' ? (
                    <ins class="galette-ins">{w.text}</ins>
                  ) : (
                    <del class="galette-del">{w.text}</del>
                  ),
                )}
              </p>
            </div>
          ))}
        </section>
      ) : null}
      {diff.widget.length > 0 ? (
        <section class="galette-section" aria-labelledby="diff-widget">
          <h2 id="diff-widget">{t('portal-pages.diff.widget')}</h2>
          <Changes t={t} changes={diff.widget} caption={t('portal-pages.diff.widget')} />
        </section>
      ) : null}
    </>
  );
}
