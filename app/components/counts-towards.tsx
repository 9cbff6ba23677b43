import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Counted = { id: string; title: string; projectId: string };

/** The project indicators a record (a workshop, a milestone) counts towards, as terms of a details list. */
export function CountsTowards({ indicators }: { indicators: Counted[] }) {
  const { t } = useTranslation("results");
  if (indicators.length === 0) return null;
  return (
    <>
      <dt>{t("indicator.countsTowards")}</dt>
      <dd>
        {indicators.map((indicator, index) => (
          <span key={indicator.id}>
            {index > 0 ? "; " : ""}
            <Link to={`/projects/${indicator.projectId}`} data-user-content>
              {indicator.title}
            </Link>
          </span>
        ))}
      </dd>
    </>
  );
}
