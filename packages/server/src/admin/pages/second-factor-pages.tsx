import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from './form-parts.js';

/** The code field both forms share: digits, and the phone's one-time-code autofill. */
function CodeField({ label, hint, errors }: { label: string; hint: string; errors?: FieldErrors }) {
  return (
    <Field
      name="code"
      label={label}
      hint={hint}
      autocomplete="one-time-code"
      inputmode="numeric"
      pattern="[0-9 ]{6,7}"
      maxlength={7}
      required
      {...(errors ? { errors } : {})}
    />
  );
}

export interface SecondFactorSignInPageProps {
  readonly frame: PageFrame;
  readonly challenge: string;
  readonly next?: string;
  readonly failure?: 'failed' | 'throttled';
  /** What is wrong with the form itself (a field it does not have, a value far too long). */
  readonly errors?: FieldErrors;
}

/** The sign-in's second step: the password checked, the app's code is asked. */
export function SecondFactorSignInPage({
  frame,
  challenge,
  next,
  failure,
  errors,
}: SecondFactorSignInPageProps) {
  const { t } = frame;
  return (
    <ConsoleLayout frame={frame} title={t('secondFactor.signIn.title')}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('secondFactor.signIn.title')}</h1>
          {failure ? (
            <Notice kind="error">
              {t(
                failure === 'throttled' ? 'console.login.throttled' : 'secondFactor.signIn.failed',
              )}
            </Notice>
          ) : null}
          <p>{t('secondFactor.signIn.intro')}</p>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action="/admin/login/second-factor">
            <CsrfField token={frame.csrfToken} />
            <input type="hidden" name="challenge" value={challenge} />
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <CodeField
              label={t('secondFactor.field.code')}
              hint={t('secondFactor.field.codeHint')}
              {...(errors ? { errors } : {})}
            />
            <button type="submit" class="fr-btn">
              {t('secondFactor.signIn.submit')}
            </button>
          </form>
        </div>
      </div>
    </ConsoleLayout>
  );
}

export interface SecondFactorSetupPageProps {
  readonly frame: PageFrame;
  readonly secret: string;
  readonly uri: string;
  /** The instance requires it and the user came here because of it. */
  readonly required?: boolean;
  readonly errors?: FieldErrors;
}

/** Setting an authenticator app up: the key to type (or the link to open), then a code. */
export function SecondFactorSetupPage({
  frame,
  secret,
  uri,
  required,
  errors,
}: SecondFactorSetupPageProps) {
  const { t } = frame;
  // Groups of four are easier to type on a phone; apps ignore the spaces.
  const grouped = secret.replace(/(.{4})(?=.)/g, '$1 ');
  return (
    <ConsoleLayout frame={frame} title={t('secondFactor.setup.title')} section="account">
      <h1>{t('secondFactor.setup.title')}</h1>
      {required ? <Notice kind="info">{t('secondFactor.required')}</Notice> : null}
      <ErrorSummary t={t} errors={errors} />
      <ol>
        <li>
          <p>{t('secondFactor.setup.step1')}</p>
          <p>
            {t('secondFactor.setup.key')} : <code class="galette-secret">{grouped}</code>
          </p>
          <p>
            <a class="fr-link" href={uri}>
              {t('secondFactor.setup.link')}
            </a>
          </p>
        </li>
        <li>
          <p>{t('secondFactor.setup.step2')}</p>
          <form method="post" action="/admin/account/second-factor">
            <CsrfField token={frame.csrfToken} />
            <input type="hidden" name="secret" value={secret} />
            <CodeField
              label={t('secondFactor.field.code')}
              hint={t('secondFactor.field.codeHint')}
              {...(errors ? { errors } : {})}
            />
            <button type="submit" class="fr-btn">
              {t('secondFactor.setup.submit')}
            </button>
          </form>
        </li>
      </ol>
    </ConsoleLayout>
  );
}
