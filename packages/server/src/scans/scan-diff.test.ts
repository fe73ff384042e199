import { describe, expect, it } from 'vitest';
import { diffScans, type StoredReport } from './scan-diff.js';

const cookie = (
  name: string,
  category: string,
  days: number | 'session',
  domain = 'a.example',
) => ({
  name,
  domain,
  party: 'first',
  lifetime: days === 'session' ? { session: true } : { session: false, days },
  classification: { category, source: 'declaration' },
});
const finding = (id: string, name: string) => ({
  id,
  rule: 'before-consent',
  severity: 'error',
  scenario: 'no-action',
  subject: { kind: 'cookie', name },
  pages: ['https://a.example/'],
  setBy: [],
});
const report = (cookies: ReturnType<typeof cookie>[], findings: ReturnType<typeof finding>[]) =>
  ({
    format: 'galette.scan/1',
    scenarios: [{ id: 'no-action', cookies }],
    findings,
  }) as StoredReport;

describe('diffScans', () => {
  it('says which cookies and findings are new, gone or changed', () => {
    const before = report(
      [
        cookie('_ga', 'statistics', 390),
        cookie('old', 'marketing', 30),
        cookie('s', 'necessary', 'session'),
      ],
      [finding('f1', 'old'), finding('f2', '_ga')],
    );
    const after = report(
      [
        cookie('_ga', 'statistics', 730),
        cookie('s', 'necessary', 'session', '.a.example'),
        cookie('new', 'marketing', 90),
      ],
      [finding('f2', '_ga'), finding('f3', 'new')],
    );
    const diff = diffScans(before, after);
    expect(diff.cookies.added.map((c) => c.name)).toEqual(['new']);
    expect(diff.cookies.removed.map((c) => c.name)).toEqual(['old']);
    expect(diff.cookies.changed).toEqual([
      {
        before: expect.objectContaining({ name: '_ga', lifetime: '390' }),
        after: expect.objectContaining({ name: '_ga', lifetime: '730' }),
      },
    ]);
    expect(diff.findings.added.map((f) => f.id)).toEqual(['f3']);
    expect(diff.findings.removed.map((f) => f.id)).toEqual(['f1']);
  });
});
