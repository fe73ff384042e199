import type { ConsentRecord } from '@galette/core';
import type { ProofRecord, ProofVerification } from '../../proofs/proof-service.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { ErrorSummary, Field, Notice, type FieldErrors } from './form-parts.js';
import { Time } from './format.js';

export interface ProofsPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  /** The id looked up, as typed (shown back in the form). */
  readonly consentId?: string;
  /** The history of `consentId`; undefined when nothing was looked up or the id was refused. */
  readonly history?: readonly ProofRecord[];
  readonly verification?: ProofVerification;
  readonly exportDays?: { readonly from?: string; readonly to?: string };
  readonly errors?: FieldErrors;
}

export function ProofsPage(props: ProofsPageProps) {
  const { frame, portal } = props;
  const { t, lang } = frame;
  const base = `/admin/portals/${encodeURIComponent(portal.id)}`;
  const title = t('statistics.proofs.title', { portal: portal.name });
  return (
    <ConsoleLayout frame={frame} title={title} section="statistics">
      <h1>{title}</h1>
      <p class="fr-text--sm galette-muted">
        {portal.id} ·{' '}
        <a class="fr-link fr-text--sm" href={`${base}/statistics`}>
          {t('statistics.nav')}
        </a>
      </p>
      <ErrorSummary t={t} errors={props.errors} />

      <section class="galette-section" aria-labelledby="lookup-heading">
        <h2 id="lookup-heading">{t('statistics.proofs.lookup.heading')}</h2>
        <form method="get" action={`${base}/proofs`}>
          <Field
            name="consentId"
            label={t('statistics.proofs.lookup.label')}
            hint={t('statistics.proofs.lookup.hint')}
            value={props.consentId ?? ''}
            errors={props.errors}
            maxlength={100}
            autocomplete="off"
          />
          <button type="submit" class="fr-btn">
            {t('statistics.proofs.lookup.submit')}
          </button>
        </form>
        {props.history === undefined ? null : props.history.length === 0 ? (
          <Notice kind="info">{t('statistics.proofs.lookup.none')}</Notice>
        ) : (
          <History records={props.history} base={base} frame={frame} lang={lang} />
        )}
      </section>

      <section class="galette-section" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('statistics.proofs.export.heading')}</h2>
        <p>{t('statistics.proofs.export.intro')}</p>
        <form method="get" action={`${base}/proofs/export`}>
          <div class="galette-filters">
            <Field
              name="from"
              type="date"
              label={t('statistics.period.from')}
              value={props.exportDays?.from ?? ''}
              errors={props.errors}
            />
            <Field
              name="to"
              type="date"
              label={t('statistics.period.to')}
              value={props.exportDays?.to ?? ''}
              errors={props.errors}
            />
          </div>
          <fieldset class="fr-fieldset" aria-labelledby="format-legend">
            <legend class="fr-fieldset__legend fr-text--regular" id="format-legend">
              {t('statistics.proofs.export.format')}
            </legend>
            {(['csv', 'jsonl'] as const).map((format, i) => (
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-radio-group">
                  <input
                    type="radio"
                    id={`format-${format}`}
                    name="format"
                    value={format}
                    {...(i === 0 ? { checked: true } : {})}
                  />
                  <label class="fr-label" for={`format-${format}`}>
                    {t(`statistics.proofs.export.${format}`)}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('statistics.proofs.export.submit')}
          </button>
        </form>
      </section>

      <section class="galette-section" aria-labelledby="verify-heading">
        <h2 id="verify-heading">{t('statistics.proofs.verify.heading')}</h2>
        <p>{t('statistics.proofs.verify.intro')}</p>
        <form method="get" action={`${base}/proofs/verify`}>
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('statistics.proofs.verify.submit')}
          </button>
        </form>
        {props.verification ? (
          <VerificationResult v={props.verification} frame={frame} base={base} />
        ) : null}
      </section>
    </ConsoleLayout>
  );
}

