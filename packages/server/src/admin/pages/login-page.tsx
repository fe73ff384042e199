import type { OidcRefusal } from '../../accounts/index.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from './form-parts.js';

export interface LoginPageProps {
  readonly frame: PageFrame;
  readonly email?: string;
  /** Same message whatever failed, so no one learns which accounts exist. */
  readonly failure?: 'failed' | 'throttled';
  /** What is wrong with the form itself (a field it does not have, a value far too long). */
  readonly errors?: FieldErrors;
  readonly notice?: 'signedOut' | 'passwordSet' | 'signInRequired' | 'secondFactorExpired';
  /** Where to go after signing in (a console path). */
  readonly next?: string;
  /** The single sign-on provider's name, when one is configured. */
  readonly singleSignOn?: string;
  /** Why the provider's answer signed no one in. */
  readonly singleSignOnRefusal?: OidcRefusal | 'unavailable';
}

export function LoginPage(props: LoginPageProps) {
  const { frame, email, failure, errors, notice, next, singleSignOn, singleSignOnRefusal } = props;
  const { t } = frame;
  const ssoHref = `/admin/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  return (
    <ConsoleLayout frame={frame} title={t('console.login.title')}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('console.login.heading')}</h1>
          {notice === 'signedOut' ? <Notice>{t('console.login.signedOut')}</Notice> : null}
          {notice === 'passwordSet' ? <Notice>{t('console.login.passwordSet')}</Notice> : null}
          {notice === 'secondFactorExpired' ? (
            <Notice kind="error">{t('secondFactor.signIn.expired')}</Notice>
          ) : null}
          {notice === 'signInRequired' ? (
            <Notice kind="info">{t('console.error.signInRequired')}</Notice>
          ) : null}
          {failure ? (
            <Notice kind="error">
              {t(failure === 'throttled' ? 'console.login.throttled' : 'console.login.failed')}
            </Notice>
          ) : null}
          {singleSignOnRefusal ? (
            <Notice kind="error">
              {t(
                singleSignOnRefusal === 'unavailable'
                  ? 'singleSignOn.unavailable'
                  : `singleSignOn.refused.${singleSignOnRefusal}`,
              )}
            </Notice>
          ) : null}
          {singleSignOn ? (
            <>
              <p>
                <a class="fr-btn fr-btn--secondary" href={ssoHref}>
                  {t('singleSignOn.button', { provider: singleSignOn })}
                </a>
              </p>
              <p>{t('singleSignOn.or')}</p>
            </>
          ) : null}
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action="/admin/login">
            <CsrfField token={frame.csrfToken} />
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend fr-sr-only">{t('console.login.heading')}</legend>
              <div class="fr-fieldset__element">
                <Field
                  name="email"
                  type="email"
                  label={t('console.field.email')}
                  hint={t('console.field.emailHint')}
                  value={email ?? ''}
                  autocomplete="username"
                  required
                  {...(errors ? { errors } : {})}
                />
              </div>
              <div class="fr-fieldset__element">
                <Field
                  name="password"
                  type="password"
                  label={t('console.field.password')}
                  autocomplete="current-password"
                  required
                  {...(errors ? { errors } : {})}
                />
              </div>
            </fieldset>
            <button type="submit" class="fr-btn">
              {t('console.login.submit')}
            </button>
          </form>
          <p class="fr-mt-4w fr-text--sm">{t('console.login.noAccount')}</p>
        </div>
      </div>
    </ConsoleLayout>
  );
}
