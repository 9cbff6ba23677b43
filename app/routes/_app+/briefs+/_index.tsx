import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, redirect, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { readableCountryIds } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { Field } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { titleMeta } from "~/i18n/page-title";
import { getTranslate } from "~/i18n/translate.server";
import { listRegionalMeetings } from "~/models/meeting-briefing.server";
import { useRootData } from "~/root";
import { formatDay, isCalendarDay } from "~/utils/format";
import styles from "~/styles/briefs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta = titleMeta("briefs:title");

/** Choosing the meeting whose briefs to read: a regional meeting among the workshops, or any day. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const readable = readableCountryIds(user);
  if (readable !== "all" && readable.length === 0) throw new Response("Forbidden", { status: 403 });
  const day = new URL(request.url).searchParams.get("day");
  if (day && isCalendarDay(day)) throw redirect(`/briefs/${day}`);
  return {
    meetings: await listRegionalMeetings(),
    dayError: day !== null ? (await getTranslate(request))("common:validation.invalidDate") : null,
  };
}

export default function Briefs() {
  const { meetings, dayError } = useLoaderData<typeof loader>();
  const { t } = useTranslation("briefs");
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <section className="card" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t("meeting")}</h2>
        {meetings.length ? (
          <ul className="meeting-list">
            {meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/briefs/${m.id}`}>{m.title}</Link>{" "}
                <span className="muted small">
                  {[m.city, formatDay(m.startsOn, locale, "long")].filter(Boolean).join(", ")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("noMeetings")}</p>
        )}
        <Form method="get" className="briefs-day-form">
          <Field label={t("otherDay")} name="day" type="date" hint={t("otherDayHint")} error={dayError ?? undefined} />
          <button type="submit">{t("open")}</button>
        </Form>
      </section>
    </>
  );
}
