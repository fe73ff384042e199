import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  renderScanHtml,
  renderScanMarkdown,
  runScan,
  scanResultJsonSchema,
  type CookieObservation,
  type ScanOutput,
  type Scenario,
} from '@galette/scanner';
import { launchChromium } from '../../../test-support/chromium.mjs';
import { runAxe } from '../../../test-support/axe.mjs';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

let site: FixtureSite;
let scan: ScanOutput;

beforeAll(async () => {
  site = await startFixtureSite();
  scan = await runScan({
    url: site.url,
    revision: site.revision,
    pages: 5,
    depth: 2,
    concurrency: 3,
    settleMs: 1000,
  });
}, 240_000);

afterAll(async () => {
  await site?.close();
});

const scenario = (id: string): Scenario => {
  const found = scan.result.scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};
const cookie = (scenarioId: string, name: string): CookieObservation => {
  const found = scenario(scenarioId).cookies.find((c) => c.name === name);
  if (!found) throw new Error(`no cookie ${name} in ${scenarioId}`);
  return found;
};

describe('a scan of the fixture portal (Galette widget, six scenarios)', () => {
  it('reports exactly the expected findings', () => {
    const got = scan.result.findings
      .map((f) => `${f.severity} ${f.rule} ${f.scenario} ${f.subject.kind}:${f.subject.name}`)
      .sort();
    expect(got).toEqual(
      [
        'error before-consent no-action cookie:early_id',
        'error after-refusal refuse-all cookie:early_id',
        'error after-refusal category:statistics cookie:early_id',
        'error after-refusal withdraw cookie:early_id',
        'error after-refusal refuse-all cookie:ignore_id',
        'error after-refusal category:statistics cookie:ignore_id',
        'error after-refusal withdraw cookie:ignore_id',
        // Renewed on every page view: the audience-measurement exemption does not hold.
        'error exempt-conditions no-action cookie:_aud_id',
        'error undeclared no-action cookie:undeclared_pref',
        // The HttpOnly third-party cookie stays after withdrawal (no page script can delete
        // it) but is not written again: a warning.
        'warning after-refusal withdraw cookie:tp_sess',
        'warning lifetime-over-13-months accept-all cookie:stats_long',
        'warning lifetime-over-declared accept-all cookie:stats_long',
        'notice declared-not-seen accept-all cookie:never_set',
      ].sort(),
    );
    expect(scan.result.summary).toMatchObject({ errors: 9, warnings: 3, notices: 1 });
  });

  it('attributes each cookie and key to what set it', () => {
    const page = site.url;
    expect(cookie('no-action', 'early_id').setBy).toEqual([
      expect.objectContaining({ via: 'script', script: `${page}js/early.js`, frame: page }),
    ]);
    // An inline script: its stack names the page itself.
    expect(cookie('no-action', 'undeclared_pref').setBy[0]).toMatchObject({
      via: 'script',
      script: page,
    });
    // Set-Cookie on a fetch made by the gated statistics script, loaded by the widget.
    const long = cookie('accept-all', 'stats_long');
    expect(long.setBy).toEqual([expect.objectContaining({ via: 'http', url: `${page}collect` })]);
    const initiators = (long.setBy[0] as { initiators: string[] }).initiators;
    expect(initiators[0]).toBe(`${page}js/stats.js`);
    expect(initiators).toContain(`${page}p/scan-fixture.galette.test/widget.js`);
    // HttpOnly, on another site's response, in a frame the widget let load after consent.
    const tp = cookie('accept-all', 'tp_sess');
    expect(tp).toMatchObject({ httpOnly: true, secure: true, party: 'third', domain: '127.0.0.2' });
    expect(tp.setBy[0]).toMatchObject({ via: 'http', url: `${site.thirdParty}/embed` });
    const key = scenario('accept-all').storage.find((s) => s.name === 'stats_state');
    expect(key).toMatchObject({
      kind: 'localStorage',
      origin: page.replace(/\/$/, ''),
      party: 'first',
      classification: { category: 'statistics', source: 'declaration' },
    });
    expect(key!.setBy[0]).toMatchObject({ via: 'script', script: `${page}js/stats.js` });
  });

  it('takes lifetimes from the header or the write, not from the capped browser store', () => {
    const long = cookie('accept-all', 'stats_long');
    expect(long.lifetime).toEqual({ session: false, days: 1095, months: 36, from: 'header' });
    // Chromium keeps it 400 days at most.
    const kept = (Date.parse(long.expires!) - Date.now()) / 86_400_000;
    expect(kept).toBeLessThanOrEqual(400.01);
    expect(cookie('no-action', '_aud_id')).toMatchObject({
      renewed: true,
      lifetime: { session: false, days: 390, months: 13, from: 'script' },
    });
    expect(cookie('accept-all', 'cookies_preferences').renewed).toBe(false);
  });

  it('classifies from the declarations first, and says so', () => {
    expect(cookie('no-action', 'early_id').classification).toMatchObject({
      category: 'marketing',
      source: 'declaration',
      detail: 'early_id',
    });
    expect(cookie('no-action', 'undeclared_pref').classification).toEqual({
      category: 'unknown',
      source: 'unknown',
    });
  });

  it('records third-party requests and when they happened', () => {
    expect(scenario('no-action').requests).toEqual([]);
    const embed = scenario('accept-all').requests.find((r) => r.host === '127.0.0.2');
    expect(embed).toMatchObject({ beforeChoice: false, afterChoice: true, types: ['document'] });
    expect(embed!.classification).toMatchObject({ category: 'marketing', source: 'declaration' });
  });

  it('visits as a visitor’s Chrome of the installed version, not as HeadlessChrome', () => {
    // The crawler fetching robots.txt and the sitemap names itself; the browser does not.
    const browser = [...site.userAgents].filter((ua) => !ua.includes('compatible;'));
    expect(browser.length).toBeGreaterThan(0);
    for (const ua of browser) {
      expect(ua).toMatch(/ Chrome\/\d+\.0\.0\.0 Safari\/537\.36$/);
      expect(ua).not.toMatch(/Headless/i);
    }
  });

  it('states its coverage', () => {
    const { coverage, pages } = scan.result;
    expect(pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/page-2', '/page-3']);
    expect(coverage.pagesExcluded).toEqual([
      { url: `${site.url}private/secret`, reason: 'robots.txt' },
    ]);
    expect(coverage.scenariosNotPlayed).toEqual([]);
    expect(coverage.pagesFailed).toEqual([]);
    expect(coverage.unattributed).toEqual([]);
    expect(scan.result.scenarios.map((s) => s.id)).toEqual([
      'no-action',
      'refuse-all',
      'accept-all',
      'category:statistics',
      'category:marketing',
      'withdraw',
    ]);
    expect(scenario('refuse-all').screenshots).toEqual({
      firstLayer: 'screenshots/refuse-all-first-layer.jpg',
      afterChoice: 'screenshots/refuse-all-after-choice.jpg',
    });
    expect(scan.artifacts.get('screenshots/refuse-all-first-layer.jpg')?.length).toBeGreaterThan(
      1000,
    );
  });

  it('writes a report that validates against the published JSON Schema', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(scanResultJsonSchema());
    const report = JSON.parse(JSON.stringify(scan.result));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    report.findings[0].severity = 'fatal';
    expect(validate(report)).toBe(false);
  });
});

describe('the reports of that scan', () => {
  it('is one self-contained HTML page, findings first, that axe finds nothing wrong with', async () => {
    const html = renderScanHtml(scan.result, { lang: 'en', artifacts: scan.artifacts });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.indexOf('id="findings"')).toBeLessThan(html.indexOf('id="scenarios"'));
    expect(html).toContain('data:image/jpeg;base64,');
    // Nothing to fetch: no external address in src or href attributes.
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('Set before any consent');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(html);
      expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([]);
      const { violations } = await runAxe(page);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('speaks French by default, in HTML and Markdown', () => {
    expect(renderScanHtml(scan.result)).toContain('Déposé avant tout consentement');
    const md = renderScanMarkdown(scan.result);
    expect(md).toMatch(/^# Analyse des cookies de http:\/\/127\.0\.0\.1:\d+\//);
    expect(md).toContain('### Erreurs (9)');
    expect(md).toContain('`early_id`');
  });
});
