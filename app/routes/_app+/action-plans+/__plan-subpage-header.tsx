import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { countryName as translatedCountryName, useCountryName } from "~/i18n/names";
import { metaTitle } from "~/i18n/page-title";

/**
 * The top of a plan's own pages (its items, submitting it, reading it as submitted): the way
 * back (plans › the plan), then the page's title, purpose and actions.
 */
export function PlanSubpageHeader({
  plan,
  ...header
}: {
  plan: { id: string; title: string; country: { code: string; name: string } };
  title: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation("plans");
  const countryName = useCountryName();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/action-plans">{t("title")}</Link> ›{" "}
        <Link to={`/action-plans/${plan.id}`}>{`${countryName(plan.country)}: ${plan.title}`}</Link>
      </nav>
      <PageHeader {...header} />
    </>
  );
}

/** A plan page's title in the browser: country, plan, and the page (a key of the translations) below the plan's own. */
export function planPageTitle(
  matches: Parameters<typeof metaTitle>[0],
  plan: { title: string; country: { code: string; name: string } } | undefined,
  pageKey?: string,
) {
  return metaTitle(matches, (t) => [
    plan ? `${translatedCountryName(t, plan.country)} ${plan.title}` : t("plans:title"),
    pageKey ? t(pageKey) : null,
  ]);
}
