import { ConsoleLayout, type PageFrame } from './console-layout.js';
import { prunedSentence } from './scan-page.js';

/**
 * A report or screenshot of a scan whose heavy files the retention rule deleted (410): why, and
 * the way back to the scan, whose findings, JSON report and manifest are still there.
 */
export function EvidenceGonePage({
  frame,
  keep,
  scanHref,
}: {
  frame: PageFrame;
  keep: number;
  scanHref: string;
}) {
  const { t } = frame;
  const title = t('scanRetention.evidence.goneTitle');
  return (
    <ConsoleLayout frame={frame} title={title} section="portals">
      <h1>{title}</h1>
      <p>{prunedSentence(t, keep)}</p>
      <p>
        <a class="fr-link" href={scanHref}>
          {t('scanRetention.evidence.backToScan')}
        </a>
      </p>
    </ConsoleLayout>
  );
}
