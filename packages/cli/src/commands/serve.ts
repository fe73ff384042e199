import { randomBytes } from 'node:crypto';
import {
  charterPath,
  createApp,
  createRevisionCache,
  drainApp,
  passwordLinkUrl,
  serverErrorLog,
  startServer,
  type ServerHandle,
} from '@galette/server';
import type { Store } from '@galette/storage';
import { accountServices } from '../accounts-cli.js';
import { EXIT_OK, type CliIo, type Command } from '../command.js';
import { consoleSettings } from '../console-settings.js';
import { consentApiOptions } from '../consent-settings.js';
import { scanKeepEvidence } from '../scan-settings.js';
import { checkedSecret, databaseOptions } from '../server-settings.js';
import { alignLocalPorts, loadPreset } from '../demo-preset.js';
import { openMigratedStore } from '../open-cli-store.js';
import { scanJobsOf } from '../scan-worker.js';
import { runWorker } from './worker.js';
import {
  DB_OPTION,
  DEFAULT_PORT,
  HELP_OPTION,
  databaseUrl,
  parseCommandArgs,
  parsePort,
  positionals,
} from '../options.js';
import { CLI_VERSION } from '../version.js';
import type { Translator } from '@galette/core';

/**
 * `galette serve`: migrates the store, loads the demo preset into an empty store, serves until
 * SIGTERM or SIGINT, then lets requests in progress finish and closes the store.
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: (t) => t('server.cli.serve.summary'),
  usage: (t) => t('server.cli.serve.usage'),
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: '<port>',
      describe: (t) => t('server.cli.option.port', { default: DEFAULT_PORT }),
    },
    host: {
      type: 'string',
      value: (t) => t('server.cli.arg.address'),
      describe: (t) => t('server.cli.option.host'),
    },
    db: DB_OPTION,
    'no-demo': { type: 'boolean', describe: (t) => t('server.cli.option.noDemo') },
    'no-worker': { type: 'boolean', describe: (t) => t('scanner.worker.option.noWorker') },
    help: HELP_OPTION,
  },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(serveCommand, args, t);
    positionals(parsed, [], t);
    const port = parsePort(
      (parsed.values.port as string | undefined) ?? io.env.PORT ?? String(DEFAULT_PORT),
      t,
    );
    const host = (parsed.values.host as string | undefined) || undefined;
    let secret = checkedSecret(io.env, t);
    if (!secret) {
      io.stderr(`${t('server.cli.serve.noSecret')}\n`);
      secret = randomBytes(32).toString('base64url');
    }

    // Listen for stop signals before announcing the address, so none can slip in between.
    const stopped = io.untilStopped();
    const consents = consentApiOptions(io.env, t);
    const consoleOptions = consoleSettings(io.env, t);
    const keepEvidence = scanKeepEvidence(io.env, t);
    const store = await openMigratedStore(
      databaseUrl(parsed, io.env, t),
      t,
      databaseOptions(io.env, t),
    );
    let server: ServerHandle;
    let app: ReturnType<typeof createApp>;
    try {
      // A production database starts empty too: operators opt out of the demo portals there.
      const demo =
        parsed.values['no-demo'] !== true && !/^(0|off|false|no)$/i.test(io.env.GALETTE_DEMO ?? '');
      const empty = demo && (await store.listPortals()).length === 0;
      // Checked by consentApiOptions above, which names the variable when it is not a URL.
      const publicUrl = io.env.GALETTE_PUBLIC_URL?.trim() || undefined;
      const revisions = createRevisionCache({ store });
      app = createApp({
        store,
        secret,
        version: CLI_VERSION,
        consents,
        ...consoleOptions,
        log: serverErrorLog({ t }),
        revisions,
        ...(publicUrl && { publicUrl }),
        ...(io.env.GALETTE_METRICS_TOKEN?.trim() && {
          metricsToken: io.env.GALETTE_METRICS_TOKEN.trim(),
        }),
      });
      server = await startServer({ app, port, ...(host ? { hostname: host } : {}) }).catch(
        (error: unknown) => {
          if ((error as { code?: string }).code === 'EADDRINUSE') {
            throw new Error(t('server.cli.serve.portInUse', { port }), { cause: error });
          }
          throw error;
        },
      );
      // Loaded once listening, so the local demo portals carry the port actually bound (`--port
      // 0`, `PORT`): their widget accepts consents from the page the visitor has open.
      const bound = server.port;
      const published = await (
        empty
          ? loadPreset(store, undefined, bound).then((loaded) => loaded.map((p) => p.id))
          : demo
            ? alignLocalPorts(store, bound)
            : Promise.resolve([])
      ).catch(async (error: unknown) => {
        await server.close();
        throw error;
      });
      for (const id of published) revisions.onPublish(id);
      if (empty) {
        io.stdout(`${t('server.cli.serve.presetLoaded', { count: published.length })}\n`);
      }
    } catch (error) {
      await store.close();
      throw error;
    }

    // Scans asked for in the console run here unless a separate `galette worker` does them.
    const worker =
      parsed.values['no-worker'] !== true &&
      !/^(0|off|false|no)$/i.test(io.env.GALETTE_SCAN_WORKER ?? '') &&
      scanJobsOf(store)
        ? runWorker(store, io, t, keepEvidence)
        : undefined;
    const base = baseUrl(host, server.port);
    await announce(io, t, store, base);
    await offerFirstAdmin(io, t, store, io.env.GALETTE_PUBLIC_URL?.trim() || base);
    const signal = await stopped;
    io.stdout(`${t('server.cli.serve.stopping', { signal })}\n`);
    try {
      await server.close();
      await drainApp(app);
      await worker?.stop();
    } finally {
      await store.close();
    }
    io.stdout(`${t('server.cli.serve.stopped')}\n`);
    return EXIT_OK;
  },
};

/**
 * While no user exists at all, a single-use link where the first administrator creates their
 * account (as Grafana and Jenkins do on first start). Each start issues a new one and voids the
 * previous; once anyone has an account, nothing is printed.
 */
async function offerFirstAdmin(io: CliIo, t: Translator, store: Store, base: string) {
  const link = await accountServices(store, io).links.firstAdminLink();
  if (link === undefined) return;
  io.stdout(
    `${t('accounts.serve.firstAdmin', { expires: link.expiresAt.toISOString() })}\n  ${passwordLinkUrl(base, link.token)}\n`,
  );
}

/** How to reach the server from this machine. */
function baseUrl(host: string | undefined, port: number): string {
  const wildcard = !host || host === '0.0.0.0' || host === '::';
  const name = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

async function announce(io: CliIo, t: Translator, store: Store, base: string): Promise<void> {
  const lines = [
    t('server.cli.serve.listening', { version: CLI_VERSION, url: base, store: store.kind }),
  ];
  const published = (await store.listPortals()).filter((p) => p.publishedRevision !== undefined);
  if (published.length === 0) lines.push(t('server.cli.serve.noPortals'));
  else {
    lines.push(t('server.cli.serve.charters'));
    for (const portal of published) lines.push(`  ${base}${charterPath(portal.id)}`);
  }
  // One write, so whoever watches the output sees the address and the charters together.
  io.stdout(`${lines.join('\n')}\n`);
}
