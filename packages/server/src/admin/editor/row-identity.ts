import type { CustomCategory, PortalFileDeclaration } from '@galette/core';

/**
 * What names a declaration across versions of the draft, sent beside its row number by every
 * form and button that acts on one row. A row number alone is only true of the version it was
 * read from: after another save (a removal, a move) it names another row, and acting on it
 * would overwrite or remove a declaration the operator never saw. The category, storage, domain
 * and name are unique in a valid file (the file refuses the same name twice in a category and
 * storage), so a draft holds at most one row with this identity; a row whose identity was
 * changed by the other save is "gone", never guessed.
 */
export function declarationIdentity(d: PortalFileDeclaration): string {
  return JSON.stringify([d.category, d.storage ?? 'cookie', d.domain ?? '', d.name]);
}

/** What names a custom category across versions: its id. */
export function categoryIdentity(category: CustomCategory): string {
  return category.id;
}

/**
 * The index of the row named `identity` in `list`: the row at `hint` when it still is that row,
 * else wherever it is now; undefined when no row has it any more (or none was sent).
 */
export function findRow<T>(
  list: readonly T[],
  identityOf: (item: T) => string,
  identity: string,
  hint?: number,
): number | undefined {
  if (identity === '') return undefined;
  if (hint !== undefined && list[hint] !== undefined && identityOf(list[hint]) === identity) {
    return hint;
  }
  const at = list.findIndex((item) => identityOf(item) === identity);
  return at === -1 ? undefined : at;
}

/**
 * Thrown by a section's transformation when the row the form was about is no longer in the
 * draft being saved: nothing is saved, and the editor says so.
 */
export class RowGoneError extends Error {
  constructor() {
    super('row gone');
    this.name = 'RowGoneError';
  }
}
