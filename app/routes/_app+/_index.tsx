import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { ownCountryIds } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { LiveStatus } from "~/components/live-status";
import { ItemProgressSchema } from "~/forms/action-item";
import { MilestoneStatusSchema } from "~/forms/milestone";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { findItemScope, updateActionItemProgress } from "~/models/action-item.server";
import { changesByOthersSince, countryWork, myOpenItems } from "~/models/country-work.server";
import { changeMilestoneStatus, findMilestoneScope } from "~/models/milestone.server";
import { recordHomeVisit } from "~/models/user.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/home.css?url";
import { formatDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { toastHeaders } from "~/utils/toast.server";
import { ChangesSinceLastVisit } from "./__home-changes";
import { ItemList } from "./__home-items";
import { MilestoneList } from "./__home-milestones";
import { titleMeta } from "~/i18n/page-title";

/**
 * Home. A country's focal points and task force land on their country's work: what is overdue
 * or due soon, updatable in place, and what others changed since their last visit. Everyone
 * else (the Secretariat, facilitators, observers, administrators) follows many countries, so
 * their home is the dashboard; a shared dashboard link from before it moved keeps its filters.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("home:title");

/** Without a previous visit, "changed since" looks this far back. */
const FIRST_VISIT_DAYS = 14;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const countryIds = ownCountryIds(user);
  if (countryIds.length === 0) throw redirect(`/dashboard${new URL(request.url).search}`);
  const lastVisit = await recordHomeVisit(user.id);
  const since = lastVisit ?? new Date(Date.now() - FIRST_VISIT_DAYS * 24 * 60 * 60 * 1000);
  const [work, mine, changes] = await Promise.all([
    countryWork(user, countryIds),
    myOpenItems(user),
    changesByOthersSince(user, countryIds, since),
  ]);
  return { work, mine, changes, lastVisit };
}

/** A progress update of an action item, or a status change of a milestone, each checked on its own record. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "item-progress": {
      const item = await findItemScope(parseParam(IdParam, formData.get("itemId")));
      if (!item) throw new Response("Not found", { status: 404 });
      assertCan(user, "plan.edit", { countryId: item.countryId, planStatus: item.planStatus });
      const submission = await parseSubmission(request, formData, ItemProgressSchema);
      if (submission.status !== "success") return invalidReply(submission);
      await updateActionItemProgress(item, submission.value, user.id, context.requestId);
      return data(
        { result: submission.reply() },
        { headers: await toastHeaders({ kind: "success", message: t("home:update.itemSaved") }) },
      );
    }
    case "milestone-status": {
      const milestone = await findMilestoneScope(parseParam(IdParam, formData.get("milestoneId")));
      if (!milestone) throw new Response("Not found", { status: 404 });
      assertCan(user, "milestone.edit", { countryId: milestone.countryId });
      const submission = await parseSubmission(request, formData, MilestoneStatusSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        await changeMilestoneStatus(milestone.id, submission.value, user.id, context.requestId);
      } catch (error) {
        return refusalReply(request, submission, error);
      }
      return data(
        { result: submission.reply({ resetForm: true }) },
        { headers: await toastHeaders({ kind: "success", message: t("home:update.milestoneSaved") }) },
      );
    }
    default:
      throw await refusal(request, 400, "errors.badRequest");
  }
}

export default function Home() {
  const { work, mine, changes, lastVisit } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const locale = useRootData()?.locale ?? "en";
  const countryName = useCountryName();
  // A change saved anywhere in these countries (on a plan, a milestone) reloads this page's data.
  const status = useLiveUpdates(work.countries.map((c) => topic.country(c.country.id)));
  const single = work.countries.length === 1 ? work.countries[0]!.country : null;
  const until = formatDay(work.until, locale);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{single ? t("titleIn", { country: single.name }) : t("title")}</h1>
          <p>{t("lead", { until })}</p>
        </div>
        <div className="cluster">
          <LiveStatus status={status} />
          <Link to="/dashboard" className="button button-secondary">
            {t("fullDashboard")}
          </Link>
        </div>
      </header>
      <section className="card" aria-labelledby="my-items-heading">
        <h2 id="my-items-heading">{t("myItems.heading")}</h2>
        {mine.length ? <ItemList items={mine} list="mine" showCountry /> : <p className="empty">{t("myItems.none")}</p>}
      </section>
      {work.countries.map(({ country, items, milestones }) => (
        <div key={country.id} className="home-country">
          {single ? null : <h2 className="home-country-name">{countryName(country)}</h2>}
          <section className="card" aria-labelledby={`items-${country.code}`}>
            <h2 id={`items-${country.code}`}>{t("items.heading")}</h2>
            {items.length ? (
              <ItemList items={items} list={country.code} />
            ) : (
              <p className="empty">{t("items.none", { until })}</p>
            )}
          </section>
          <section className="card" aria-labelledby={`milestones-${country.code}`}>
            <h2 id={`milestones-${country.code}`}>{t("milestones.heading")}</h2>
            {milestones.length ? (
              <MilestoneList milestones={milestones} />
            ) : (
              <p className="empty">{t("milestones.none", { until })}</p>
            )}
          </section>
        </div>
      ))}
      <ChangesSinceLastVisit changes={changes} lastVisit={lastVisit} />
    </>
  );
}
