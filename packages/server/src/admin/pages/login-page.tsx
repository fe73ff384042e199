import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, Field, Notice } from './form-parts.js';

export interface LoginPageProps {
  readonly frame: PageFrame;
  readonly email?: string;
  /** Same message whatever failed, so no one learns which accounts exist. */
  readonly failure?: 'failed' | 'throttled';
  readonly notice?: 'signedOut' | 'passwordSet' | 'signInRequired' | 'secondFactorExpired';
  /** Where to go after signing in (a console path). */
  readonly next?: string;
}

export function LoginPage({ frame, email, failure, notice, next }: LoginPageProps) {
  const { t } = frame;
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
                />
              </div>
              <div class="fr-fieldset__element">
                <Field
                  name="password"
                  type="password"
                  label={t('console.field.password')}
                  autocomplete="current-password"
                  required
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
