import { ValidationError } from './errors.js';
import { fieldError } from './field-error.js';
import type {
  CustomCategory,
  Declaration,
  Lang,
  Party,
  PortalContent,
  TrackerStorage,
} from './portal.js';
import { normaliseDeclaration, orderLocalized, orderTexts } from './portal-file/normalise.js';
import {
  PORTAL_FILE_FORMAT,
  portalFileContext,
  portalFileShape,
  type PortalFileContext,
} from './portal-file/portal-file-shape.js';
import { safeParseShape } from './shape/parse-shape.js';
import type { WidgetSettings } from './widget-settings.js';

export { PORTAL_FILE_FORMAT } from './portal-file/portal-file-shape.js';

/** A declaration as written in a portal file: `party` and `storage` may be left to defaults. */
export type PortalFileDeclaration = Omit<Declaration, 'party' | 'storage'> & {
  readonly party?: Party;
  readonly storage?: TrackerStorage;
};

/**
 * The import/export form of one portal (`docs/portal-file.md`). Keys left out take their
 * defaults; `toPortalFile` writes every default out.
 */
export interface PortalFile {
  readonly format: typeof PORTAL_FILE_FORMAT;
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly origins?: readonly string[];
  readonly languages?: readonly Lang[];
  readonly defaultLanguage?: Lang;
  readonly categories?: readonly CustomCategory[];
  readonly declarations: readonly PortalFileDeclaration[];
  readonly texts?: PortalContent['texts'];
  readonly widget?: WidgetSettings;
}

export interface ParsePortalFileOptions {
  /**
   * The accent colour of the draft the file replaces. New colours need 4.5:1 against the
   * banner; this one, unchanged, is accepted from the 3:1 that revisions were published with
   * before, so such a draft's other sections can still be saved.
   */
  readonly keptAccentColor?: string;
}

/**
 * Validates a parsed portal file and returns its normalised content: defaults filled in, keys
 * and translations in a stable order, `consentExempt: false` and empty `hosts` dropped, so equal
 * portals give equal revision hashes. Throws one `ValidationError` naming every problem (the
 * portal file's zod definition, `portal-file/portal-file-shape.ts`, says which).
 */
export function parsePortalFile(
  input: unknown,
  options: ParsePortalFileOptions = {},
): PortalContent {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError([fieldError('', 'not_a_json_object')], 'invalid portal file');
  }
  const context = portalFileContext(input as Record<string, unknown>, options.keptAccentColor);
  const result = safeParseShape(shapeFor(context), input);
  if (!result.ok) throw new ValidationError(result.errors, 'invalid portal file');
  const file = result.value;
  // Every field that depends on the context was checked against it, so these are set.
  const languages = context.languages!;
  const localized = (text: Readonly<Record<string, string>>) => orderLocalized(text, languages);
  const { widget } = file;
  return {
    id: file.id,
    name: file.name,
    url: file.url,
    origins: file.origins ?? [new URL(file.url).origin],
    languages: [...languages],
    defaultLanguage: context.defaultLanguage!,
    categories: (file.categories ?? []).map((cat): CustomCategory => ({
      id: cat.id,
      label: localized(cat.label),
      description: localized(cat.description),
    })),
    declarations: file.declarations.map((d) => normaliseDeclaration(d, languages)),
    texts: orderTexts(file.texts ?? {}, languages),
    ...(widget && {
      widget: {
        ...widget,
        ...(widget.accentColor && { accentColor: widget.accentColor.toLowerCase() }),
        ...(widget.texts && {
          texts: Object.fromEntries(
            Object.entries(widget.texts).map(([id, text]) => [id, localized(text!)]),
          ),
        }),
      } as WidgetSettings,
    }),
  };
}

/**
 * Building the definition for a context costs more than checking a file with it (a few ms for
 * hundreds of declarations), and a portal is read again and again with the same context (each
 * draft save, each import of its file), so the last few are kept.
 */
const shapes = new Map<string, ReturnType<typeof portalFileShape>>();
const KEPT_SHAPES = 32;

function shapeFor(context: PortalFileContext): ReturnType<typeof portalFileShape> {
  const key = JSON.stringify(context);
  let shape = shapes.get(key);
  if (shape) shapes.delete(key);
  else shape = portalFileShape(context);
  shapes.set(key, shape);
  if (shapes.size > KEPT_SHAPES) shapes.delete(shapes.keys().next().value!);
  return shape;
}

/** The export form of `content`, format key first and defaults written out. */
export function toPortalFile(content: PortalContent): PortalFile {
  return {
    format: PORTAL_FILE_FORMAT,
    id: content.id,
    name: content.name,
    url: content.url,
    origins: [...content.origins],
    languages: [...content.languages],
    defaultLanguage: content.defaultLanguage,
    categories: content.categories.map((cat) => ({
      id: cat.id,
      label: orderLocalized(cat.label, content.languages),
      description: orderLocalized(cat.description, content.languages),
    })),
    declarations: content.declarations.map((d) => normaliseDeclaration(d, content.languages)),
    texts: orderTexts(content.texts, content.languages),
    ...(content.widget && { widget: content.widget }),
  };
}

export { PORTAL_FILE_LIMITS } from './portal-file-limits.js';
