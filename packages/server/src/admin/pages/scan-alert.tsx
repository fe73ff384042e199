import type { Translator } from '@galette/core';
import type { ScanAlert } from '../../scans/scan-alerts.js';

/**
 * On the portal list, beside a portal: its latest scheduled scan found error findings that the
 * scan before it had not, with the link to that scan.
 */
export function ScanAlertBadge({
  t,
  portal,
  alert,
}: {
  t: Translator;
  portal: { readonly id: string; readonly name: string };
  alert: ScanAlert;
}) {
  return (
    <>
      <br />
      <a
        class="fr-badge fr-badge--error fr-badge--sm"
        href={`/admin/portals/${encodeURIComponent(portal.id)}/scans/${encodeURIComponent(alert.scanId)}`}
      >
        {t('scanner.console.alert', { count: alert.newErrors })}
        <span class="fr-sr-only"> {portal.name}</span>
      </a>
    </>
  );
}
