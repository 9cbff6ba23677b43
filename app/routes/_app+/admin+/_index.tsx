import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("admin:title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user.manage");
  return null;
}

export default function AdminHome() {
  const { t } = useTranslation("admin");
  const cards = [
    { to: "/admin/users", title: t("cards.users"), text: t("cards.usersText") },
    { to: "/admin/outbox", title: t("cards.outbox"), text: t("cards.outboxText") },
    { to: "/admin/audit", title: t("cards.audit"), text: t("cards.auditText") },
    { to: "/admin/jobs", title: t("cards.jobs"), text: t("cards.jobsText") },
  ];
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="grid grid-3 admin-cards">
        {cards.map((c) => (
          <Link key={c.to} to={c.to} className="card">
            <h2>{c.title}</h2>
            <p className="muted">{c.text}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
