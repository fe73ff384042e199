import type { Finding, Scenario, ScanResult } from '../scan-result.js';
import { countsLine, reportIntro, reportText, SEVERITIES, type ReportText } from './report-text.js';

export interface ScanHtmlOptions {
  readonly lang?: string;
  /** Screenshots by artifact path, inlined as data: addresses so the page needs nothing else. */
  readonly artifacts?: ReadonlyMap<string, Uint8Array>;
}

const esc = (text: string | number) =>
  String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
const slug = (id: string) => id.replace(/[^a-z0-9-]/g, '-');

const STYLE = `
:root{color-scheme:light;--err:#b3261e;--warn:#8a5300;--note:#1f4e8c}
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
main,header{max-width:72rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;outline:3px solid #000}
h1{font-size:1.8rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f2f2f2}
.finding{border-left:6px solid;padding:.2rem 1rem;margin:1rem 0;background:#fafafa}
.finding.error{border-color:var(--err)}.finding.warning{border-color:var(--warn)}.finding.notice{border-color:var(--note)}
.sev{font-weight:700}.error .sev{color:var(--err)}.warning .sev{color:var(--warn)}.notice .sev{color:var(--note)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
dd ul{margin:0;padding-left:1.2rem}
figure{display:inline-block;margin:.5rem 1rem .5rem 0;max-width:34rem}figure img{max-width:100%;border:1px solid #999}
code{font-size:.85em;overflow-wrap:anywhere}
`;

/**
 * The scan as one self-contained, accessible HTML page (no external request): findings first,
 * grouped by severity with their evidence, then each scenario's screenshots and tables, then
 * what the scan covered and what it did not.
 */
