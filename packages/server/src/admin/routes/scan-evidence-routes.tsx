import { createHash } from 'node:crypto';
import type { ScanJob, ScanJobs } from '@galette/storage';
import type { Context } from 'hono';
import { notFoundResponse } from '../../not-found-response.js';
import type { ServerContext } from '../../server-context.js';
import { asStoredReport } from '../../scans/scan-diff.js';
import { screenshotReferences, withScreenshots } from '../../scans/report-screenshots.js';
import { pageFrame, renderPage } from '../console-page.js';
import { EvidenceGonePage } from '../pages/evidence-gone-page.js';
import { rules } from '../route-rule.js';

/** A screenshot's file name as the scanner makes it: `<scenario>-first-layer.jpg`. */
const SCREENSHOT = /^[a-z0-9-]{1,80}-(first-layer|after-choice)\.jpg$/;

/**
 * The policy of a stored HTML report: a self-contained document (its screenshots are `data:`
 * images, its style one inline `<style>`, allowed by hash), sandboxed, with nothing to load,
 * run, submit or frame it.
 */
export function scanReportPolicy(html: string): string {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    'img-src data:',
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    'sandbox',
  ].join('; ');
}

/**
 * A finished scan's evidence, as the worker stored it (for those who may read scans):
 * `GET /admin/portals/{id}/scans/{scanId}/report?format=html|md|json|manifest&lang=fr|en` (the
 * HTML report shown, the others downloaded) and `GET …/screenshots/{file}` (JPEG).
 */
export function scanEvidenceRoutes(context: ServerContext, jobs: ScanJobs | undefined): void {
  const { admin, consolePages } = context;
  const read = rules.portal('scans.read');

  /**
   * A report or screenshot asked of a scan whose heavy files the retention rule deleted: 410 and
   * why, rather than a 404 that reads like a broken link.
   */
  const missing = async (c: Context, job: ScanJob | undefined, heavy: boolean) => {
    if (!job?.evidencePruned || !heavy) return notFoundResponse(c);
    const scanHref = `/admin/portals/${encodeURIComponent(job.portalId)}/scans/${encodeURIComponent(job.id)}`;
    return renderPage(
      c,
      <EvidenceGonePage
        frame={await pageFrame(c, consolePages)}
        keep={job.evidencePruned.keep}
        scanHref={scanHref}
      />,
      410,
    );
  };

  const jobOf = async (c: Context) => {
    if (!jobs) return undefined;
    const job = await jobs.get(c.req.param('scanId') ?? '');
    return job && job.portalId === c.req.param('portalId') && job.status === 'done'
      ? job
      : undefined;
  };

  admin.page('GET', '/admin/portals/:portalId/scans/:scanId/report', read, async (c) => {
    const job = await jobOf(c);
    if (!job) return notFoundResponse(c);
    const format = c.req.query('format') ?? 'html';
    const asked = c.req.query('lang');
    const lang = asked === 'fr' || asked === 'en' ? asked : c.get('galetteConsole').lang;
    const path =
      format === 'html' || format === 'md'
        ? `report.${lang}.${format}`
        : format === 'json'
          ? 'report.json'
          : format === 'manifest'
            ? 'manifest.json'
            : undefined;
    const file = path ? await jobs!.artifact(job.id, path) : undefined;
    if (!file) return missing(c, job, format === 'html' || format === 'md');
    const headers: Record<string, string> = {
      'Content-Type': file.mediaType,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (format === 'html') {
      const stored = new TextDecoder().decode(file.bytes);
      const paths = screenshotReferences(stored);
      const shots = await Promise.all(paths.map((p) => jobs!.artifact(job.id, p)));
      const html = withScreenshots(
        stored,
        new Map(shots.flatMap((s) => (s ? [[s.path, s.bytes] as const] : []))),
      );
      headers['Content-Security-Policy'] = scanReportPolicy(html);
      return new Response(html, { headers });
    } else {
      const name = format === 'manifest' ? 'manifest.json' : path!;
      headers['Content-Disposition'] =
        `attachment; filename="scan-${job.portalId}-${job.id.slice(0, 8)}-${name}"`;
    }
    return new Response(new Uint8Array(file.bytes), { headers });
  });

  admin.page('GET', '/admin/portals/:portalId/scans/:scanId/screenshots/:file', read, async (c) => {
    const name = c.req.param('file') ?? '';
    const job = SCREENSHOT.test(name) ? await jobOf(c) : undefined;
    const file = job ? await jobs!.artifact(job.id, `screenshots/${name}`) : undefined;
    if (!file) {
      // Gone only if the scan had it: its report names each screenshot it took.
      const report = job?.evidencePruned ? asStoredReport(await jobs!.result(job.id)) : undefined;
      const had = (report?.scenarios ?? []).some((s) =>
        Object.values(s.screenshots ?? {}).includes(`screenshots/${name}`),
      );
      return missing(c, job, had);
    }
    if (file.mediaType !== 'image/jpeg') return notFoundResponse(c);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'Content-Type': 'image/jpeg',
        // Like every console answer: nothing of a portal's pages stays in a shared computer's
        // cache after sign-out.
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
