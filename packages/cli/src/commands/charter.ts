import { CHARTER_FORMATS, isCharterFormat, NotFoundError } from '@galette/core';
import { answerLanguage, renderCharterDocument } from '@galette/server';
import { UsageError, EXIT_OK, type Command } from '../command.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

/**
 * `galette charter <portal>`: the bytes `GET /p/<portal>/charte-cookies[.format]?lang=…` serves
 * (uncompressed), from the same published revision and the same language negotiation.
 */
export const charterCommand: Command = {
  name: 'charter',
  summary: (t) => t('server.cli.charter.summary'),
  usage: (t) => t('server.cli.charter.usage'),
  options: {
    lang: { type: 'string', value: '<fr|en>', describe: (t) => t('server.cli.option.lang') },
    format: {
      type: 'string',
      value: '<format>',
      describe: (t) => t('server.cli.option.format', { formats: CHARTER_FORMATS.join(', ') }),
    },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(charterCommand, args, t);
    const [portalId] = positionals(parsed, [t('server.cli.arg.portal')], t);
    const format = (parsed.values.format as string | undefined) ?? 'html';
    if (!isCharterFormat(format)) {
      throw new UsageError(
        t('server.cli.badFormat', { value: format, formats: CHARTER_FORMATS.join(', ') }),
      );
    }
    const document = await withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
      const revision = await store.latestRevision(portalId!);
      if (!revision) {
        const exists = (await store.getPortal(portalId!)) !== undefined;
        throw new NotFoundError(
          exists
            ? t('server.cli.notPublished', { portalId: portalId! })
            : t('server.cli.unknownPortal', { portalId: portalId! }),
        );
      }
      const wanted = parsed.values.lang as string | undefined;
      const lang = answerLanguage(
        { query: wanted, cookie: undefined, acceptLanguage: undefined },
        revision.content,
      );
      // The server falls back quietly for a browser; someone typing --lang wants that language.
      if (wanted !== undefined && wanted.split(/[-_]/)[0]!.toLowerCase() !== lang) {
        throw new UsageError(
          t('server.cli.charter.badLang', {
            value: wanted,
            languages: revision.content.languages.join(', '),
          }),
        );
      }
      return renderCharterDocument(revision, lang, format);
    });
    io.stdout(document);
    return EXIT_OK;
  },
};
