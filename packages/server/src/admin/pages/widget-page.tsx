import {
  BUILTIN_CATEGORY_IDS,
  CONSENT_MODE_TYPES,
  CONTROL_POSITIONS,
  DEFAULT_CONSENT_MODE,
  MIN_ACCENT_CONTRAST,
  THEME_COLORS,
  WIDGET_TEXT_IDS,
  WIDGET_THEMES,
} from '@galette/core';
import { NO_ERRORS, type EditorErrors } from '../editor/editor-errors.js';
import type { EditorConflict } from '../editor/save-section.js';
import type { WidgetForm } from '../editor/widget-form.js';
import { ConsoleLayout, type PageFrame } from './console-layout.js';
import {
  Checkbox,
  ConflictAlert,
  EditorErrorSummary,
  EditorNav,
  langName,
  SavedNotice,
  VersionField,
  editorBase,
} from './editor-parts.js';
import { CsrfField, Field, Select } from './form-parts.js';
import { PortalLinks } from './revisions-page.js';

export interface WidgetPageProps {
  readonly frame: PageFrame;
  readonly portal: { readonly id: string; readonly name: string };
  readonly version: number;
  readonly languages: readonly string[];
  readonly customCategories: readonly string[];
  readonly form: WidgetForm;
  /** The accent colour's ratio on the banner, computed on the server. */
  readonly contrast?: { readonly ratio: string; readonly ok: boolean; readonly background: string };
  /** The live contrast script's address. */
  readonly script: string;
  readonly errors?: EditorErrors;
  readonly conflict?: EditorConflict;
  readonly saved?: string;
}

/**
 * Everything the portal file's `widget` section holds: theme, button colour (its contrast on
 * the banner shown, and refused below 4.5:1), the persistent control's place, Google Consent
 * Mode, how long a choice is kept, the shared cookie domain, the charter's address and the
 * banner's own wording per language. Blank means Galette's default.
 */
