import { CHARTER_SECTION_IDS, translate } from '@galette/core';
import type { PortalFile } from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import type { ServerContext } from '../../server-context.js';
import { consoleAssets } from '../assets/console-assets.js';
import { pageFrame, renderPage } from '../console-page.js';
import {
  categoryFields,
  categoryFormOf,
  categoryRowOf,
  putCategory,
  removeCategory,
  type CategoryForm,
} from '../editor/category-form.js';
import {
  editorErrors,
  NO_ERRORS,
  shapeErrors,
  type EditorErrors,
} from '../editor/editor-errors.js';
import {
  categoryFormShape,
  removeCategoryFormShape,
  textFormOf,
  textsFormShape,
  versionOf,
  widgetFormShape,
} from '../editor/editor-form-shapes.js';
import { editorRouteKit } from '../editor/editor-route-kit.js';
import { readForm, type ConsoleForm } from '../console-forms.js';
import { categoryIdentity, findRow, RowGoneError } from '../editor/row-identity.js';
import type { EditorConflict, SaveOutcome } from '../editor/save-section.js';
import { applyTextsForm, TEXT_FIELDS, textsFormOf } from '../editor/texts-form.js';
import {
  accentContrast,
  applyWidgetForm,
  widgetFields,
  widgetFormOf,
  type WidgetForm,
} from '../editor/widget-form.js';
import { CategoriesPage } from '../pages/categories-page.js';
import { editorBase } from '../pages/editor-parts.js';
import { TextsPage } from '../pages/texts-page.js';
import { WidgetPage } from '../pages/widget-page.js';
import { rules } from '../route-rule.js';

/** What a refused or conflicting save shows again: the form as typed and why. */
interface Shown<F> {
  readonly form: F;
  readonly version: number;
  readonly errors?: EditorErrors;
  readonly conflict?: EditorConflict;
}

/**
 * The draft editor's other sections: custom categories (`…/edit/categories`), the charter's
 * texts per language (`…/edit/texts?in=fr`) and the widget settings (`…/edit/widget`). Same
 * contract as `editorRoutes`: POST with the version seen, 303 with a notice, 400 with errors
 * beside their fields, 409 with what differs.
 */
