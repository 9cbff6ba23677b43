import { Form } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { documentContent } from "~/collab/content.server";
import { RichText } from "~/components/rich-text";
import { useHydrated } from "~/components/use-hydrated";
import type { MinutesStatus } from "~/domain/vocabulary";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/format";

// The editor (Tiptap, Yjs) loads only in the browser and only on pages that show it.
const CollaborativeEditor = lazy(() => import("~/editor/collaborative-editor"));

/** Where the minutes stand: draft, circulated to the participants, or adopted (by whom, when). */
export type MinutesRecord = {
  status: MinutesStatus;
  circulatedAt: Date | string | null;
  adoptedAt: Date | string | null;
  adoptedBy: string;
};

const NEXT_STEPS: Record<MinutesStatus, ("circulate" | "recall" | "adopt")[]> = {
  draft: ["circulate"],
  circulated: ["adopt", "recall"],
  adopted: [],
};

/**
 * The minutes: the same live editor as the plans' narratives, writable by the workshop's
 * facilitators until they are adopted; then read-only for everyone.
 */
export function Minutes({
  documentId: minutesDocumentId,
  stored: minutes,
  record,
  canManage,
  me,
}: {
  documentId: string | null;
  stored: Awaited<ReturnType<typeof documentContent>> | null;
  record: MinutesRecord | null;
  canManage: boolean;
  me: { id: string; name: string };
}) {
  const { t } = useTranslation("outcomes");
  const hydrated = useHydrated();
  const adopted = record?.status === "adopted";
  const stored = minutes?.content?.length ? <RichText doc={minutes} /> : <p className="empty">{t("minutes.empty")}</p>;
  return (
    <section className="card" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t("minutes.heading")}</h2>
      <p className="small muted">{t("minutes.intro")}</p>
      {minutesDocumentId && record ? <MinutesState record={record} canManage={canManage} /> : null}
      {!minutesDocumentId ? (
        canManage ? (
          <Form method="post" className="cluster">
            <p className="empty">{t("minutes.notStartedManager")}</p>
            <button type="submit" name="intent" value="start-minutes">
              {t("minutes.start")}
            </button>
          </Form>
        ) : (
          <p className="empty">{t("minutes.notStarted")}</p>
        )
      ) : hydrated ? (
        <Suspense fallback={stored}>
          <CollaborativeEditor
            documentId={minutesDocumentId}
            user={me}
            canEdit={canManage && !adopted}
            label={t("minutes.label")}
            readOnlyNote={adopted ? t("minutes.adoptedReadOnly") : t("minutes.readOnly")}
          />
        </Suspense>
      ) : (
        stored
      )}
    </section>
  );
}

/** The minutes' status, who adopted them, and the next steps for those who run the workshop. */
function MinutesState({ record, canManage }: { record: MinutesRecord; canManage: boolean }) {
  const { t } = useTranslation("outcomes");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const steps = canManage ? NEXT_STEPS[record.status] : [];
  return (
    <div className="cluster minutes-state">
      <span className={`badge ${record.status === "adopted" ? "badge-ok" : "badge-neutral"}`}>
        <span className="visually-hidden">{t("minutes.status")}: </span>
        {tc(`minutesStatuses.${record.status}`)}
      </span>
      {record.status === "circulated" && record.circulatedAt ? (
        <span className="small">
          {t("minutes.circulatedNote", { date: formatDateTime(record.circulatedAt, locale) })}
        </span>
      ) : null}
      {record.status === "adopted" && record.adoptedAt ? (
        <span className="small">
          {t("minutes.adoptedBy", { name: record.adoptedBy, date: formatDateTime(record.adoptedAt, locale) })}
        </span>
      ) : null}
      {steps.length ? (
        <Form method="post" className="cluster no-print">
          {steps.map((step) => (
            <button
              key={step}
              type="submit"
              name="intent"
              value={`minutes-${step}`}
              className={step === "recall" ? "button-secondary" : undefined}
            >
              {t(`minutes.${step}`)}
            </button>
          ))}
        </Form>
      ) : null}
    </div>
  );
}
