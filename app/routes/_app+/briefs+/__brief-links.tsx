import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The regional pack's two downloads, carrying the day the briefs count from. */
export function PackDownloads({ meetingRef, sinceQuery }: { meetingRef: string; sinceQuery: string }) {
  const { t } = useTranslation("briefs");
  return (
    <>
      <a className="button button-ghost" href={`/briefs/${meetingRef}/pack.docx${sinceQuery}`} download>
        {t("downloadDocx")}
      </a>
      <a className="button button-ghost" href={`/briefs/${meetingRef}/pack.xlsx${sinceQuery}`} download>
        {t("downloadXlsx")}
      </a>
    </>
  );
}

/** Above a brief or the pack, left out of the print: back to the meeting's briefs, print, and the downloads. */
export function DocumentToolbar({
  meetingRef,
  sinceQuery,
  children,
}: {
  meetingRef: string;
  sinceQuery: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation("briefs");
  return (
    <div className="cluster briefs-toolbar no-print">
      <Link to={`/briefs/${meetingRef}${sinceQuery}`}>← {t("title")}</Link>
      <button type="button" onClick={() => window.print()}>
        {t("print")}
      </button>
      {children}
    </div>
  );
}
