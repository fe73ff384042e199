import type { Grant } from '@galette/core';
import { MAX_DISPLAY_NAME_LENGTH } from '../../accounts/account-shapes.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from './form-parts.js';
import { grantLabel, Time } from './format.js';

export interface SessionView {
  /** The session's stored reference (a hash of its id, never the cookie value). */
  readonly ref: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly absoluteExpiresAt: string;
  readonly userAgent?: string;
}

export interface AccountPageProps {
  readonly frame: PageFrame;
  readonly user: {
    readonly email: string;
    readonly displayName: string;
    readonly language: string;
    readonly grants: readonly Grant[];
    /** Whether a second factor (TOTP) is on. */
    readonly secondFactor: boolean;
  };
  readonly sessions: readonly SessionView[];
  readonly currentSession: string | undefined;
  readonly notice?:
    'saved' | 'passwordChanged' | 'secondFactorOn' | 'secondFactorOff' | 'sessionEnded';
  /** Which form the errors belong to. */
  readonly form?: 'profile' | 'password' | 'secondFactor' | 'sessions';
  readonly errors?: FieldErrors;
  readonly values?: Readonly<Record<string, string>>;
  readonly minLength: number;
}

export function AccountPage(props: AccountPageProps) {
  const { frame, user, errors, form } = props;
  const { t, lang } = frame;
  const values = props.values ?? {};
  return (
    <ConsoleLayout frame={frame} title={t('console.account.title')} section="account">
      <h1>{t('console.account.title')}</h1>
      {props.notice === 'saved' ? <Notice>{t('console.account.saved')}</Notice> : null}
      {props.notice === 'passwordChanged' ? (
        <Notice>{t('console.account.passwordChanged')}</Notice>
      ) : null}
      {props.notice === 'secondFactorOn' ? (
        <Notice>{t('secondFactor.account.enabled')}</Notice>
      ) : null}
      {props.notice === 'secondFactorOff' ? (
        <Notice>{t('secondFactor.account.disabled')}</Notice>
      ) : null}
      {props.notice === 'sessionEnded' ? (
        <Notice>{t('console.account.sessionEnded')}</Notice>
      ) : null}

      <section class="galette-section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('console.account.profile')}</h2>
        <p>
          {t('console.field.email')} : <strong>{user.email}</strong>
        </p>
        {form === 'profile' ? <ErrorSummary t={t} errors={errors} /> : null}
        <form method="post" action="/admin/account/profile">
          <CsrfField token={frame.csrfToken} />
          <Field
            name="name"
            label={t('console.field.name')}
            value={form === 'profile' ? (values.name ?? '') : user.displayName}
            autocomplete="name"
            maxlength={MAX_DISPLAY_NAME_LENGTH}
            {...(form === 'profile' ? { errors } : {})}
          />
          <Select
            name="language"
            label={t('console.field.language')}
            value={user.language}
            options={[
              { value: 'fr', label: t('console.lang.fr') },
              { value: 'en', label: t('console.lang.en') },
            ]}
            {...(form === 'profile' ? { errors } : {})}
          />
          <button type="submit" class="fr-btn">
            {t('console.save')}
          </button>
        </form>
      </section>

      <section class="galette-section" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('console.account.passwordHeading')}</h2>
        {form === 'password' ? <ErrorSummary t={t} errors={errors} /> : null}
        <form method="post" action="/admin/account/password">
          <CsrfField token={frame.csrfToken} />
          <input type="hidden" name="username" autocomplete="username" value={user.email} />
          <Field
            name="currentPassword"
            type="password"
            label={t('console.field.currentPassword')}
            autocomplete="current-password"
            required
            {...(form === 'password' ? { errors } : {})}
          />
          <Field
            name="newPassword"
            type="password"
            label={t('console.field.newPassword')}
            hint={t('console.field.passwordHint', { min: props.minLength })}
            autocomplete="new-password"
            required
            {...(form === 'password' ? { errors } : {})}
          />
          <Field
            name="confirm"
            type="password"
            label={t('console.field.confirmPassword')}
            autocomplete="new-password"
            required
            {...(form === 'password' ? { errors } : {})}
          />
          <button type="submit" class="fr-btn">
            {t('console.account.changePassword')}
          </button>
        </form>
      </section>

      <section class="galette-section" aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">{t('secondFactor.account.heading')}</h2>
        <p>{t(user.secondFactor ? 'secondFactor.account.on' : 'secondFactor.account.off')}</p>
        {/* Also without a second factor: a refused disable (sent from a stale page) says why. */}
        {form === 'secondFactor' ? <ErrorSummary t={t} errors={errors} /> : null}
        {user.secondFactor ? (
          <>
            <form method="post" action="/admin/account/second-factor/disable">
              <CsrfField token={frame.csrfToken} />
              <Field
                name="code"
                idPrefix="disable-"
                label={t('secondFactor.field.code')}
                hint={t('secondFactor.account.disableHint')}
                autocomplete="one-time-code"
                inputmode="numeric"
                maxlength={7}
                required
                {...(form === 'secondFactor' ? { errors } : {})}
              />
              <button type="submit" class="fr-btn fr-btn--secondary">
                {t('secondFactor.account.disable')}
              </button>
            </form>
          </>
        ) : (
          <p>
            <a class="fr-btn" href="/admin/account/second-factor">
              {t('secondFactor.account.setUp')}
            </a>
          </p>
        )}
      </section>

      <section class="galette-section" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('console.account.rolesHeading')}</h2>
        {user.grants.length === 0 ? (
          <p>{t('console.dashboard.empty')}</p>
        ) : (
          <ul>
            {user.grants.map((g) => (
              <li>{grantLabel(t, g)}</li>
            ))}
          </ul>
        )}
      </section>

      <section class="galette-section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('console.account.sessionsHeading')}</h2>
        {form === 'sessions' ? <ErrorSummary t={t} errors={errors} /> : null}
        <div class="fr-table galette-table-wrap">
          <table>
            <caption class="fr-sr-only">{t('console.account.sessionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.account.sessionStarted')}</th>
                <th scope="col">{t('console.account.sessionSeen')}</th>
                <th scope="col">{t('console.account.sessionExpires')}</th>
                <th scope="col">{t('console.account.sessionActions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr>
                  <td>
                    <Time lang={lang} iso={s.createdAt} />
                    {s.ref === props.currentSession ? (
                      <>
                        {' '}
                        <span class="fr-badge fr-badge--info fr-badge--sm">
                          {t('console.account.sessionThis')}
                        </span>
                      </>
                    ) : null}
                    {s.userAgent ? (
                      <>
                        <br />
                        <span class="fr-text--xs galette-muted">{s.userAgent}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Time lang={lang} iso={s.lastSeenAt} />
                  </td>
                  <td>
                    <Time lang={lang} iso={s.absoluteExpiresAt} />
                  </td>
                  <td>
                    {s.ref === props.currentSession ? null : (
                      <form method="post" action="/admin/account/sessions/end">
                        <CsrfField token={frame.csrfToken} />
                        <input type="hidden" name="session" value={s.ref} />
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                          {t('console.account.endSession')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action="/admin/account/sign-out-everywhere">
          <CsrfField token={frame.csrfToken} />
          <p class="fr-text--sm" id="everywhere-hint">
            {t('console.account.signOutEverywhereHint')}
          </p>
          <button type="submit" class="fr-btn fr-btn--secondary" aria-describedby="everywhere-hint">
            {t('console.account.signOutEverywhere')}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
