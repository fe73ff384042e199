import { consentSubmissionSchema as coreConsentSubmission, jsonSchemaOf } from '@galette/core';
import { PORTAL_SCHEMAS } from './portals/portal-openapi.js';
import { PORTAL_API } from './portals/portal-api.js';
import { PROOFS_API } from './proofs/proofs-api.js';
import { STATISTICS_API } from './statistics/statistics-api.js';
import { apiRoutePaths, type ApiRoute, type PublicApiRoute } from './api-routes/api-route.js';
import { PUBLIC_PAGE_ROUTES } from './api-routes/public-pages.js';
import { PUBLIC_API } from './consent/consent-api-routes.js';
import { SCAN_API } from './scans/scan-api.js';

type Schema = Record<string, unknown>;

/**
 * Body of `POST /api/v1/portals/{portalId}/consents`: core's zod definition, without a revision's
 * categories (each key of `choices` must be a category of the revision named by `revision`, which
 * no static schema can know).
 */
export const consentSubmissionSchema: Schema = jsonSchemaOf(coreConsentSubmission);

/** The public routes under `/api/`, defined with their zod shapes (`api-routes/api-route.ts`). */
export const DEFINED_PUBLIC_ROUTES: readonly PublicApiRoute[] = Object.values(PUBLIC_API);

/** The public routes outside `/api/` (`api-routes/public-pages.ts`), defined the same way. */
export const DEFINED_PAGE_ROUTES: readonly PublicApiRoute[] = PUBLIC_PAGE_ROUTES;

/** The admin API routes, each with its rule. */
export const DEFINED_API_ROUTES: readonly ApiRoute[] = [
  ...Object.values(PORTAL_API),
  ...Object.values(STATISTICS_API),
  ...Object.values(PROOFS_API),
  ...Object.values(SCAN_API),
];

/** Galette's public HTTP API as an OpenAPI 3.1 document. */
export function openApiDocument(version: string): Schema {
  // Every entry is generated from a definition: nothing here is written by hand.
  const generated = apiRoutePaths([
    ...DEFINED_PAGE_ROUTES,
    ...DEFINED_PUBLIC_ROUTES,
    ...DEFINED_API_ROUTES,
  ]);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Galette',
      version,
      description: 'Cookie charters, consent widget and consent proofs for a network of portals.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    paths: generated.paths,
    components: {
      schemas: {
        ConsentSubmission: jsonSchemaOf(coreConsentSubmission, { root: false }),
        ...PORTAL_SCHEMAS,
        ...generated.schemas,
      },
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (`galette_…`) made by an administrator with `galette tokens create` or on the console’s tokens page; it acts with its role on its portals.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sessionid',
          description:
            'A console session. State-changing requests also need the `csrftoken` cookie’s value in an `X-CSRFToken` header.',
        },
      },
    },
  };
}
