import type { Grant, Translator } from '@galette/core';

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a `<time>`, in the page's language, in UTC (said so) so every reader agrees. */
export function Time({ lang, iso }: { lang: string; iso: string | undefined }) {
  if (!iso) return <>—</>;
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    formats.set(lang, format);
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <>{iso}</>;
  return <time datetime={date.toISOString()}>{`${format.format(date)} UTC`}</time>;
}

export function roleLabel(t: Translator, role: Grant['role']): string {
  return t(`console.role.${role}`);
}

/** "Administrator (every portal)" or "Editor of opendata.paris.fr". */
export function grantLabel(t: Translator, grant: Grant): string {
  return grant.role === 'admin'
    ? t('console.role.everywhere', { role: roleLabel(t, 'admin') })
    : t('console.role.onPortal', { role: roleLabel(t, grant.role), portal: grant.portalId });
}
