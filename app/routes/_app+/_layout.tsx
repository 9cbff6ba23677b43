import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useRootData } from "~/root";

// Every page inside the shell needs a signed-in person.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  if (!root?.user) return <main className="page-narrow">{children}</main>;
  return (
    <AppShell user={root.user} locale={root.locale}>
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
