import { parsePortalFile, ValidationError, type PortalFile } from '@galette/core';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import type { ServerContext } from '../../server-context.js';
import { pageFrame, renderPage } from '../console-page.js';
import {
  declarationFields,
  declarationFormOf,
  declarationOfForm,
  moveDeclaration,
  newDeclarationForm,
  putDeclaration,
  rowActionOf,
  rowHint,
  rowOf,
  ROW_ACTIONS,
  type RowAction,
} from '../editor/declaration-form.js';
import {
  editorErrors,
  NO_ERRORS,
  shapeErrors,
  type EditorErrors,
} from '../editor/editor-errors.js';
import {
  declarationFormShape,
  declarationsFormShape,
  generalFormShape,
  textFormOf,
  versionOf,
} from '../editor/editor-form-shapes.js';
import { editorRouteKit } from '../editor/editor-route-kit.js';
import {
  applyGeneralForm,
  GENERAL_FIELDS,
  generalFormOf,
  languagesTakenOff,
  type GeneralForm,
} from '../editor/general-form.js';
import { readForm } from '../console-forms.js';
import { declarationIdentity, findRow, RowGoneError } from '../editor/row-identity.js';
import type { SaveOutcome } from '../editor/save-section.js';
import { DeclarationPage, type DeclarationPageProps } from '../pages/declaration-page.js';
import { editorBase } from '../pages/editor-parts.js';
import { EditorPage, type EditorPageProps } from '../pages/editor-page.js';
import { rules } from '../route-rule.js';

const SAVED = new Set(['general', 'declaration', 'up', 'down', 'remove']);

/**
 * The draft editor (`/admin/portals/{portalId}/edit`): general settings and the declarations
 * table, and one declaration's form (`…/edit/declaration?row=N`, `?copy=N`, or new). Each save
 * is a POST with the draft version the form was shown with, applied to the draft by the
 * section's transformation (`../editor/`), validated by the portal file's own validator and
 * saved through the portal service, then 303 back with a notice; 400 with the form as typed
 * and every error beside its field; 409 when another save came first, with what differs.
 */
