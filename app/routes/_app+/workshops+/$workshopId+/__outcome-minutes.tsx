import { Form } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { documentContent } from "~/collab/content.server";
import { RichText } from "~/components/rich-text";
import { useHydrated } from "~/components/use-hydrated";

// The editor (Tiptap, Yjs) loads only in the browser and only on pages that show it.
const CollaborativeEditor = lazy(() => import("~/editor/collaborative-editor"));

/** The minutes: the same live editor as the plans' narratives, writable by the workshop's facilitators. */
export function Minutes({
  documentId: minutesDocumentId,
  stored: minutes,
  canManage,
  me,
}: {
  documentId: string | null;
  stored: Awaited<ReturnType<typeof documentContent>> | null;
  canManage: boolean;
  me: { id: string; name: string };
}) {
  const { t } = useTranslation("outcomes");
  const hydrated = useHydrated();
  const stored = minutes?.content?.length ? <RichText doc={minutes} /> : <p className="empty">{t("minutes.empty")}</p>;
  return (
    <section className="card" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t("minutes.heading")}</h2>
      <p className="small muted">{t("minutes.intro")}</p>
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
            canEdit={canManage}
            label={t("minutes.label")}
            readOnlyNote={t("minutes.readOnly")}
          />
        </Suspense>
      ) : (
        stored
      )}
    </section>
  );
}
