import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { stateContent } from "~/collab/content.server";
import { findSubmittedVersion } from "~/collab/versions.server";
import { RichText } from "~/components/rich-text";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { useRootData } from "~/root";
import styles from "~/styles/plans.css?url";
import { formatDateTime } from "~/utils/format";
import { PlanSubpageHeader, planPageTitle } from "~/routes/_app+/action-plans+/__plan-subpage-header";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  planPageTitle(matches, data?.plan, "plans:asSubmitted.title");

/**
 * The narrative as it was last submitted, read-only: what the reviewers review while the
 * country goes on editing the plan itself. For everyone who may read the plan; before a first
 * submission (or one kept before submissions were) it says there is nothing to read yet.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, "plan.read");
  const version = await findSubmittedVersion(plan.documentId);
  return {
    plan,
    submission: version && {
      note: version.note,
      createdAt: version.createdAt,
      by: version.createdBy?.name ?? "",
      content: stateContent(version.state),
    },
  };
}

export default function PlanAsSubmitted() {
  const { plan, submission } = useLoaderData<typeof loader>();
  const { t } = useTranslation("plans");
  const locale = useRootData()?.locale ?? "en";
  const countryName = useCountryName();
  const planPage = `/action-plans/${plan.id}`;
  return (
    <>
      <PlanSubpageHeader
        plan={plan}
        title={`${countryName(plan.country)}: ${plan.title} · ${t("asSubmitted.title")}`}
        intro={
          submission
            ? t("asSubmitted.intro", { name: submission.by, date: formatDateTime(submission.createdAt, locale) })
            : t("asSubmitted.none")
        }
      >
        <Link to={planPage} className="button button-secondary no-print">
          {t("asSubmitted.backToPlan")}
        </Link>
      </PlanSubpageHeader>
      {submission?.note ? (
        <blockquote className="submission-note">
          <span className="small muted">{t("asSubmitted.note")}</span> {submission.note}
        </blockquote>
      ) : null}
      {submission ? (
        <section className="card plan-narrative" aria-labelledby="narrative-heading">
          <h2 id="narrative-heading">{t("narrative")}</h2>
          {submission.content.content?.length ? (
            <RichText doc={submission.content} />
          ) : (
            <p className="empty">{t("emptyNarrative")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
