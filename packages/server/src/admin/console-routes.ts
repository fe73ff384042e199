import type { RouteModule } from '../server-context.js';
import { consoleAssetRoutes } from './routes/asset-routes.js';
import { languageRoutes } from './routes/language-routes.js';
import { loginPageRoute } from './routes/login-routes.js';

/** The back office's pages under `/admin/`, each registered with its rule. */
export const consoleRoutes: RouteModule = (_app, context) => {
  const router = context.admin;
  consoleAssetRoutes(router);
  languageRoutes(router, context.consolePages.cookies);
  loginPageRoute(router, context.consolePages);
};
