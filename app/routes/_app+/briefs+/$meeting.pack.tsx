import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { DocumentView } from "~/components/document-view";
import { getLocale } from "~/i18n/i18n.server";
import { titleMeta } from "~/i18n/page-title";
import { getTranslate } from "~/i18n/translate.server";
import { packDocument } from "~/models/brief-document.server";
import styles from "~/styles/briefs.css?url";
import { DocumentToolbar, PackDownloads } from "./__brief-links";
import { briefingFromUrl } from "./briefs-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("briefs:pack");

/** The regional pack as the pages it prints to: the summary table, then every country's brief. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "briefs.all");
  const { briefing, sinceAsked, sinceError } = await briefingFromUrl(request, user, params.meeting);
  const [t, locale] = await Promise.all([getTranslate(request), getLocale(request)]);
  return {
    ref: briefing.meeting.ref,
    sinceQuery: sinceAsked && !sinceError ? `?since=${sinceAsked}` : "",
    document: packDocument(t, locale, briefing),
  };
}

export default function RegionalPack() {
  const { ref, sinceQuery, document } = useLoaderData<typeof loader>();
  return (
    <>
      <DocumentToolbar meetingRef={ref} sinceQuery={sinceQuery}>
        <PackDownloads meetingRef={ref} sinceQuery={sinceQuery} />
      </DocumentToolbar>
      <DocumentView blocks={document.blocks} />
    </>
  );
}
