import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { readFormData, refusal } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { listNotices, markAllNoticesRead, markNoticeRead } from "~/models/notification.server";
import { useRootData } from "~/root";
import styles from "~/styles/notifications.css?url";
import { formatDateTime } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";
import { renderNotice } from "~/i18n/activity";
import type { Translate } from "~/i18n/types";

/**
 * A person's notices: unread first, newest first, a page at a time, with what each offers in
 * one click (signed links to pages that ask before acting). Marking read is a POST form, so it
 * works without JavaScript; the count in the shell follows live (app/realtime, `person:<id>`).
 */

export const meta = titleMeta("notifications:title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const PageQuery = z.coerce.number().int().min(1).max(10_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = PageQuery.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { page, ...(await listNotices(user, page)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "read": {
      await markNoticeRead(user.id, parseParam(IdParam, formData.get("noticeId")));
      return redirectWithToast(backTo(request), { kind: "success", message: t("notifications:markedRead") });
    }
    case "read-all": {
      await markAllNoticesRead(user.id);
      return redirectWithToast("/notifications", { kind: "success", message: t("notifications:allMarkedRead") });
    }
    default:
      throw await refusal(request, 400, "errors.badRequest");
  }
}

/** Back to the page the form was on. */
function backTo(request: Request) {
  const page = PageQuery.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return page > 1 ? `/notifications?page=${page}` : "/notifications";
}

type Notice = ReturnType<typeof useLoaderData<typeof loader>>["notices"][number];

export default function Notifications() {
  const { notices, snoozed, unread, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")}>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button-secondary">
              {t("markAllRead")}
            </button>
          </Form>
        ) : null}
      </PageHeader>
      <section className="card" aria-labelledby="notices-heading">
        <h2 id="notices-heading">{unread > 0 ? t("unreadHeading", { count: unread }) : t("allRead")}</h2>
        {notices.length === 0 ? (
          <p className="empty">{t("empty")}</p>
        ) : (
          <ul className="list notice-list">
            {notices.map((notice) => (
              <NoticeRow key={notice.id} notice={notice} />
            ))}
          </ul>
        )}
        <Pagination page={page} pages={pages} />
      </section>
      {snoozed.length > 0 ? (
        <section className="card" aria-labelledby="snoozed-heading">
          <h2 id="snoozed-heading">{t("snoozedHeading")}</h2>
          <ul className="list notice-list">
            {snoozed.map((notice) => (
              <NoticeRow key={notice.id} notice={notice} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function NoticeRow({ notice }: { notice: Notice }) {
  const { t } = useTranslation("notifications");
  const locale = useRootData()?.locale ?? "en";
  const unread = !notice.readAt;
  const snoozedUntil = notice.snoozedUntil && new Date(notice.snoozedUntil) > new Date() ? notice.snoozedUntil : null;
  return (
    <li className="notice-row" data-unread={unread || undefined}>
      <div className="notice-text">
        <p className="notice-message">
          {unread && !snoozedUntil ? <span className="badge badge-brand">{t("unread")}</span> : null}{" "}
          {renderNotice(t as unknown as Translate, locale, notice)}
        </p>
        <p className="small muted">
          {snoozedUntil ? t("snoozedUntil", { date: formatDateTime(snoozedUntil, locale) }) : null}
          {snoozedUntil ? " · " : null}
          <time dateTime={new Date(notice.createdAt).toISOString()}>{formatDateTime(notice.createdAt, locale)}</time>
        </p>
      </div>
      <div className="notice-actions">
        <Link to={notice.path}>{t("open")}</Link>
        {notice.steps.map((s) => (
          <Link key={s.step} to={s.path}>
            {t(`steps.${s.step}`)}
          </Link>
        ))}
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <input type="hidden" name="noticeId" value={notice.id} />
            <button type="submit" className="button-link">
              {t("markRead")}
            </button>
          </Form>
        ) : null}
      </div>
    </li>
  );
}