export function editorSectionRoutes(context: ServerContext): void {
  const { admin, consolePages } = context;
  const rule = rules.portal('draft.edit');
  const { refused, langOf, draftOf, save } = editorRouteKit(context);
  /** The page to show again after a save that did not go through, with its status. */
  const again = <F,>(
    outcome: Exclude<SaveOutcome, { kind: 'saved' }>,
    sent: number | undefined,
    form: F,
    errorsOf: (outcome: Extract<SaveOutcome, { kind: 'invalid' }>) => EditorErrors,
    current: number,
  ): [Shown<F>, 400 | 409] =>
    outcome.kind === 'conflict'
      ? [{ form, version: outcome.conflict.currentVersion, conflict: outcome.conflict }, 409]
      : [
          {
            form,
            version: sent ?? current,
            errors:
              outcome.kind === 'invalid'
                ? errorsOf(outcome)
                : { ...NO_ERRORS, others: [{ path: '', message: outcome.message }] },
          },
          400,
        ];
  /** A form its shape refused: shown again as typed, with why, and nothing saved. */
  const refusedForm = (
    c: Context,
    form: Extract<ConsoleForm<unknown>, { ok: false }>,
    fields: readonly string[],
    current: number,
  ): [Shown<Record<string, string>>, 400] => [
    {
      form: textFormOf(form.values, fields),
      version: versionOf(form.values) ?? current,
      errors: shapeErrors(form.problems, langOf(c), fields),
    },
    400,
  ];

  // Custom categories.
  const categoriesPage = async (
    c: Context,
    portalId: string,
    file: PortalFile,
    shown: Shown<CategoryForm> & { row?: number; was?: string },
    status: 200 | 400 | 409 = 200,
  ) => {
    const usage: Record<string, number> = {};
    for (const d of file.declarations) usage[d.category] = (usage[d.category] ?? 0) + 1;
    const saved = c.req.query('saved');
    return renderPage(
      c,
      <CategoriesPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id: portalId, name: file.name }}
        languages={file.languages ?? []}
        defaultLanguage={file.defaultLanguage ?? 'fr'}
        categories={file.categories ?? []}
        usage={usage}
        declarationNames={file.declarations.map((d) => d.name)}
        {...shown}
        {...(status === 200 && saved === 'categories' ? { saved } : {})}
      />,
      status,
    );
  };
  const categoryErrors =
    (c: Context, file: PortalFile, row: number) =>
    (outcome: { errors: Parameters<typeof editorErrors>[0] }) =>
      editorErrors(outcome.errors, langOf(c), {
        prefix: `categories[${row}]`,
        fields: categoryFields(file.languages ?? []),
      });

  admin.page('GET', '/admin/portals/:portalId/edit/categories', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file } = await draftOf(c, portalId);
      const asked = c.req.query('row');
      const row = categoryRowOf(asked ?? '', file);
      if (asked !== undefined && row === undefined) return notFoundResponse(c);
      const category = row === undefined ? undefined : file.categories![row];
      return await categoriesPage(c, portalId, file, {
        version,
        form: categoryFormOf(category, file.languages ?? []),
        ...(category === undefined ? {} : { row: row!, was: categoryIdentity(category) }),
      });
    } catch (error) {
      return refused(c, error);
    }
  });

  /** The category form again, as a new one, saying the row it was about is gone. */
  const categoryGone = (
    c: Context,
    portalId: string,
    file: PortalFile,
    shown: Shown<CategoryForm>,
  ) =>
    categoriesPage(
      c,
      portalId,
      file,
      {
        ...shown,
        errors: {
          ...NO_ERRORS,
          others: [{ path: '', message: c.get('galetteConsole').t('editor.rowGone') }],
        },
      },
      409,
    );

  admin.page('POST', '/admin/portals/:portalId/edit/categories', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file: current } = await draftOf(c, portalId);
      const fields = categoryFields(current.languages ?? []);
      const sent = await readForm(c, categoryFormShape(current.languages ?? []));
      if (!sent.ok) {
        const [shown, status] = refusedForm(c, sent, fields, version);
        return await categoriesPage(c, portalId, current, shown, status);
      }
      const form = textFormOf(sent.value, fields);
      // The category edited is named by its id as shown (`was`); `row` is only a hint. Acting
      // on the row number of another version would rename another category, moving its
      // declarations along.
      const { was } = sent.value;
      const editing = sent.value.row !== '' || was !== '';
      const hint = categoryRowOf(sent.value.row, current);
      let index = (current.categories ?? []).length;
      let outcome: SaveOutcome;
      try {
        outcome = await save(c, portalId, sent.value.version, (file) => {
          const list = file.categories ?? [];
          const row = editing ? findRow(list, categoryIdentity, was, hint) : undefined;
          if (editing && row === undefined) throw new RowGoneError();
          index = row ?? list.length;
          return putCategory(file, form, row);
        });
      } catch (error) {
        if (error instanceof RowGoneError) {
          return await categoryGone(c, portalId, current, { version, form });
        }
        throw error;
      }
      if (outcome.kind === 'saved') {
        return c.redirect(`${editorBase(portalId)}/categories?saved=categories`, 303);
      }
      const [shown, status] = again(
        outcome,
        sent.value.version,
        form,
        categoryErrors(c, current, index),
        version,
      );
      const file = outcome.kind === 'invalid' ? outcome.file : current;
      const row = editing ? findRow(file.categories ?? [], categoryIdentity, was, hint) : undefined;
      return await categoriesPage(
        c,
        portalId,
        file,
        { ...shown, ...(editing ? { row: row ?? hint ?? 0, was } : {}) },
        status,
      );
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/edit/categories/remove', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file: current } = await draftOf(c, portalId);
      const blank = categoryFormOf(undefined, current.languages ?? []);
      const sent = await readForm(c, removeCategoryFormShape);
      if (!sent.ok) {
        const [shown, status] = refusedForm(c, sent, [], version);
        return await categoriesPage(c, portalId, current, { ...shown, form: blank }, status);
      }
      const hint = categoryRowOf(sent.value.row, current);
      const { was } = sent.value;
      let outcome: SaveOutcome;
      try {
        outcome = await save(c, portalId, sent.value.version, (file) => {
          const row = findRow(file.categories ?? [], categoryIdentity, was, hint);
          if (row === undefined) throw new RowGoneError();
          return removeCategory(file, row);
        });
      } catch (error) {
        if (error instanceof RowGoneError) {
          return await categoryGone(c, portalId, current, { version, form: blank });
        }
        throw error;
      }
      if (outcome.kind === 'saved') {
        return c.redirect(`${editorBase(portalId)}/categories?saved=categories`, 303);
      }
      // Declarations still in the category are named on their rows, with links to them.
      const [shown, status] = again(
        outcome,
        sent.value.version,
        blank,
        (o) => editorErrors(o.errors, langOf(c), { prefix: 'categories', fields: [] }),
        version,
      );
      return await categoriesPage(c, portalId, current, shown, status);
    } catch (error) {
      return refused(c, error);
    }
  });

  // Charter texts, one language at a time.
  const textsPage = async (
    c: Context,
    portalId: string,
    file: PortalFile,
    lang: string,
    shown: Shown<Readonly<Record<string, string>>>,
    status: 200 | 400 | 409 = 200,
  ) => {
    const defaults: Record<string, string> = {};
    for (const id of CHARTER_SECTION_IDS) defaults[id] = translate(lang, `charter.section.${id}`);
    const saved = c.req.query('saved');
    return renderPage(
      c,
      <TextsPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id: portalId, name: file.name }}
        lang={lang}
        languages={file.languages ?? []}
        defaults={defaults}
        {...shown}
        {...(status === 200 && saved === 'texts' ? { saved } : {})}
      />,
      status,
    );
  };
  const textLanguage = (file: PortalFile, asked: string | undefined): string | undefined => {
    const languages = file.languages ?? [];
    if (asked === undefined || asked === '') return file.defaultLanguage ?? languages[0];
    return languages.includes(asked) ? asked : undefined;
  };

  admin.page('GET', '/admin/portals/:portalId/edit/texts', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file } = await draftOf(c, portalId);
      const lang = textLanguage(file, c.req.query('in'));
      if (lang === undefined) return notFoundResponse(c);
      return await textsPage(c, portalId, file, lang, { version, form: textsFormOf(file, lang) });
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/edit/texts', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file: current } = await draftOf(c, portalId);
      const sent = await readForm(c, textsFormShape);
      const lang = textLanguage(current, sent.ok ? sent.value.in : (sent.values.in ?? ''));
      if (lang === undefined) return notFoundResponse(c);
      if (!sent.ok) {
        const [shown, status] = refusedForm(c, sent, TEXT_FIELDS, version);
        return await textsPage(c, portalId, current, lang, shown, status);
      }
      const form = textFormOf(sent.value, TEXT_FIELDS);
      const outcome = await save(c, portalId, sent.value.version, (file) =>
        applyTextsForm(file, lang, form),
      );
      if (outcome.kind === 'saved') {
        return c.redirect(`${editorBase(portalId)}/texts?in=${lang}&saved=texts`, 303);
      }
      const [shown, status] = again(
        outcome,
        sent.value.version,
        form,
        (o) => editorErrors(o.errors, langOf(c), { prefix: 'texts', fields: TEXT_FIELDS }),
        version,
      );
      return await textsPage(c, portalId, current, lang, shown, status);
    } catch (error) {
      return refused(c, error);
    }
  });

  // Widget settings.
  const widgetPage = async (
    c: Context,
    portalId: string,
    file: PortalFile,
    shown: Shown<WidgetForm>,
    status: 200 | 400 | 409 = 200,
  ) => {
    const contrast = accentContrast(shown.form);
    const saved = c.req.query('saved');
    return renderPage(
      c,
      <WidgetPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id: portalId, name: file.name }}
        languages={file.languages ?? []}
        customCategories={(file.categories ?? []).map((k) => k.id)}
        script={consoleAssets().scripts.contrast}
        {...(contrast ? { contrast } : {})}
        {...shown}
        {...(status === 200 && saved === 'widget' ? { saved } : {})}
      />,
      status,
    );
  };

  admin.page('GET', '/admin/portals/:portalId/edit/widget', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file } = await draftOf(c, portalId);
      return await widgetPage(c, portalId, file, { version, form: widgetFormOf(file) });
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/edit/widget', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { version, file: current } = await draftOf(c, portalId);
      const fields = widgetFields(current.languages ?? []);
      const sent = await readForm(c, widgetFormShape(current.languages ?? []));
      if (!sent.ok) {
        const [shown, status] = refusedForm(c, sent, fields, version);
        return await widgetPage(c, portalId, current, shown, status);
      }
      const form = textFormOf(sent.value, fields);
      const outcome = await save(c, portalId, sent.value.version, (file) =>
        applyWidgetForm(file, form),
      );
      if (outcome.kind === 'saved') {
        return c.redirect(`${editorBase(portalId)}/widget?saved=widget`, 303);
      }
      const [shown, status] = again(
        outcome,
        sent.value.version,
        form,
        (o) => editorErrors(o.errors, langOf(c), { prefix: 'widget', fields }),
        version,
      );
      return await widgetPage(c, portalId, current, shown, status);
    } catch (error) {
      return refused(c, error);
    }
  });
}
