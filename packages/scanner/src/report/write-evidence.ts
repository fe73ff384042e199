import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ScanResult } from '../scan-result.js';
import {
  buildManifest,
  manifestBytes,
  sha256Hex,
  type EvidenceManifest,
} from './evidence-manifest.js';
import { renderScanHtml } from './render-scan-html.js';
import { renderScanMarkdown } from './render-scan-markdown.js';

export interface WrittenEvidence {
  readonly dir: string;
  readonly manifestPath: string;
  readonly manifestSha256: string;
  readonly manifest: EvidenceManifest;
}

/**
 * Writes a scan's evidence under `<root>/<subject>/<timestamp>/`: the report in JSON, HTML (both
 * languages) and Markdown, the screenshots, the request logs, and `manifest.json`, chained to
 * the newest earlier manifest of the same subject.
 */
export async function writeEvidence(
  root: string,
  result: ScanResult,
  artifacts: ReadonlyMap<string, Uint8Array>,
): Promise<WrittenEvidence> {
  const subject = (result.portal?.id ?? new URL(result.target.url).host).replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
  const base = join(root, subject);
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const dir = join(base, stamp);
  await mkdir(dir, { recursive: true });
  const files = new Map<string, Uint8Array>(artifacts);
  const text = (s: string) => new TextEncoder().encode(s);
  files.set('report.json', text(`${JSON.stringify(result, null, 2)}\n`));
  for (const lang of ['fr', 'en']) {
    files.set(`report.${lang}.html`, text(renderScanHtml(result, { lang, artifacts })));
    files.set(`report.${lang}.md`, text(renderScanMarkdown(result, { lang })));
  }
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  const earlier = (await readdir(base).catch(() => [] as string[]))
    .filter((name) => name !== stamp && name < stamp)
    .sort()
    .reverse();
  let previous: { bytes: Uint8Array; path: string } | undefined;
  for (const name of earlier) {
    const path = join(base, name, 'manifest.json');
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes) {
      previous = { bytes, path: relative(dir, path) };
      break;
    }
  }
  const manifest = buildManifest({
    subject,
    target: result.target.url,
    createdAt: result.finishedAt,
    artifacts: files,
    ...(previous ? { previous } : {}),
  });
  const bytes = manifestBytes(manifest);
  const manifestPath = join(dir, 'manifest.json');
  await writeFile(manifestPath, bytes);
  return { dir, manifestPath, manifestSha256: sha256Hex(bytes), manifest };
}