export function WidgetPage(props: WidgetPageProps) {
  const { frame, portal, form } = props;
  const { t } = frame;
  const errors = props.errors ?? NO_ERRORS;
  const base = editorBase(portal.id);
  const title = t('editor.widget.title', { portal: portal.name });
  const label = (field: string) => {
    const parts = field.split('.');
    if (parts[0] === 'consentMode' && parts[1]) {
      return t('editor.widget.consentModeType', { type: parts[1] });
    }
    if (parts[0] === 'texts' && parts[1] && parts[2]) {
      return t('editor.widget.textIn', {
        text: t(`editor.widget.text.${parts[1] as 'bannerTitle'}`),
        lang: langName(t, parts[2]),
      });
    }
    return t(`editor.widget.${field as 'theme'}`);
  };
  const categories = [...BUILTIN_CATEGORY_IDS, ...props.customCategories];
  const contrastText = props.contrast
    ? t(props.contrast.ok ? 'editor.widget.contrastOk' : 'editor.widget.contrastLow', {
        ratio: props.contrast.ratio,
        background: props.contrast.background,
        min: MIN_ACCENT_CONTRAST,
      })
    : t('editor.widget.contrastNone');
  const backgrounds = Object.fromEntries(WIDGET_THEMES.map((th) => [th, THEME_COLORS[th].panel]));
  const accentError = errors.fields.accentColor;
  return (
    <ConsoleLayout frame={frame} title={title} section="portals" scripts={[props.script]}>
      <h1>{title}</h1>
      <PortalLinks portalId={portal.id} frame={frame} />
      <EditorNav portalId={portal.id} current="widget" t={t} />
      <SavedNotice t={t} saved={props.saved} />
      {props.conflict ? <ConflictAlert conflict={props.conflict} frame={frame} /> : null}
      <EditorErrorSummary t={t} errors={errors} label={label} />
      <p>{t('editor.widget.intro')}</p>
      <form method="post" action={`${base}/widget`}>
        <CsrfField token={frame.csrfToken} />
        <VersionField version={props.version} />
        <fieldset class="fr-fieldset" aria-labelledby="look-legend">
          <legend class="fr-fieldset__legend" id="look-legend">
            {t('editor.widget.look')}
          </legend>
          <div class="fr-fieldset__element">
            <Select
              name="theme"
              label={label('theme')}
              value={form.theme}
              errors={errors.fields}
              options={[
                { value: '', label: t('editor.widget.default') },
                ...WIDGET_THEMES.map((th) => ({
                  value: th,
                  label: t(`editor.widget.theme.${th}`),
                })),
              ]}
            />
          </div>
          <div class="fr-fieldset__element">
            <div class={`fr-input-group${accentError ? ' fr-input-group--error' : ''}`}>
              <label class="fr-label" for="accentColor">
                {label('accentColor')}
                <span class="fr-hint-text" id="accentColor-hint">
                  {t('editor.widget.accentColorHint', { min: MIN_ACCENT_CONTRAST })}
                </span>
              </label>
              <input
                class={`fr-input${accentError ? ' fr-input--error' : ''}`}
                id="accentColor"
                name="accentColor"
                type="text"
                value={form.accentColor ?? ''}
                maxlength={7}
                autocomplete="off"
                data-galette-contrast="accentColor-contrast"
                aria-describedby={`accentColor-hint accentColor-contrast${accentError ? ' accentColor-error' : ''}`}
                {...(accentError ? { 'aria-invalid': 'true' } : {})}
              />
              <output
                id="accentColor-contrast"
                for="accentColor"
                aria-live="polite"
                class={`fr-message ${props.contrast ? (props.contrast.ok ? 'fr-message--valid' : 'fr-message--error') : 'fr-message--info'}`}
                data-backgrounds={JSON.stringify(backgrounds)}
                data-min={String(MIN_ACCENT_CONTRAST)}
                data-ok={t('editor.widget.contrastOk', { min: MIN_ACCENT_CONTRAST })}
                data-low={t('editor.widget.contrastLow', { min: MIN_ACCENT_CONTRAST })}
                data-none={t('editor.widget.contrastNone')}
              >
                {contrastText}
              </output>
              {accentError ? (
                <p class="fr-error-text" id="accentColor-error">
                  {accentError}
                </p>
              ) : null}
            </div>
          </div>
          <div class="fr-fieldset__element">
            <Select
              name="control"
              label={label('control')}
              value={form.control}
              errors={errors.fields}
              options={[
                { value: '', label: t('editor.widget.default') },
                ...CONTROL_POSITIONS.map((p) => ({
                  value: p,
                  label: t(`editor.widget.control.${p}`),
                })),
              ]}
            />
          </div>
        </fieldset>
        <fieldset class="fr-fieldset" aria-labelledby="cookie-legend">
          <legend class="fr-fieldset__legend" id="cookie-legend">
            {t('editor.widget.cookie')}
          </legend>
          <div class="fr-fieldset__element">
            <Field
              name="consentMonths"
              label={label('consentMonths')}
              hint={t('editor.widget.consentMonthsHint')}
              value={form.consentMonths}
              inputmode="numeric"
              errors={errors.fields}
            />
          </div>
          <div class="fr-fieldset__element">
            <Field
              name="cookieDomain"
              label={label('cookieDomain')}
              hint={t('editor.widget.cookieDomainHint')}
              value={form.cookieDomain}
              errors={errors.fields}
            />
          </div>
        </fieldset>
        <fieldset class="fr-fieldset" aria-labelledby="mode-legend">
          <legend class="fr-fieldset__legend" id="mode-legend">
            {t('editor.widget.consentModeLegend')}
          </legend>
          <div class="fr-fieldset__element">
            <Select
              name="consentMode"
              label={label('consentMode')}
              value={form.consentMode}
              errors={errors.fields}
              options={[
                { value: 'default', label: t('editor.widget.consentMode.default') },
                { value: 'off', label: t('editor.widget.consentMode.off') },
                { value: 'custom', label: t('editor.widget.consentMode.custom') },
              ]}
            />
          </div>
          <p class="fr-fieldset__element fr-text--sm">{t('editor.widget.consentModeHint')}</p>
          {CONSENT_MODE_TYPES.map((type) => (
            <div class="fr-fieldset__element">
              <Select
                name={`consentMode.${type}`}
                label={label(`consentMode.${type}`)}
                value={form[`consentMode.${type}`]}
                errors={errors.fields}
                options={[
                  {
                    value: '',
                    label: t('editor.widget.consentModeDefault', {
                      category: DEFAULT_CONSENT_MODE[type],
                    }),
                  },
                  ...categories.map((id) => ({ value: id, label: id })),
                ]}
              />
            </div>
          ))}
        </fieldset>
        <fieldset class="fr-fieldset" aria-labelledby="charter-legend">
          <legend class="fr-fieldset__legend" id="charter-legend">
            {t('editor.widget.charter')}
          </legend>
          <div class="fr-fieldset__element">
            <Field
              name="charterUrl"
              label={label('charterUrl')}
              hint={t('editor.widget.charterUrlHint')}
              value={form.charterUrl}
              errors={errors.fields}
            />
          </div>
          <div class="fr-fieldset__element">
            <Checkbox
              name="charterInFrame"
              label={label('charterInFrame')}
              hint={t('editor.widget.charterInFrameHint')}
              checked={form.charterInFrame === 'on'}
              errors={errors.fields}
            />
          </div>
        </fieldset>
        {props.languages.map((lang) => (
          <fieldset class="fr-fieldset" aria-labelledby={`texts-${lang}-legend`}>
            <legend class="fr-fieldset__legend" id={`texts-${lang}-legend`}>
              {t('editor.widget.texts', { lang: langName(t, lang) })}
            </legend>
            {WIDGET_TEXT_IDS.map((id) => (
              <div class="fr-fieldset__element">
                <Field
                  name={`texts.${id}.${lang}`}
                  label={label(`texts.${id}.${lang}`)}
                  value={form[`texts.${id}.${lang}`]}
                  errors={errors.fields}
                />
              </div>
            ))}
          </fieldset>
        ))}
        <button type="submit" class="fr-btn">
          {props.conflict ? t('editor.overwrite') : t('editor.widget.submit')}
        </button>
      </form>
    </ConsoleLayout>
  );
}
