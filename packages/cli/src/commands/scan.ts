import { writeFile } from 'node:fs/promises';
import { readJsonFile } from '../read-json-file.js';
import {
  NotFoundError,
  parsePortalFile,
  revisionHash,
  type Revision,
  type Translator,
} from '@galette/core';
import { loadCookieDatabase } from '@galette/core/node';
import type { ScanProgress } from '@galette/scanner';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo, type Command } from '../command.js';
import { withStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';

const FORMATS = ['html', 'json', 'md'] as const;
/**
 * The scanner's `SCENARIO_WORDS`, repeated so that the help does not load the scanner (and
 * Chromium's driver) for every `galette` command; `runScan` checks them again.
 */
const SCENARIO_WORDS = ['no-action', 'refuse-all', 'accept-all', 'withdraw', 'categories'];
type Format = (typeof FORMATS)[number];

const str = (value: string | boolean | (string | boolean)[] | undefined) =>
  typeof value === 'string' ? value : undefined;

function positiveInt(
  name: string,
  value: string | undefined,
  fallback: number,
  t: Translator,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < (name === 'depth' ? 0 : 1)) {
    throw new UsageError(t('scanner.cli.badNumber', { option: name, value }));
  }
  return Number(value);
}

/**
 * `galette scan <url>`: plays the consent scenarios on a site in Chromium, checks what it sets
 * against a portal's published revision, writes the report and the chained evidence. Exit 3
 * when there is an error finding.
 */
