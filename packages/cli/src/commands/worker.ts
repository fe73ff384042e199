import { GaletteError, type Translator } from '@galette/core';
import { EXIT_OK, type CliIo, type Command } from '../command.js';
import { openMigratedStore } from '../open-cli-store.js';
import { DB_OPTION, HELP_OPTION, databaseUrl, parseCommandArgs, positionals } from '../options.js';
import { scanJobsOf, startScanWorker, type ScanWorkerEvent } from '../scan-worker.js';
import { scanKeepEvidence } from '../scan-settings.js';
import { databaseOptions } from '../server-settings.js';

/** Bytes as whole kilobytes, as the prune lines tell what the database lost. */
export function kilobytes(bytes: number): number {
  return Math.round(bytes / 1000);
}

/** The worker's events as lines on standard error. */
export function workerEventLine(t: Translator): (event: ScanWorkerEvent) => string {
  return (event) => {
    switch (event.kind) {
      case 'started':
        return t('scanner.worker.started', {
          job: event.job.id,
          portal: event.job.portalId,
          url: event.job.url,
        });
      case 'done':
        return t('scanner.worker.done', { job: event.job.id, errors: event.errors });
      case 'failed':
        return t('scanner.worker.failed', { job: event.job.id, message: event.message });
      case 'queue-error':
        return t('scanner.worker.queueError', { message: event.message });
      case 'pruned':
        return t('scanRetention.worker.pruned', {
          job: event.job.id,
          portal: event.job.portalId,
          scans: event.pruned.scans,
          kilobytes: kilobytes(event.pruned.storedBytes),
          keep: event.keep,
        });
      case 'prune-failed':
        return t('scanRetention.worker.pruneFailed', {
          job: event.job.id,
          portal: event.job.portalId,
          message: event.message,
        });
    }
  };
}

/**
 * `galette worker`: runs scan jobs from the store without serving pages, for deployments that
 * keep Chromium off their web nodes. As many may run as wanted on one PostgreSQL: each job goes
 * to one of them.
 */
export const workerCommand: Command = {
  name: 'worker',
  summary: (t) => t('scanner.worker.summary'),
  usage: (t) => t('scanner.worker.usage'),
  options: { db: DB_OPTION, help: HELP_OPTION },
  async run({ args, io, t }) {
    const parsed = parseCommandArgs(workerCommand, args, t);
    positionals(parsed, [], t);
    const stopped = io.untilStopped();
    const keepEvidence = scanKeepEvidence(io.env, t);
    const store = await openMigratedStore(
      databaseUrl(parsed, io.env, t),
      t,
      databaseOptions(io.env, t),
    );
    try {
      if (!scanJobsOf(store)) {
        throw new GaletteError('storage', t('scanner.worker.noQueue', { kind: store.kind }));
      }
      const worker = runWorker(store, io, t, keepEvidence);
      io.stdout(`${t('scanner.worker.ready', { id: worker.id })}\n`);
      const signal = await stopped;
      io.stdout(`${t('scanner.worker.stopping', { signal })}\n`);
      await worker.stop();
    } finally {
      await store.close();
    }
    return EXIT_OK;
  },
};

/** A worker whose events go to standard error, as `serve` and `worker` start it. */
export function runWorker(
  store: Parameters<typeof startScanWorker>[0]['store'],
  io: CliIo,
  t: Translator,
  keepEvidence: number | 'all',
) {
  const line = workerEventLine(t);
  return startScanWorker({
    store,
    env: io.env,
    keepEvidence,
    onEvent: (event) => io.stderr(`${line(event)}\n`),
    ...(io.env.GALETTE_SCAN_POLL_MS ? { pollMs: Number(io.env.GALETTE_SCAN_POLL_MS) } : {}),
  });
}
