import { portalsWhere } from '@galette/core';
import type { ServerContext } from '../../server-context.js';
import { charterPath } from '../../charter-document.js';
import { pageFrame, renderPage } from '../console-page.js';
import type { PortalSummary } from '../pages/dashboard-page.js';
import { DashboardPage } from '../pages/dashboard-page.js';
import { rules } from '../route-rule.js';

const DAY_MS = 86_400_000;

/**
 * `GET /admin/`: the portals the user may see, each with its latest revision (number, date,
 * author), whether the draft differs from it, and its consents over the last 7 days.
 */
export function dashboardRoutes(context: ServerContext): void {
  const { admin, store, consents, consolePages } = context;
  admin.page('GET', '/admin/', rules.signedIn, async (c) => {
    const principal = c.get('galetteConsole').principal!;
    const visible = portalsWhere(principal, 'portal.view');
    const portals = (await store.listPortals()).filter(
      (p) => visible === 'all' || visible.includes(p.id),
    );
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const summaries: PortalSummary[] = await Promise.all(
      portals.map(async (p) => {
        const [latest] = await store.listRevisions(p.id);
        const days = consents.log
          ? await consents.log.dailyStats(p.id, day(today - 6 * DAY_MS), day(today))
          : [];
        return {
          id: p.id,
          name: p.name,
          ...(latest
            ? {
                latest: {
                  number: latest.number,
                  publishedAt: latest.publishedAt,
                  ...(latest.publishedBy ? { publishedBy: latest.publishedBy } : {}),
                },
                charterHref: charterPath(p.id),
              }
            : {}),
          draft: p.hasUnpublishedChanges ? 'differs' : 'same',
          consentsLast7Days: days.reduce((sum, d) => sum + d.total, 0),
        };
      }),
    );
    return renderPage(
      c,
      <DashboardPage frame={await pageFrame(c, consolePages)} portals={summaries} />,
    );
  });
}
