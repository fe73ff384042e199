import type { Grant } from '@galette/core';
import { MAX_DISPLAY_NAME_LENGTH, MAX_EMAIL_LENGTH } from '../../accounts/account-shapes.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from './form-parts.js';
import { grantLabel, roleLabel, Time } from './format.js';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly lastSignInAt?: string;
  readonly grants: readonly Grant[];
  readonly totpEnabled?: boolean;
}

export interface UsersPageProps {
  readonly frame: PageFrame;
  readonly users: readonly UserView[];
  readonly portals: readonly string[];
  /** A password link just made, shown once with whose it is. */
  readonly link?: { readonly email: string; readonly url: string; readonly added: boolean };
  readonly done?: boolean;
  readonly errors?: FieldErrors;
  readonly values?: Readonly<Record<string, string>>;
}

export function UsersPage(props: UsersPageProps) {
  const { frame, errors } = props;
  const { t, lang } = frame;
  const values = props.values ?? {};
  const roleOptions = (['viewer', 'editor', 'admin'] as const).map((r) => ({
    value: r,
    label: roleLabel(t, r),
  }));
  const portalOptions = [
    { value: '', label: t('console.none') },
    ...props.portals.map((p) => ({ value: p, label: p })),
  ];
  return (
    <ConsoleLayout frame={frame} title={t('console.users.title')} section="users">
      <h1>{t('console.users.title')}</h1>
      {props.done ? <Notice>{t('console.users.done')}</Notice> : null}
      {props.link ? (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>
            {t(props.link.added ? 'console.users.added' : 'console.users.resetDone', {
              email: props.link.email,
            })}
          </p>
          <code class="galette-secret">{props.link.url}</code>
        </div>
      ) : null}

      <section class="galette-section" aria-labelledby="add-heading">
        <h2 id="add-heading">{t('console.users.addHeading')}</h2>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/admin/users">
          <CsrfField token={frame.csrfToken} />
          <Field
            name="email"
            type="email"
            label={t('console.field.email')}
            hint={t('console.field.emailHint')}
            value={values.email ?? ''}
            errors={errors}
            autocomplete="off"
            maxlength={MAX_EMAIL_LENGTH}
            required
          />
          <Field
            name="name"
            label={t('console.field.name')}
            value={values.name ?? ''}
            errors={errors}
            autocomplete="off"
            maxlength={MAX_DISPLAY_NAME_LENGTH}
          />
          <Select
            name="role"
            label={t('console.field.role')}
            value={values.role ?? 'viewer'}
            options={roleOptions}
            errors={errors}
          />
          <Select
            name="portal"
            label={t('console.field.portal')}
            value={values.portal ?? ''}
            options={portalOptions}
            errors={errors}
          />
          <button type="submit" class="fr-btn">
            {t('console.users.add')}
          </button>
        </form>
      </section>

      <section class="galette-section" aria-labelledby="list-heading">
        <h2 id="list-heading">{t('console.users.caption')}</h2>
        <div class="fr-table galette-table-wrap">
          <table>
            <caption class="fr-sr-only">{t('console.users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.field.email')}</th>
                <th scope="col">{t('console.users.status')}</th>
                <th scope="col">{t('console.users.lastSignIn')}</th>
                <th scope="col">{t('console.users.roles')}</th>
                <th scope="col">{t('console.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((u) => (
                <tr>
                  <th scope="row">
                    {u.email}
                    {u.displayName ? (
                      <>
                        <br />
                        <span class="fr-text--sm">{u.displayName}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{t(u.active ? 'console.users.active' : 'console.users.disabled')}</td>
                  <td>
                    {u.lastSignInAt ? (
                      <Time lang={lang} iso={u.lastSignInAt} />
                    ) : (
                      t('console.never')
                    )}
                  </td>
                  <td>
                    <ul class="galette-actions">
                      {u.grants.map((g) => (
                        <li>
                          <form method="post" action="/admin/users/revoke" class="galette-inline">
                            <CsrfField token={frame.csrfToken} />
                            <input type="hidden" name="email" value={u.email} />
                            <input type="hidden" name="role" value={g.role} />
                            {g.role === 'admin' ? null : (
                              <input type="hidden" name="portal" value={g.portalId} />
                            )}
                            <button
                              type="submit"
                              class="fr-tag fr-tag--sm"
                              aria-label={t('console.users.revoke', { grant: grantLabel(t, g) })}
                            >
                              {`${grantLabel(t, g)} ×`}
                            </button>
                          </form>
                        </li>
                      ))}
                    </ul>
                    <form method="post" action="/admin/users/grant" class="fr-mt-1w">
                      <CsrfField token={frame.csrfToken} />
                      <input type="hidden" name="email" value={u.email} />
                      <fieldset class="fr-fieldset fr-mb-0">
                        <legend class="fr-sr-only">
                          {t('console.users.grantHeading', { email: u.email })}
                        </legend>
                        <Select
                          idPrefix={`grant-${u.id}-`}
                          name="role"
                          label={t('console.field.role')}
                          options={roleOptions}
                        />
                        <Select
                          idPrefix={`grant-${u.id}-`}
                          name="portal"
                          label={t('console.field.portal')}
                          options={portalOptions}
                        />
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                          {t('console.users.grant')}
                        </button>
                      </fieldset>
                    </form>
                  </td>
                  <td>
                    <ul class="galette-actions">
                      <li>
                        <form method="post" action="/admin/users/reset-password">
                          <CsrfField token={frame.csrfToken} />
                          <input type="hidden" name="email" value={u.email} />
                          <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                            {t('console.users.reset', { email: u.email })}
                          </button>
                        </form>
                      </li>
                      <li>
                        <form method="post" action="/admin/users/sign-out">
                          <CsrfField token={frame.csrfToken} />
                          <input type="hidden" name="email" value={u.email} />
                          <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                            {t('console.users.signOut', { email: u.email })}
                          </button>
                        </form>
                      </li>
                      {u.totpEnabled ? (
                        <li>
                          <form method="post" action="/admin/users/second-factor/reset">
                            <CsrfField token={frame.csrfToken} />
                            <input type="hidden" name="email" value={u.email} />
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                              {t('secondFactor.users.reset', { email: u.email })}
                            </button>
                          </form>
                        </li>
                      ) : null}
                      {u.active ? (
                        <li>
                          <form method="post" action="/admin/users/disable">
                            <CsrfField token={frame.csrfToken} />
                            <input type="hidden" name="email" value={u.email} />
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                              {t('console.users.disable', { email: u.email })}
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
      </section>
    </ConsoleLayout>
  );
}