export function editorRoutes(context: ServerContext): void {
  const { admin, consolePages } = context;
  const rule = rules.portal('draft.edit');
  const { refused, langOf, draftOf, save } = editorRouteKit(context);

  const editorPage = async (
    c: Context,
    portalId: string,
    props: Omit<EditorPageProps, 'frame' | 'portal' | 'defaultLanguage' | 'declarations'> & {
      file: PortalFile;
    },
    status: 200 | 400 | 409 = 200,
  ) => {
    const { file, ...rest } = props;
    return renderPage(
      c,
      <EditorPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id: portalId, name: file.name }}
        declarations={file.declarations}
        defaultLanguage={file.defaultLanguage ?? 'fr'}
        {...rest}
      />,
      status,
    );
  };

  admin.page('GET', '/admin/portals/:portalId/edit', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { draft, file } = await draftOf(c, portalId);
      const saved = c.req.query('saved');
      return await editorPage(c, portalId, {
        file,
        version: draft.version,
        general: generalFormOf(file),
        ...(saved && SAVED.has(saved) ? { saved } : {}),
      });
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/edit/general', rule, async (c) => {
    const portalId = c.req.param('portalId');
    const form = await readForm(c, generalFormShape);
    try {
      if (!form.ok) {
        const { draft, file } = await draftOf(c, portalId);
        const general = {
          ...textFormOf(form.values, GENERAL_FIELDS),
          languages: form.sent.languages ?? [],
        } as GeneralForm;
        return await editorPage(
          c,
          portalId,
          {
            file,
            general,
            version: versionOf(form.values) ?? draft.version,
            errors: shapeErrors(form.problems, langOf(c), GENERAL_FIELDS),
          },
          400,
        );
      }
      const { version: sent, confirmLanguages, ...general } = form.value;
      // Taking a language off deletes its texts: asked once, then sent again with the
      // languages named (`confirmLanguages`), unless the save would be refused anyway.
      const { draft: shown, file: current } = await draftOf(c, portalId);
      const lost = languagesTakenOff(current, general);
      if (lost.texts > 0 && confirmLanguages !== lost.languages.join(' ')) {
        if (validFile(applyGeneralForm(current, general))) {
          return await editorPage(c, portalId, {
            file: current,
            general,
            version: sent ?? shown.version,
            confirmLanguages: lost,
          });
        }
      }
      const outcome = await save(c, portalId, sent, (file) => applyGeneralForm(file, general));
      if (outcome.kind === 'saved') return c.redirect(`${editorBase(portalId)}?saved=general`, 303);
      const { draft, file } = await draftOf(c, portalId);
      if (outcome.kind === 'conflict') {
        return await editorPage(
          c,
          portalId,
          {
            file,
            general,
            version: outcome.conflict.currentVersion,
            conflict: outcome.conflict,
          },
          409,
        );
      }
      return await editorPage(
        c,
        portalId,
        {
          file: outcome.kind === 'invalid' ? outcome.file : file,
          general,
          version: sent ?? draft.version,
          errors:
            outcome.kind === 'invalid'
              ? editorErrors(outcome.errors, langOf(c), { prefix: '', fields: GENERAL_FIELDS })
              : { ...NO_ERRORS, others: [{ path: '', message: outcome.message }] },
        },
        400,
      );
    } catch (error) {
      return refused(c, error);
    }
  });

  const declarationPage = async (
    c: Context,
    portalId: string,
    file: PortalFile,
    props: Omit<DeclarationPageProps, 'frame' | 'portal' | 'languages' | 'customCategories'>,
    status: 200 | 400 | 409 = 200,
  ) => {
    const languages = file.languages ?? [];
    return renderPage(
      c,
      <DeclarationPage
        frame={await pageFrame(c, consolePages)}
        portal={{ id: portalId, name: file.name }}
        languages={languages}
        customCategories={(file.categories ?? []).map((k) => k.id)}
        {...props}
      />,
      status,
    );
  };

  admin.page('GET', '/admin/portals/:portalId/edit/declaration', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { draft, file } = await draftOf(c, portalId);
      const languages = file.languages ?? [];
      const row = rowOf(c.req.query('row') ?? '', file);
      const copy = rowOf(c.req.query('copy') ?? '', file);
      if (c.req.query('row') !== undefined && row === undefined) return notFoundResponse(c);
      if (c.req.query('copy') !== undefined && copy === undefined) return notFoundResponse(c);
      const source = row ?? copy;
      return await declarationPage(c, portalId, file, {
        version: draft.version,
        place:
          source === undefined
            ? {}
            : {
                ...(row !== undefined ? { row } : { after: source }),
                key: declarationIdentity(file.declarations[source]!),
              },
        form:
          source === undefined
            ? newDeclarationForm(languages)
            : declarationFormOf(file.declarations[source]!, languages),
      });
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/edit/declaration', rule, async (c) => {
    const portalId = c.req.param('portalId');
    try {
      const { draft, file: current } = await draftOf(c, portalId);
      const languages = current.languages ?? [];
      const fields = declarationFields(languages);
      const sent = await readForm(c, declarationFormShape(languages));
      if (!sent.ok) {
        // Shown again about the same row, so that sending it again still edits (or copies) it.
        const { values } = sent;
        const { place } = rowPlace(current, values.row ?? '', values.after ?? '', values.key ?? '');
        return await declarationPage(
          c,
          portalId,
          current,
          {
            version: versionOf(values) ?? draft.version,
            place,
            form: textFormOf(values, fields),
            errors: shapeErrors(sent.problems, langOf(c), fields),
          },
          400,
        );
      }
      const { version, row, after, key } = sent.value;
      const form = textFormOf(sent.value, fields);
      const { editing, copying, hint, place } = rowPlace(current, row, after, key);
      const gone = () =>
        declarationPage(
          c,
          portalId,
          current,
          { version: draft.version, place: {}, form, errors: goneRow(c) },
          409,
        );
      let index = current.declarations.length;
      let outcome: SaveOutcome;
      try {
        outcome = await save(c, portalId, version, (file) => {
          const declaration = declarationOfForm(form, languages);
          if (!editing && !copying) {
            index = file.declarations.length;
            return putDeclaration(file, declaration, {});
          }
          const at = findRow(file.declarations, declarationIdentity, key, hint);
          if (at === undefined) throw new RowGoneError();
          index = editing ? at : at + 1;
          return putDeclaration(file, declaration, editing ? { row: at } : { after: at });
        });
      } catch (error) {
        // Removed, or changed so that it is another row now, by a save since the form was shown.
        if (error instanceof RowGoneError) return await gone();
        throw error;
      }
      if (outcome.kind === 'saved') {
        return c.redirect(`${editorBase(portalId)}?saved=declaration#row-${index}`, 303);
      }
      if (outcome.kind === 'conflict') {
        return await declarationPage(
          c,
          portalId,
          current,
          { version: outcome.conflict.currentVersion, place, form, conflict: outcome.conflict },
          409,
        );
      }
      const errors =
        outcome.kind === 'invalid'
          ? editorErrors(outcome.errors, langOf(c), {
              prefix: `declarations[${index}]`,
              fields,
            })
          : { ...NO_ERRORS, others: [{ path: '', message: outcome.message }] };
      return await declarationPage(
        c,
        portalId,
        current,
        { version: version ?? draft.version, place, form, errors },
        400,
      );
    } catch (error) {
      return refused(c, error);
    }
  });

  admin.page('POST', '/admin/portals/:portalId/edit/declarations', rule, async (c) => {
    const portalId = c.req.param('portalId');
    const form = await readForm(c, declarationsFormShape);
    try {
      const { draft, file: current } = await draftOf(c, portalId);
      if (!form.ok) {
        return await editorPage(
          c,
          portalId,
          {
            file: current,
            general: generalFormOf(current),
            version: versionOf(form.values) ?? draft.version,
            errors: shapeErrors(form.problems, langOf(c), []),
          },
          400,
        );
      }
      const { version } = form.value;
      // `action` is `up:3:<identity>` from the table's buttons, or `up` with `row` and `key`
      // fields. The row is found by its identity in the draft saved: the one the operator saw.
      const sent = rowActionOf(form.value.action);
      const action = sent.action as RowAction;
      const key = sent.identity || form.value.key;
      const hint = sent.hint ?? rowHint(form.value.row);
      const gone = () =>
        editorPage(
          c,
          portalId,
          {
            file: current,
            general: generalFormOf(current),
            version: draft.version,
            errors: goneRow(c),
          },
          400,
        );
      if (!ROW_ACTIONS.includes(action)) return await gone();
      // A removal is asked once (the row named, with its number now), then sent with `confirm`.
      if (action === 'remove' && form.value.confirm !== '1') {
        const at = findRow(current.declarations, declarationIdentity, key, hint);
        if (at === undefined) return await gone();
        return await editorPage(c, portalId, {
          file: current,
          general: generalFormOf(current),
          version: version ?? draft.version,
          confirmRemove: { row: at, name: current.declarations[at]!.name, key },
        });
      }
      let row = 0;
      let outcome: SaveOutcome;
      try {
        outcome = await save(c, portalId, version, (file) => {
          const at = findRow(file.declarations, declarationIdentity, key, hint);
          if (at === undefined) throw new RowGoneError();
          row = at;
          return moveDeclaration(file, at, action);
        });
      } catch (error) {
        if (error instanceof RowGoneError) return await gone();
        throw error;
      }
      if (outcome.kind === 'saved') {
        const to = action === 'up' ? row - 1 : action === 'down' ? row + 1 : row;
        return c.redirect(`${editorBase(portalId)}?saved=${action}#row-${Math.max(0, to)}`, 303);
      }
      const { draft: now, file } = await draftOf(c, portalId);
      if (outcome.kind === 'conflict') {
        // Rows may have moved meanwhile: the table shows them as they are now, to act again.
        return await editorPage(
          c,
          portalId,
          {
            file,
            general: generalFormOf(file),
            version: now.version,
            conflict: outcome.conflict,
          },
          409,
        );
      }
      return await editorPage(
        c,
        portalId,
        {
          file: outcome.kind === 'invalid' ? outcome.file : file,
          general: generalFormOf(file),
          version: now.version,
          errors:
            outcome.kind === 'invalid'
              ? editorErrors(outcome.errors, langOf(c), { prefix: '', fields: [] })
              : { ...NO_ERRORS, others: [{ path: '', message: outcome.message }] },
        },
        400,
      );
    } catch (error) {
      return refused(c, error);
    }
  });
}

/**
 * The row a declaration's form is about: edited (`row`) or copied (`after`), named by its identity
 * (`key`); its number is only where it was when the form was shown, a hint never acted on by
 * itself. `place` is where the form shown again puts it: where that row is now.
 */
function rowPlace(file: PortalFile, row: string, after: string, key: string) {
  const editing = row !== '';
  const copying = !editing && after !== '';
  const hint = rowHint(editing ? row : after);
  const now = findRow(file.declarations, declarationIdentity, key, hint) ?? hint ?? 0;
  const place = editing || copying ? { ...(editing ? { row: now } : { after: now }), key } : {};
  return { editing, copying, hint, place };
}

/** A row number that names no row (any more): removed or moved by another save. */
function goneRow(c: Context): EditorErrors {
  return {
    ...NO_ERRORS,
    others: [{ path: '', message: c.get('galetteConsole').t('editor.rowGone') }],
  };
}

/** Whether the portal file's validator takes `file` (a save of it would not be refused). */
function validFile(file: PortalFile): boolean {
  try {
    parsePortalFile(file);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}
