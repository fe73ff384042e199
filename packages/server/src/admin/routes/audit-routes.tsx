import { GaletteError, isAdmin, portalsWhere } from '@galette/core';
import type { AccountServices } from '../../accounts/index.js';
import type { ServerContext } from '../../server-context.js';
import { consoleRefusals, pageFrame, renderPage } from '../console-page.js';
import { AuditPage, type AuditFilters } from '../pages/audit-page.js';
import { rules } from '../route-rule.js';

export const AUDIT_PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PAGE = 10_000;

/**
 * `GET /admin/audit?portal=&actor=&action=&from=&to=&page=`: the audit log, newest first,
 * filtered; admins see every entry, others the entries of portals where they may read it.
 */
export function auditRoutes(context: ServerContext, accounts: AccountServices): void {
  const { admin: router, consolePages: settings, store } = context;
  const refusals = consoleRefusals(settings);
  router.page('GET', '/admin/audit', rules.signedIn, async (c) => {
    const { principal, t } = c.get('galetteConsole');
    const query = (name: string) => {
      const value = c.req.query(name)?.trim();
      return value ? value.slice(0, 200) : undefined;
    };
    const filters: AuditFilters = {
      ...(query('portal') ? { portal: query('portal')! } : {}),
      ...(query('actor') ? { actor: query('actor')! } : {}),
      ...(query('action') ? { action: query('action')! } : {}),
      ...(query('from') ? { from: query('from')! } : {}),
      ...(query('to') ? { to: query('to')! } : {}),
    };
    const errors: Record<string, string> = {};
    for (const name of ['from', 'to'] as const) {
      const value = filters[name];
      if (value !== undefined && !(DAY.test(value) && !Number.isNaN(Date.parse(value)))) {
        errors[name] = t('validation.not_a_day');
      }
    }
    const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(query('page') ?? '1', 10) || 1));
    const visible = isAdmin(principal!)
      ? (await store.listPortals()).map((p) => p.id)
      : (portalsWhere(principal!, 'audit.read') as string[]);
    let result: { entries: AuditPageEntries; total: number } = { entries: [], total: 0 };
    if (Object.keys(errors).length === 0) {
      try {
        result = await accounts.audit.query(principal!, {
          ...(filters.portal ? { portalId: filters.portal } : {}),
          ...(filters.actor ? { actor: filters.actor } : {}),
          ...(filters.action ? { action: filters.action } : {}),
          ...(filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
          ...(filters.to ? { to: `${filters.to}T23:59:59.999Z` } : {}),
          limit: AUDIT_PAGE_SIZE,
          offset: (page - 1) * AUDIT_PAGE_SIZE,
        });
      } catch (error) {
        // The same refusal for a portal that exists and one that does not: nothing leaks.
        if (error instanceof GaletteError && error.code === 'forbidden') {
          return refusals.page(c, 403, 'forbidden');
        }
        throw error;
      }
    }
    return renderPage(
      c,
      <AuditPage
        frame={await pageFrame(c, settings)}
        entries={result.entries}
        total={result.total}
        page={page}
        pageSize={AUDIT_PAGE_SIZE}
        filters={filters}
        portals={visible}
        errors={errors}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  });
}

type AuditPageEntries = Awaited<ReturnType<AccountServices['audit']['query']>>['entries'];
