import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkDatabase } from "~/models/health.server";

/** For load balancers and uptime checks: 200 when the app can read its database, 503 otherwise. */
export async function loader(_: LoaderFunctionArgs) {
  const started = Date.now();
  const database = await checkDatabase();
  const body = {
    status: database.ok ? "ok" : "degraded",
    uptimeSeconds: Math.round(process.uptime()),
    database: { ...database, ms: Date.now() - started },
  };
  return new Response(JSON.stringify(body), {
    status: database.ok ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
