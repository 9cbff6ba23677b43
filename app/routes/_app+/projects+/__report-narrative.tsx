import { Form } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { ProseMirrorNode } from "~/collab/schema";
import { RichText } from "~/components/rich-text";
import { useHydrated } from "~/components/use-hydrated";
import type { NarrativeSection } from "~/models/project-report.server";

// The editor (Tiptap, Yjs) loads only in the browser and only on pages that show it.
const CollaborativeEditor = lazy(() => import("~/editor/collaborative-editor"));

/**
 * The report's narrative: the same live editor as the plans' narratives, written by the
 * implementing agency while the period is open and read by everyone who reads the report; a
 * locked period shows the text kept in its snapshot.
 */
export function ReportNarrative({
  documentId,
  stored,
  locked,
  canEdit,
  canStart,
  me,
}: {
  documentId: string | null;
  /** the live document's stored text (open periods), shown until the editor has loaded */
  stored: ProseMirrorNode | null;
  /** the text kept at lock (locked periods) */
  locked: NarrativeSection[] | null;
  canEdit: boolean;
  canStart: boolean;
  me: { id: string; name: string };
}) {
  const { t } = useTranslation("results");
  const hydrated = useHydrated();
  const storedText = stored?.content?.length ? (
    <RichText doc={stored} />
  ) : (
    <p className="empty">{t("narrative.empty")}</p>
  );
  return (
    <section className="report-section report-narrative" aria-labelledby="narrative-heading">
      <h2 id="narrative-heading">1. {t("narrative.heading")}</h2>
      {locked ? (
        locked.length === 0 ? (
          <p className="muted">{t("narrative.emptyAtLock")}</p>
        ) : (
          <div className="rich-text" data-user-content>
            {locked.map((section, i) => (
              <div key={i}>
                {section.heading ? <h3>{section.heading}</h3> : null}
                {section.paragraphs.map((paragraph, j) => (
                  <p key={j}>{paragraph}</p>
                ))}
              </div>
            ))}
          </div>
        )
      ) : !documentId ? (
        canStart ? (
          <Form method="post" className="cluster no-print">
            <p className="empty">{t("narrative.notStartedManager")}</p>
            <button type="submit" name="intent" value="narrative">
              {t("narrative.start")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("narrative.notStarted")}</p>
        )
      ) : (
        <>
          {canEdit ? <p className="small muted no-print">{t("narrative.hint")}</p> : null}
          {hydrated ? (
            <Suspense fallback={storedText}>
              <CollaborativeEditor
                documentId={documentId}
                user={me}
                canEdit={canEdit}
                label={t("narrative.label")}
                readOnlyNote={t("narrative.readOnly")}
              />
            </Suspense>
          ) : (
            storedText
          )}
        </>
      )}
    </section>
  );
}
