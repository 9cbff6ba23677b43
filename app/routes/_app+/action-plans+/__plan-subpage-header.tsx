import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";

/**
 * The top of a plan's own pages (its items, submitting it, reading it as submitted): the way
 * back (plans › the plan), then the page's title, purpose and actions.
 */
export function PlanSubpageHeader({
  plan,
  ...header
}: {
  plan: { id: string; title: string; country: { name: string } };
  title: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation("plans");
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/action-plans">{t("title")}</Link> ›{" "}
        <Link to={`/action-plans/${plan.id}`}>{`${plan.country.name}: ${plan.title}`}</Link>
      </nav>
      <PageHeader {...header} />
    </>
  );
}

/** A plan page's title in the browser: country, plan, the page. */
export function planPageTitle(plan: { title: string; country: { name: string } } | undefined, page: string) {
  return [{ title: `${plan?.country.name ?? ""} ${plan?.title ?? ""} · ${page} · FocalPoint` }];
}
