import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { unreadNoticeCount } from "~/models/notification.server";
import { useRootData } from "~/root";

// Every page inside the shell needs a signed-in person; the shell shows their unread notices.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { unreadNotices: await unreadNoticeCount(user) };
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const shell = useRouteLoaderData<typeof loader>("routes/_app+/_layout");
  if (!root?.user) return <main className="page-narrow">{children}</main>;
  return (
    <AppShell user={root.user} locale={root.locale} unreadNotices={shell?.unreadNotices ?? 0}>
      {children}
    </AppShell>
  );
}

export default function AppLayout() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}
