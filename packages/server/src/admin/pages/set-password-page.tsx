import { MAX_DISPLAY_NAME_LENGTH, MAX_EMAIL_LENGTH } from '../../accounts/account-shapes.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from './form-parts.js';

export interface SetPasswordPageProps {
  readonly frame: PageFrame;
  /** The link's token, sent back with the form; absent when the link is not valid. */
  readonly token?: string;
  /** Whose password this is; absent for the first administrator, who also gives an email. */
  readonly email?: string;
  readonly askEmail: boolean;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: FieldErrors;
  readonly minLength: number;
}

export function SetPasswordPage(props: SetPasswordPageProps) {
  const { frame, token, errors, values } = props;
  const { t } = frame;
  return (
    <ConsoleLayout frame={frame} title={t('console.setPassword.title')}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('console.setPassword.heading')}</h1>
          {token === undefined ? (
            <Notice kind="error">{t('console.setPassword.invalid')}</Notice>
          ) : (
            <>
              {props.email ? <p>{t('console.setPassword.intro', { email: props.email })}</p> : null}
              <ErrorSummary t={t} errors={errors} />
              <form method="post" action="/admin/set-password">
                <CsrfField token={frame.csrfToken} />
                <input type="hidden" name="token" value={token} />
                {props.askEmail ? (
                  <>
                    <Field
                      name="email"
                      type="email"
                      label={t('console.field.email')}
                      hint={t('console.field.emailHint')}
                      value={values?.email ?? ''}
                      autocomplete="username"
                      errors={errors}
                      maxlength={MAX_EMAIL_LENGTH}
                      required
                    />
                    <Field
                      name="name"
                      label={t('console.field.name')}
                      value={values?.name ?? ''}
                      autocomplete="name"
                      errors={errors}
                      maxlength={MAX_DISPLAY_NAME_LENGTH}
                    />
                  </>
                ) : (
                  <input
                    type="hidden"
                    name="username"
                    autocomplete="username"
                    value={props.email ?? ''}
                  />
                )}
                <Field
                  name="password"
                  type="password"
                  label={t('console.field.newPassword')}
                  hint={t('console.field.passwordHint', { min: props.minLength })}
                  autocomplete="new-password"
                  errors={errors}
                  required
                />
                <Field
                  name="confirm"
                  type="password"
                  label={t('console.field.confirmPassword')}
                  autocomplete="new-password"
                  errors={errors}
                  required
                />
                <button type="submit" class="fr-btn">
                  {t('console.setPassword.submit')}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </ConsoleLayout>
  );
}
