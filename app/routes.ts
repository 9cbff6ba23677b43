import type { RouteConfig } from "@remix-run/route-config";
import { remixRoutesOptionAdapter } from "@remix-run/routes-option-adapter";
import { flatRoutes } from "remix-flat-routes";

/**
 * Routes grouped by feature (remix-flat-routes' hybrid folders): a folder
 * ending in "+" adds its name to the route's, so
 * `_app+/workshops+/$workshopId+/agenda.new.tsx` is `/workshops/:workshopId/agenda/new`
 * inside the signed-in layout. A route's own pieces sit beside it: files
 * named `__*.tsx`, `*.server.ts` or `*.client.ts` are not routes.
 */
export default remixRoutesOptionAdapter((defineRoutes) =>
  flatRoutes("routes", defineRoutes, {
    ignoredRouteFiles: ["**/.*", "**/*.css", "**/__*.*", "**/*.server.*", "**/*.client.*"],
  }),
) satisfies RouteConfig;
