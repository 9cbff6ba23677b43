/**
 * The layering of app/ (docs/decisions/012), checked by `npm run lint:layers`:
 *
 *   routes ─► components, forms, models, jobs, realtime, collab, auth, domain, utils
 *   jobs ─► models, domain, utils                          (the worker runs what models define)
 *   notices ─► models                                      (it listens to events.server.ts)
 *   realtime, collab ─► models, auth, domain, utils      (they listen to events.server.ts)
 *   models ─► events.server, auth, forms, domain, utils  (never realtime, collab, routes, components)
 *   components, editor, forms, domain: shared with the browser, never a *.server module
 *   domain: the vocabularies and rules, importing nothing else of the app
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other cannot be understood, tested or moved one at a time.",
      from: { path: "^app/" },
      to: { circular: true },
    },
    {
      name: "no-folder-circles",
      severity: "error",
      comment: "Folders of app/ form layers: no folder reaches back into one that reaches it.",
      scope: "folder",
      from: { path: "^app/" },
      to: { circular: true },
    },
    {
      name: "models-stay-below",
      severity: "error",
      comment: "Models announce changes on the event bus; they never call the live layers, pages or UI.",
      from: { path: "^app/models/" },
      to: { path: "^app/(routes|realtime|collab|components|editor|jobs|notices)/" },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "The domain's rules run anywhere (server, browser, tests): they import nothing else of the app.",
      from: { path: "^app/domain/" },
      to: { path: "^app/", pathNot: "^app/domain/" },
    },
    {
      name: "browser-code-imports-no-server-module",
      severity: "error",
      comment: "Components, the editor, shared form rules and the domain reach the browser: *.server modules must not.",
      from: { path: "^app/(components|editor|forms|domain|i18n)/", pathNot: "\\.server\\.tsx?$" },
      to: { path: "\\.server\\.tsx?$" },
    },
    {
      name: "only-routes-import-routes",
      severity: "error",
      comment: "A route is an entry point; what two routes share lives in components, forms or models.",
      from: { path: "^app/", pathNot: "^app/routes/" },
      to: { path: "^app/routes/" },
    },
    {
      name: "database-through-models",
      severity: "error",
      comment: "Prisma is reached through the models (and sessions through auth, documents through collab).",
      from: { path: "^app/", pathNot: "^app/(models|auth|collab)/|^app/utils/db\\.server\\.ts$" },
      to: { path: "^app/utils/db\\.server\\.ts$|^app/generated/" },
    },
    {
      name: "utils-are-ground",
      severity: "error",
      comment: "Small helpers import no domain layer: they are used by every layer.",
      from: { path: "^app/utils/" },
      to: { path: "^app/(models|auth|realtime|collab|routes|components|forms|jobs)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^app/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
