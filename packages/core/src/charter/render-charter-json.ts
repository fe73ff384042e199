import type { Charter } from './charter.js';

/**
 * The charter model as pretty-printed JSON. Keys are written in a fixed order whatever order the
 * object was built or parsed in, so equal charters give equal bytes (and equal ETags).
 */
export function renderCharterJson(charter: Charter): string {
  const ordered = {
    portal: { id: charter.portal.id, name: charter.portal.name, url: charter.portal.url },
    revision: {
      number: charter.revision.number,
      hash: charter.revision.hash,
      publishedAt: charter.revision.publishedAt,
    },
    lang: charter.lang,
    title: charter.title,
    intro: charter.intro,
    versionNote: charter.versionNote,
    sections: charter.sections.map((s) => ({
      id: s.id,
      level: s.level,
      heading: s.heading,
      paragraphs: s.paragraphs,
    })),
    columns: charter.columns.map((c) => ({ id: c.id, label: c.label })),
    categories: charter.categories.map((c) => ({
      id: c.id,
      heading: c.heading,
      description: c.description,
      rows: c.rows.map((r) => ({
        provider: r.provider,
        service: r.service,
        name: r.name,
        purpose: r.purpose,
        lifetime: r.lifetime,
        party: r.party,
        domain: r.domain,
        storage: r.storage,
        consentExempt: r.consentExempt,
      })),
    })),
  } satisfies Charter;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
