import {
  canonicalJson,
  type Declaration,
  type PortalContent,
  type Translator,
} from '@galette/core';

/** Top-level settings compared one by one; declarations are compared entry by entry. */
const SETTINGS = [
  'name',
  'url',
  'origins',
  'languages',
  'defaultLanguage',
  'categories',
  'texts',
] as const satisfies readonly (keyof PortalContent)[];

/** A declaration's identity: the same tracker in the same place, whatever its description. */
function trackerKey(d: Declaration): string {
  return `${d.storage}\n${d.domain ?? ''}\n${d.name}`;
}

/** What replacing the draft `before` by `after` changes, as lines for the operator. */
export function describeChanges(
  before: PortalContent | undefined,
  after: PortalContent,
  t: Translator,
): string[] {
  if (!before) {
    return [
      t('server.cli.import.created', {
        portalId: after.id,
        declarations: after.declarations.length,
      }),
    ];
  }
  const old = new Map(before.declarations.map((d) => [trackerKey(d), canonicalJson(d)]));
  const next = new Map(after.declarations.map((d) => [trackerKey(d), canonicalJson(d)]));
  const added = [...next.keys()].filter((k) => !old.has(k)).length;
  const removed = [...old.keys()].filter((k) => !next.has(k)).length;
  const changed = [...next].filter(([k, v]) => old.has(k) && old.get(k) !== v).length;
  const fields = SETTINGS.filter((f) => canonicalJson(before[f]) !== canonicalJson(after[f]));
  const reordered =
    added + removed + changed === 0 &&
    canonicalJson(before.declarations) !== canonicalJson(after.declarations);

  if (added + removed + changed === 0 && fields.length === 0 && !reordered) {
    return [t('server.cli.import.unchanged', { portalId: after.id })];
  }
  const lines = [t('server.cli.import.updated', { portalId: after.id, added, removed, changed })];
  const changedFields = reordered ? [...fields, 'declarations'] : fields;
  if (changedFields.length > 0) {
    lines.push(t('server.cli.import.fieldsChanged', { fields: changedFields.join(', ') }));
  }
  return lines;
}
