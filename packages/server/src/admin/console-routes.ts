import type { AccountServices } from '../accounts/index.js';
import type { RouteModule } from '../server-context.js';
import { accountRoutes } from './routes/account-routes.js';
import { consoleAssetRoutes } from './routes/asset-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { languageRoutes } from './routes/language-routes.js';
import { oidcRoutes } from './routes/oidc-routes.js';
import { editorRoutes } from './routes/editor-routes.js';
import { editorSectionRoutes } from './routes/editor-section-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { previewRoutes } from './routes/preview-routes.js';
import { proofRoutes } from './routes/proof-routes.js';
import { publishRoutes } from './routes/publish-routes.js';
import { revisionRoutes } from './routes/revision-routes.js';
import { scanRoutes } from './routes/scan-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { userRoutes } from './routes/user-routes.js';

/** The back office's pages under `/admin/`, each registered with its rule. */
export function consoleRoutes(accounts: AccountServices): RouteModule {
  return (_app, context) => {
    const { admin: router, consolePages: settings } = context;
    consoleAssetRoutes(router);
    languageRoutes(router, settings.cookies);
    sessionRoutes(router, settings, accounts);
    oidcRoutes(router, settings, accounts, context.publicOrigin);
    dashboardRoutes(context);
    accountRoutes(router, settings, accounts);
    userRoutes(context, accounts);
    tokenRoutes(context, accounts);
    auditRoutes(context, accounts);
    statisticsRoutes(context);
    proofRoutes(context, accounts);
    revisionRoutes(context);
    publishRoutes(context);
    scanRoutes(context);
    importRoutes(context);
    editorRoutes(context);
    previewRoutes(context);
    editorSectionRoutes(context);
  };
}
