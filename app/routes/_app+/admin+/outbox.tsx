import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { AdminBreadcrumbs } from "~/components/admin-breadcrumbs";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { listOutbox } from "~/models/email.server";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/format";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("admin:outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  return { messages: await listOutbox({ take: 100 }) };
}

/** Plain text with its web addresses made clickable. */
function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      <AdminBreadcrumbs />
      <PageHeader title={t("outbox.title")} intro={t("outbox.intro")} />
      <section className="card">
        {messages.length === 0 ? (
          <p className="empty">{t("outbox.empty")}</p>
        ) : (
          messages.map((m) => (
            <article className="mail" key={m.id} aria-labelledby={`mail-${m.id}`}>
              <h2 id={`mail-${m.id}`}>{m.subject}</h2>
              <p className="small muted">
                {t("outbox.to")}: {m.to} · {formatDateTime(m.createdAt, locale)} ·{" "}
                {m.error ? t("outbox.failed", { error: m.error }) : m.sentAt ? t("outbox.sent") : t("outbox.kept")}
              </p>
              {m.text === null ? (
                <p className="small muted">{t(`outbox.withheld.${m.withheld!}`)}</p>
              ) : (
                <div className="mail-body">
                  <LinkifiedText text={m.text} />
                </div>
              )}
              {m.attachments.length > 0 ? (
                <ul className="mail-attachments cluster small" aria-label={t("outbox.attachments")}>
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={`/admin/outbox/attachments/${a.id}`} download={a.filename}>
                        {a.filename}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          ))
        )}
      </section>
    </>
  );
}