export const scanCommand: Command = {
  name: 'scan',
  summary: (t) => t('scanner.cli.summary'),
  usage: (t) => t('scanner.cli.usage'),
  options: {
    portal: { type: 'string', value: '<id>', describe: (t) => t('scanner.cli.option.portal') },
    'portal-file': {
      type: 'string',
      value: '<file.json>',
      describe: (t) => t('scanner.cli.option.portalFile'),
    },
    pages: { type: 'string', value: '<n>', describe: (t) => t('scanner.cli.option.pages') },
    depth: { type: 'string', value: '<n>', describe: (t) => t('scanner.cli.option.depth') },
    scenarios: {
      type: 'string',
      value: '<list>',
      describe: (t) => t('scanner.cli.option.scenarios', { scenarios: SCENARIO_WORDS.join(', ') }),
    },
    format: { type: 'string', value: '<format>', describe: (t) => t('scanner.cli.option.format') },
    out: { type: 'string', value: '<file>', describe: (t) => t('scanner.cli.option.out') },
    lang: { type: 'string', value: '<fr|en>', describe: (t) => t('scanner.cli.option.lang') },
    ocd: { type: 'string', value: '<csv>', describe: (t) => t('scanner.cli.option.ocd') },
    'emit-portal': {
      type: 'string',
      value: '<file>',
      describe: (t) => t('scanner.cli.option.emitPortal'),
    },
    concurrency: {
      type: 'string',
      value: '<n>',
      describe: (t) => t('scanner.cli.option.concurrency'),
    },
    evidence: { type: 'string', value: '<dir>', describe: (t) => t('scanner.cli.option.evidence') },
    db: DB_OPTION,
    help: HELP_OPTION,
  },
  async run({ args, io, t, lang }) {
    const parsed = parseCommandArgs(scanCommand, args, t);
    const [url] = positionals(parsed, ['<url>'], t);
    const v = parsed.values;
    if (!/^https?:\/\/[^/]/i.test(url!))
      throw new UsageError(t('scanner.cli.badUrl', { value: url! }));
    const format = (str(v.format) ?? 'html') as Format;
    if (!FORMATS.includes(format))
      throw new UsageError(t('scanner.cli.badFormat', { value: format }));
    const pages = positiveInt('pages', str(v.pages), 20, t);
    const depth = positiveInt('depth', str(v.depth), 2, t);
    const concurrency = positiveInt('concurrency', str(v.concurrency), 3, t);
    const scenarios = str(v.scenarios)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of scenarios ?? []) {
      if (!(SCENARIO_WORDS as readonly string[]).includes(s) && !/^category:[a-z0-9_-]+$/.test(s)) {
        throw new UsageError(
          t('scanner.cli.badScenario', {
            value: s,
            known: [...SCENARIO_WORDS, 'category:<id>'].join(', '),
          }),
        );
      }
    }
    const portalId = str(v.portal);
    const portalFile = str(v['portal-file']);
    if (portalId && portalFile) throw new UsageError(t('scanner.cli.portalAndFile'));
    const reportLang = str(v.lang) === 'en' || str(v.lang) === 'fr' ? str(v.lang)! : lang;

    let revision: Revision | undefined;
    if (portalId) {
      revision = await withStore(databaseUrl(parsed, io.env, t), t, async (store) => {
        const found = await store.latestRevision(portalId);
        if (!found) {
          const exists = (await store.getPortal(portalId)) !== undefined;
          throw new NotFoundError(
            exists
              ? t('server.cli.notPublished', { portalId })
              : t('server.cli.unknownPortal', { portalId }),
          );
        }
        return found;
      });
    } else if (portalFile) {
      const content = parsePortalFile(await readJsonFile(portalFile, lang));
      revision = {
        portalId: content.id,
        number: 0,
        hash: revisionHash(content),
        content,
        publishedAt: new Date().toISOString(),
      };
    }

    const scanner = await import('@galette/scanner');
    const { draftPortalFile, renderScanHtml, renderScanMarkdown, runScan, writeEvidence } = scanner;
    // The copy shipped in core, or a newer CSV from --ocd or GALETTE_COOKIE_DATABASE.
    const cookieDatabase = scanner.cookieDatabaseKnowledge(
      await loadCookieDatabase({ path: str(v.ocd), env: io.env }),
    );
    const { result, artifacts } = await runScan(
      {
        url: url!,
        ...(revision ? { revision } : {}),
        cookieDatabase,
        pages,
        depth,
        concurrency,
        ...(scenarios ? { scenarios } : {}),
      },
      progressReporter(io, t, url!),
    );
    const evidence = await writeEvidence(str(v.evidence) ?? 'galette-scans', result, artifacts);
    const report =
      format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : format === 'md'
          ? renderScanMarkdown(result, { lang: reportLang })
          : renderScanHtml(result, { lang: reportLang, artifacts });
    const out = str(v.out);
    if (out) {
      await writeFile(out, report);
      io.stderr(`${t('scanner.cli.wrote', { file: out })}\n`);
    } else io.stdout(report);
    const emit = str(v['emit-portal']);
    if (emit) {
      const draft = draftPortalFile(result, { id: revision?.portalId ?? new URL(url!).hostname });
      // Only a file `galette import` accepts is written.
      parsePortalFile(draft);
      await writeFile(emit, `${JSON.stringify(draft, null, 2)}\n`);
      const declarations = draft.declarations as { category: string }[];
      io.stderr(
        `${t('scanner.cli.emitted', {
          file: emit,
          count: declarations.length,
          review: declarations.filter((d) => d.category === 'a-verifier').length,
        })}\n`,
      );
    }
    io.stderr(
      `${t('scanner.cli.evidence', { dir: evidence.dir, sha256: evidence.manifestSha256 })}\n`,
    );
    io.stderr(`${t('scanner.cli.done', { ...result.summary })}\n`);
    return result.summary.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};

/** One redrawn line on a terminal; otherwise a line per scenario change and every tenth page. */
function progressReporter(io: CliIo, t: Translator, url: string) {
  let lastScenario = '';
  let lastLine = -10;
  let drawn = false;
  return (p: ScanProgress) => {
    if (p.phase === 'discover') {
      io.stderr(`${t('scanner.cli.discovering', { url })}\n`);
      return;
    }
    const line = t('scanner.cli.progress', {
      done: p.pagesDone,
      total: p.pagesTotal,
      scenario: p.scenario ?? '—',
      scenarios: p.scenariosDone,
      scenariosTotal: p.scenariosTotal,
      findings: p.findings,
    });
    if (io.isTTY) {
      io.stderr(`\r\u001b[2K${line}`);
      drawn = true;
      if (p.phase === 'done') io.stderr('\n');
      return;
    }
    if (p.phase === 'done' || p.scenario !== lastScenario || p.pagesDone - lastLine >= 10) {
      lastScenario = p.scenario ?? '';
      lastLine = p.pagesDone;
      io.stderr(`${line}\n`);
    }
    void drawn;
  };
}
