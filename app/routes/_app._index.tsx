import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name };
}

export default function Dashboard() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <div>
        <h1>{t("nav.dashboard")}</h1>
        <p>{name}</p>
      </div>
    </header>
  );
}
