import {
  KyselyStore,
  openScanJobs,
  type ScanArtifact,
  type ScanJobSummary,
  type Store,
} from '@galette/storage';

/** What a stored file holds: text as typed, bytes as given, anything else as JSON. */
export type ArtifactContent = string | Uint8Array | object;

export interface FinishedScanOptions {
  readonly portalId: string;
  /** The address it started from; the portal's home page unless told. */
  readonly url?: string;
  readonly trigger?: string;
  /** The `galette.scan/1` report's scenarios and findings. */
  readonly scenarios?: readonly unknown[];
  readonly findings?: readonly unknown[];
  /** The summary's counts; those not given are the findings' by severity, and no cookie. */
  readonly summary?: Partial<ScanJobSummary>;
  /** Files by path, their media type read from the extension. */
  readonly artifacts?: Readonly<Record<string, ArtifactContent>>;
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  jpg: 'image/jpeg',
};

/** The `galette.scan/1` report a finished scan stores, as `finishedScan` builds it. */
export function scanReport(options: Pick<FinishedScanOptions, 'scenarios' | 'findings'>) {
  return {
    format: 'galette.scan/1',
    scenarios: options.scenarios ?? [],
    findings: options.findings ?? [],
  };
}

/**
 * A scan of `portalId` enqueued, claimed and finished as the worker records it (report,
 * summary, files); its job id. It refuses to finish another queued job than its own.
 */
export async function finishedScan(
  kit: { readonly store: Store },
  options: FinishedScanOptions,
): Promise<string> {
  const jobs = openScanJobs((kit.store as KyselyStore).database);
  const job = await jobs.enqueue({
    portalId: options.portalId,
    url: options.url ?? `https://${options.portalId}/`,
    trigger: options.trigger ?? 'console',
  });
  const claimed = await jobs.claimNext('w');
  if (claimed?.id !== job.id) throw new Error(`another scan was queued before ${job.id}`);
  const findings = options.findings ?? [];
  const severities = findings.map((f) => (f as { severity?: string }).severity);
  const count = (severity: string) => severities.filter((s) => s === severity).length;
  const artifacts: ScanArtifact[] = Object.entries(options.artifacts ?? {}).map(
    ([path, content]) => ({
      path,
      mediaType: MEDIA_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
      bytes:
        content instanceof Uint8Array
          ? content
          : new TextEncoder().encode(
              typeof content === 'string' ? content : JSON.stringify(content),
            ),
    }),
  );
  const finished = await jobs.finish(job.id, 'w', {
    result: scanReport(options),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      notices: count('notice'),
      cookies: 0,
      ...options.summary,
    },
    ...(artifacts.length > 0 ? { artifacts } : {}),
  });
  if (!finished) throw new Error(`scan ${job.id} was not finished`);
  return job.id;
}