export function renderScanHtml(result: ScanResult, options: ScanHtmlOptions = {}): string {
  const x = reportText(options.lang ?? 'fr');
  const { t } = x;
  const title = t('scanner.report.title', { target: result.target.url });
  const image = (path: string | undefined, alt: string, id: string) => {
    const bytes = path ? options.artifacts?.get(path) : undefined;
    if (!path || !bytes) return '';
    const src = `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`;
    return `<figure id="${id}"><img src="${src}" alt="${esc(alt)}"><figcaption>${esc(alt)}</figcaption></figure>`;
  };
  const body = [
    `<a class="skip" href="#findings">${esc(t('scanner.report.skip'))}</a>`,
    `<header><h1>${esc(title)}</h1>${reportIntro(result, x)
      .map((l) => `<p>${esc(l)}</p>`)
      .join('')}</header>`,
    '<main>',
    `<section aria-labelledby="summary"><h2 id="summary">${esc(t('scanner.report.summary'))}</h2><p>${esc(countsLine(result, x))}</p></section>`,
    findingsSection(result, x),
    `<section aria-labelledby="scenarios"><h2 id="scenarios">${esc(t('scanner.report.scenarios'))}</h2>`,
    ...result.scenarios.map((s) => scenarioSection(s, x, image)),
    '</section>',
    coverageSection(result, x),
    '</main>',
  ].join('\n');
  return `<!doctype html>
<html lang="${esc(x.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function findingsSection(result: ScanResult, x: ReportText): string {
  const { t } = x;
  const parts = [
    `<section id="findings" aria-labelledby="findings-title" tabindex="-1"><h2 id="findings-title">${esc(t('scanner.report.findings'))}</h2>`,
  ];
  if (result.findings.length === 0) parts.push(`<p>${esc(t('scanner.report.noFindings'))}</p>`);
  for (const severity of SEVERITIES) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    parts.push(`<h3>${esc(t(`scanner.report.severity.${severity}`))} (${group.length})</h3>`);
    for (const f of group) parts.push(findingArticle(f, x, result));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function findingArticle(f: Finding, x: ReportText, result: ScanResult): string {
  const { t } = x;
  const scenario = result.scenarios.find((s) => s.id === f.scenario);
  const shots = scenario
    ? [
        scenario.screenshots.firstLayer
          ? `<a href="#shot-${slug(f.scenario)}-first">${esc(t('scanner.report.screenshotFirstLayer', { scenario: x.scenarioName(f.scenario) }))}</a>`
          : '',
        scenario.screenshots.afterChoice
          ? `<a href="#shot-${slug(f.scenario)}-after">${esc(t('scanner.report.screenshotAfterChoice', { scenario: x.scenarioName(f.scenario) }))}</a>`
          : '',
      ].filter(Boolean)
    : [];
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '—';
  const details = Object.entries(f.details).filter(([k]) => k !== 'kept');
  return `<article class="finding ${f.severity}" id="finding-${f.id}">
<h4><span class="sev">${esc(t(`scanner.report.severityLabel.${f.severity}`))}</span> · ${esc(x.findingTitle(f))} — <code>${esc(f.subject.name)}</code></h4>
<p>${esc(x.findingText(f))}</p>
<dl>
<dt>${esc(t('scanner.report.scenarioLabel'))}</dt><dd><a href="#scenario-${slug(f.scenario)}">${esc(x.scenarioName(f.scenario))}</a></dd>
<dt>${esc(t('scanner.report.pagesLabel'))}</dt><dd>${list(f.pages.map((p) => `<code>${esc(p)}</code>`))}</dd>
<dt>${esc(t('scanner.report.setByLabel'))}</dt><dd>${f.setBy.length ? list(f.setBy.map((s) => esc(x.setter(s)))) : esc(t('scanner.report.unknownSetter'))}</dd>
${details.length ? `<dt>${esc(t('scanner.report.detailsLabel'))}</dt><dd>${list(details.map(([k, v]) => `${esc(k)}${x.lang === 'fr' ? ' : ' : ': '}<code>${esc(String(v))}</code>`))}</dd>` : ''}
${shots.length ? `<dt>${esc(t('scanner.report.screenshotsLabel'))}</dt><dd>${list(shots)}</dd>` : ''}
</dl>
</article>`;
}

function table(caption: string, head: string[], rows: string[][], none: string): string {
  if (rows.length === 0) return `<p><strong>${esc(caption)}</strong> — ${esc(none)}</p>`;
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

function scenarioSection(
  s: Scenario,
  x: ReportText,
  image: (path: string | undefined, alt: string, id: string) => string,
): string {
  const { t } = x;
  const name = x.scenarioName(s.id);
  const none = t('scanner.report.none');
  const setBy = (items: Scenario['cookies'][number]['setBy']) =>
    items.length
      ? items.map((i) => esc(x.setter(i))).join('<br>')
      : esc(t('scanner.report.unknownSetter'));
  const category = (c: Scenario['cookies'][number]['classification']) => `${esc(c.category)}`;
  return `<section id="scenario-${slug(s.id)}" aria-labelledby="scenario-${slug(s.id)}-title">
<h3 id="scenario-${slug(s.id)}-title">${esc(name)}</h3>
<p>${esc(s.status === 'played' ? t('scanner.report.mechanism', { mechanism: s.consentMechanism }) : t('scanner.report.notPlayed', { reason: x.reason(s.reason ?? '') }))}</p>
${image(s.screenshots.firstLayer, t('scanner.report.screenshotFirstLayer', { scenario: name }), `shot-${slug(s.id)}-first`)}
${image(s.screenshots.afterChoice, t('scanner.report.screenshotAfterChoice', { scenario: name }), `shot-${slug(s.id)}-after`)}
${table(
  t('scanner.report.cookies'),
  ['name', 'domain', 'party', 'lifetime', 'flags', 'category', 'source', 'when', 'setBy'].map((c) =>
    t(`scanner.report.col.${c}` as Parameters<typeof t>[0]),
  ),
  s.cookies.map((c) => [
    `<code>${esc(c.name)}</code>`,
    esc(c.domain),
    esc(t(`scanner.report.party.${c.party}`)),
    esc(x.lifetime(c)),
    esc(
      [c.httpOnly ? 'HttpOnly' : '', c.secure ? 'Secure' : '', `SameSite=${c.sameSite}`]
        .filter(Boolean)
        .join(' '),
    ),
    category(c.classification),
    esc(x.source(c.classification)),
    esc(x.when(c)),
    setBy(c.setBy),
  ]),
  none,
)}
${table(
  t('scanner.report.storage'),
  ['name', 'kind', 'origin', 'party', 'category', 'source', 'when', 'setBy'].map((c) =>
    t(`scanner.report.col.${c}` as Parameters<typeof t>[0]),
  ),
  s.storage.map((k) => [
    `<code>${esc(k.name)}</code>`,
    esc(k.kind),
    esc(k.origin),
    esc(t(`scanner.report.party.${k.party}`)),
    category(k.classification),
    esc(x.source(k.classification)),
    esc(x.when(k)),
    setBy(k.setBy),
  ]),
  none,
)}
${table(
  t('scanner.report.requests'),
  ['host', 'types', 'count', 'category', 'source', 'when'].map((c) =>
    t(`scanner.report.col.${c}` as Parameters<typeof t>[0]),
  ),
  s.requests.map((r) => [
    `<code>${esc(r.host)}</code>`,
    esc(r.types.join(', ')),
    esc(r.count),
    category(r.classification),
    esc(x.source(r.classification)),
    esc(x.when(r)),
  ]),
  none,
)}
</section>`;
}

function coverageSection(result: ScanResult, x: ReportText): string {
  const { t } = x;
  const c = result.coverage;
  const list = (title: string, items: string[]) =>
    items.length
      ? `<h3>${esc(title)}</h3><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
      : '';
  return `<section aria-labelledby="coverage"><h2 id="coverage">${esc(t('scanner.report.coverage'))}</h2>
<p>${esc(t('scanner.report.coverage.scanned', { count: c.pagesScanned.length }))}</p>
<ul>${c.pagesScanned.map((p) => `<li><code>${esc(p)}</code></li>`).join('')}</ul>
<p>${esc(c.truncated ? t('scanner.report.coverage.truncated') : t('scanner.report.coverage.complete'))}</p>
${list(
  t('scanner.report.coverage.failed'),
  c.pagesFailed.map(
    (f) => `<code>${esc(f.url)}</code> (${esc(x.scenarioName(f.scenario))}): ${esc(f.reason)}`,
  ),
)}
${list(
  t('scanner.report.coverage.excluded'),
  c.pagesExcluded.map((e) => `<code>${esc(e.url)}</code>: ${esc(x.reason(e.reason))}`),
)}
${list(
  t('scanner.report.coverage.notPlayed'),
  c.scenariosNotPlayed.map((s) => `${esc(x.scenarioName(s.id))}: ${esc(x.reason(s.reason))}`),
)}
${list(
  t('scanner.report.coverage.unattributed'),
  c.unattributed.map(
    (u) => `<code>${esc(u.name)}</code> (${esc(u.kind)}, ${esc(x.scenarioName(u.scenario))})`,
  ),
)}
${c.checksSkipped.length ? `<p>${esc(t('scanner.report.coverage.skipped', { checks: c.checksSkipped.join(', ') }))}</p>` : ''}
</section>`;
}
