import type { Translator } from '@galette/core';
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../auth/csrf.js';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Field name → message, in the order of the form. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'email' | 'password' | 'date' | 'search';
  readonly value?: string;
  readonly hint?: string;
  readonly errors?: FieldErrors;
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly maxlength?: number;
  /** The keyboard phones show (`numeric` for codes). */
  readonly inputmode?: 'numeric' | 'text';
  readonly pattern?: string;
  /** Prefix for element ids when one page has several forms with the same field. */
  readonly idPrefix?: string;
}

/**
 * A control's `aria-describedby` (its hint, its error) and `aria-invalid`: what ties the
 * control to the texts `FieldLabel` and `FieldError` show, in every field of the console.
 */
export function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return {
    ...(described ? { 'aria-describedby': described } : {}),
    ...(error ? { 'aria-invalid': 'true' } : {}),
  };
}

/** A field's label with its hint inside (DSFR markup). */
export function FieldLabel(props: { id: string; label: string; hint?: string | undefined }) {
  const { id } = props;
  return (
    <label class="fr-label" for={id}>
      {props.label}
      {props.hint ? (
        <span class="fr-hint-text" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
    </label>
  );
}

/** A field's error, under it, with the id `describedBy` points to. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="fr-error-text" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

/** A labelled input with its hint and its error, tied by `aria-describedby` (DSFR markup). */
export function Field(props: FieldProps) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <FieldLabel id={id} label={props.label} hint={props.hint} />
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        {...(props.required ? { required: true } : {})}
        {...(props.autocomplete ? { autocomplete: props.autocomplete } : {})}
        {...(props.maxlength ? { maxlength: props.maxlength } : {})}
        {...(props.inputmode ? { inputmode: props.inputmode } : {})}
        {...(props.pattern ? { pattern: props.pattern } : {})}
        {...describedBy(id, props.hint, error)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

export interface SelectProps {
  readonly name: string;
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly value?: string;
  readonly errors?: FieldErrors;
  readonly idPrefix?: string;
}

export function Select(props: SelectProps) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {props.label}
      </label>
      <select class="fr-select" id={id} name={props.name} {...describedBy(id, undefined, error)}>
        {props.options.map((o) => (
          <option value={o.value} {...(o.value === props.value ? { selected: true } : {})}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A list of the form's errors above it, each a link to its field (RGAA 11.10, 11.11). */
export function ErrorSummary({ t, errors }: { t: Translator; errors?: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 class="fr-alert__title">{t('console.form.errorsHeading')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A status message after a redirect or an action (`role="status"`, read out politely). */
export function Notice({
  kind = 'success',
  children,
}: {
  kind?: 'success' | 'info' | 'error';
  children?: Child;
}) {
  return (
    <div
      class={`fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      <p>{children}</p>
    </div>
  );
}

/** Problems of a pasted portal file, each with the field path it names (when it names one). */
export type FileProblems = readonly { readonly path: string; readonly message: string }[];

/**
 * The alert listing a portal file's problems, on the pages that take a whole file (new portal,
 * import into a draft); nothing when there are none. `level` fits the heading to its page.
 */
export function FileProblemsAlert(props: {
  t: Translator;
  problems?: FileProblems | undefined;
  level: 'h2' | 'h3';
}) {
  const { t, problems } = props;
  if (!problems || problems.length === 0) return null;
  const Heading = props.level;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <Heading class="fr-alert__title">{t('console.form.errorsHeading')}</Heading>
      <ul>
        {problems.map((p) => (
          <li>
            {p.path ? (
              <>
                <code>{p.path}</code>{' '}
              </>
            ) : null}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
