import { NotFoundError, toPortalFile, type PortalContent } from '@galette/core';
import type { Store } from '@galette/storage';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';
import type { Translator } from '@galette/core';

/** `galette export <portal>`: the portal file of its draft or of one revision, on stdout. */
export const exportCommand: Command = {
  name: 'export',
  summary: (t) => t('server.cli.export.summary'),
  usage: (t) => t('server.cli.export.usage'),
  options: {
    revision: {
      type: 'string',
      value: '<n|latest|draft>',
      describe: (t) => t('server.cli.option.revision'),
    },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(exportCommand, args, t);
    const [portalId] = positionals(parsed, [t('server.cli.arg.portal')], t);
    const which = (parsed.values.revision as string | undefined) ?? 'draft';
    if (!/^(?:draft|latest|[1-9]\d*)$/.test(which)) {
      throw new UsageError(t('server.cli.export.badRevision', { value: which }));
    }
    const content = await withStore(databaseUrl(parsed, io.env, t), t, (store) =>
      contentToExport(store, portalId!, which, t),
    );
    io.stdout(`${JSON.stringify(toPortalFile(content), null, 2)}\n`);
    return EXIT_OK;
  },
};

async function contentToExport(
  store: Store,
  portalId: string,
  which: string,
  t: Translator,
): Promise<PortalContent> {
  const draft = await store.getPortal(portalId);
  if (!draft) throw new NotFoundError(t('server.cli.unknownPortal', { portalId }));
  if (which === 'draft') return draft;
  const missing = () =>
    new NotFoundError(t('server.cli.export.noRevision', { portalId, revision: which }));
  if (which === 'latest') {
    const latest = await store.latestRevision(portalId);
    if (!latest) throw missing();
    return latest.content;
  }
  const summary = (await store.listRevisions(portalId)).find((r) => r.number === Number(which));
  const revision = summary && (await store.getRevision(portalId, summary.hash));
  if (!revision) throw missing();
  return revision.content;
}
