import type { Role } from '@galette/core';
import { MAX_TOKEN_NAME_LENGTH } from '../../accounts/token-input-shape.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from './form-parts.js';
import { roleLabel, Time } from './format.js';

export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly portals: readonly string[];
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly lastUsedAt?: string;
}

export interface TokensPageProps {
  readonly frame: PageFrame;
  readonly tokens: readonly TokenView[];
  readonly portals: readonly string[];
  /** The token just made: its only showing. */
  readonly created?: { readonly name: string; readonly secret: string };
  readonly revoked?: string;
  readonly errors?: FieldErrors;
  readonly values?: Readonly<Record<string, string>>;
}

export const TOKEN_EXPIRIES = ['P30D', 'P90D', 'P365D', 'never'] as const;

export function TokensPage(props: TokensPageProps) {
  const { frame, errors } = props;
  const { t, lang } = frame;
  const values = props.values ?? {};
  const expiryLabels: Record<(typeof TOKEN_EXPIRIES)[number], string> = {
    P30D: t('console.tokens.expires30'),
    P90D: t('console.tokens.expires90'),
    P365D: t('console.tokens.expires365'),
    never: t('console.tokens.never'),
  };
  return (
    <ConsoleLayout frame={frame} title={t('console.tokens.title')} section="tokens">
      <h1>{t('console.tokens.title')}</h1>
      {props.revoked ? (
        <Notice>{t('console.tokens.revoked', { name: props.revoked })}</Notice>
      ) : null}
      {props.created ? (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{t('console.tokens.created', { name: props.created.name })}</p>
          <code class="galette-secret">{props.created.secret}</code>
          <p class="fr-text--sm">{t('console.tokens.usage')}</p>
        </div>
      ) : null}

      <section class="galette-section" aria-labelledby="create-heading">
        <h2 id="create-heading">{t('console.tokens.createHeading')}</h2>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/admin/tokens">
          <CsrfField token={frame.csrfToken} />
          <Field
            name="name"
            label={t('console.field.tokenName')}
            value={values.name ?? ''}
            errors={errors}
            autocomplete="off"
            maxlength={MAX_TOKEN_NAME_LENGTH}
            required
          />
          <Select
            name="role"
            label={t('console.field.role')}
            value={values.role ?? 'viewer'}
            options={(['viewer', 'editor', 'admin'] as const).map((r) => ({
              value: r,
              label: roleLabel(t, r),
            }))}
            errors={errors}
          />
          <div class={`fr-input-group${errors?.portals ? ' fr-input-group--error' : ''}`}>
            <label class="fr-label" for="portals">
              {t('console.field.portals')}
            </label>
            <textarea
              class="fr-input"
              id="portals"
              name="portals"
              rows={3}
              {...(errors?.portals
                ? { 'aria-describedby': 'portals-error', 'aria-invalid': 'true' }
                : {})}
            >
              {values.portals ?? ''}
            </textarea>
            {errors?.portals ? (
              <p class="fr-error-text" id="portals-error">
                {errors.portals}
              </p>
            ) : null}
          </div>
          <Select
            name="expires"
            label={t('console.field.expires')}
            value={values.expires ?? 'P90D'}
            options={TOKEN_EXPIRIES.map((e) => ({ value: e, label: expiryLabels[e] }))}
            errors={errors}
          />
          <button type="submit" class="fr-btn">
            {t('console.tokens.create')}
          </button>
        </form>
      </section>

      <section class="galette-section" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('console.tokens.caption')}</h2>
        {props.tokens.length === 0 ? (
          <p>{t('console.tokens.empty')}</p>
        ) : (
          <div class="fr-table galette-table-wrap">
            <table>
              <caption class="fr-sr-only">{t('console.tokens.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('console.field.tokenName')}</th>
                  <th scope="col">{t('console.field.role')}</th>
                  <th scope="col">{t('console.tokens.created_at')}</th>
                  <th scope="col">{t('console.tokens.expiresAt')}</th>
                  <th scope="col">{t('console.tokens.lastUsed')}</th>
                  <th scope="col">{t('console.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((tok) => (
                  <tr>
                    <th scope="row">{tok.name}</th>
                    <td>
                      {tok.role === 'admin'
                        ? roleLabel(t, 'admin')
                        : tok.portals
                            .map((portal) =>
                              t('console.role.onPortal', { role: roleLabel(t, tok.role), portal }),
                            )
                            .join(', ')}
                    </td>
                    <td>
                      <Time lang={lang} iso={tok.createdAt} />
                    </td>
                    <td>
                      {tok.expiresAt ? (
                        <Time lang={lang} iso={tok.expiresAt} />
                      ) : (
                        t('console.tokens.never')
                      )}
                    </td>
                    <td>
                      {tok.lastUsedAt ? (
                        <Time lang={lang} iso={tok.lastUsedAt} />
                      ) : (
                        t('console.never')
                      )}
                    </td>
                    <td>
                      <form method="post" action="/admin/tokens/revoke">
                        <CsrfField token={frame.csrfToken} />
                        <input type="hidden" name="name" value={tok.name} />
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                          {t('console.tokens.revoke', { name: tok.name })}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ConsoleLayout>
  );
}