function History({
  records,
  base,
  frame,
  lang,
}: {
  records: readonly ProofRecord[];
  base: string;
  frame: PageFrame;
  lang: string;
}) {
  const { t } = frame;
  return (
    <div class="fr-table galette-table-wrap fr-mt-3w">
      <table>
        <caption>{t('statistics.proofs.history.caption', { count: records.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.proofs.col.recordedAt')}</th>
            <th scope="col">{t('statistics.proofs.col.action')}</th>
            <th scope="col">{t('statistics.proofs.col.choices')}</th>
            <th scope="col">{t('statistics.col.revision')}</th>
            <th scope="col">{t('statistics.proofs.col.expires')}</th>
            <th scope="col">{t('statistics.proofs.col.position')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr>
              <th scope="row">
                <Time lang={lang} iso={r.recordedAt} />
              </th>
              <td>
                {t(`statistics.proofs.action.${r.action}`)}
                <br />
                <span class="fr-text--xs galette-muted">
                  {t(`statistics.proofs.source.${r.source}`)} · {r.lang}
                </span>
              </td>
              <td>
                <Choices record={r} frame={frame} />
              </td>
              <td>
                {r.revisionNumber === undefined ? (
                  <code>{r.revision.slice(0, 19)}</code>
                ) : (
                  <a class="fr-link" href={`${base}/revisions/${r.revisionNumber}/charter`}>
                    {t('statistics.proofs.revisionCharter', { number: r.revisionNumber })}
                  </a>
                )}
              </td>
              <td>
                <Time lang={lang} iso={r.expiresAt} />
              </td>
              <td>
                {`#${r.seq}`}
                <br />
                <code class="galette-hash">{r.hash}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Choices({ record, frame }: { record: ConsentRecord; frame: PageFrame }) {
  const { t } = frame;
  return (
    <ul class="galette-plain-list">
      {Object.entries(record.choices).map(([category, accepted]) => (
        <li>
          <code>{category}</code>{' '}
          {accepted ? t('statistics.proofs.accepted') : t('statistics.proofs.refused')}
        </li>
      ))}
    </ul>
  );
}

function VerificationResult({
  v,
  frame,
  base,
}: {
  v: ProofVerification;
  frame: PageFrame;
  base: string;
}) {
  const { t, lang } = frame;
  const number = new Intl.NumberFormat(lang);
  if (!v.hasChain) return <Notice kind="info">{t('statistics.proofs.verify.noChain')}</Notice>;
  if (v.ok) {
    return (
      <Notice kind="success">
        {t('statistics.proofs.verify.ok', {
          checked: number.format(v.checked),
          seq: v.verifiedUpTo?.seq ?? 0,
        })}
      </Notice>
    );
  }
  const broken = v.firstBreak!;
  return (
    <div class="fr-alert fr-alert--error fr-mt-3w" role="alert">
      <h3 class="fr-alert__title">{t('statistics.proofs.verify.broken')}</h3>
      <p>
        {t(`statistics.proofs.verify.reason.${broken.reason}`, {
          seq: broken.seq,
          last: broken.lastSeq ?? broken.seq,
        })}
      </p>
      <p>
        {t('statistics.proofs.verify.checked', {
          checked: number.format(v.checked),
          seq: v.verifiedUpTo?.seq ?? 0,
        })}
      </p>
      {v.firstBrokenRecord ? (
        <p>
          {t('statistics.proofs.verify.record')}{' '}
          <a
            class="fr-link"
            href={`${base}/proofs?consentId=${encodeURIComponent(v.firstBrokenRecord.consentId)}`}
          >
            <code>{v.firstBrokenRecord.consentId}</code>
          </a>
          {' · '}
          <Time lang={lang} iso={v.firstBrokenRecord.recordedAt} />
        </p>
      ) : null}
    </div>
  );
}
