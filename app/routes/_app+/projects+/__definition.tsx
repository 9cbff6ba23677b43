import { useTranslation } from "react-i18next";
import type { CountedDefinition } from "~/domain/indicator-definitions";
import { useCountryName, useStageName } from "~/i18n/names";

type Country = { id: string; code: string; name: string };

/** What a counted indicator counts, in words: "Workshops held: national workshop; Cambodia, Lao PDR". */
export function DefinitionText({ counted, countries }: { counted: CountedDefinition | null; countries: Country[] }) {
  const { t } = useTranslation("results");
  const { t: tc } = useTranslation("common");
  const { t: tw } = useTranslation("workshops");
  const countryName = useCountryName();
  const stageName = useStageName();
  if (!counted) return <>{t("indicator.entered")}</>;
  const parts: string[] = [];
  const f = counted.filters as {
    kinds?: string[] | null;
    categories?: string[] | null;
    stageCodes?: string[];
    countryIds: string[] | null;
  };
  if (f.kinds) parts.push(f.kinds.map((k) => tc(`workshopKinds.${k}` as "workshopKinds.study_visit")).join(", "));
  if (f.categories) parts.push(f.categories.map((c) => tw(`categories.${c}` as "categories.ilo")).join(", "));
  if (f.stageCodes) parts.push(f.stageCodes.map((code) => stageName(code)).join(", "));
  if (f.countryIds)
    parts.push(
      f.countryIds
        .map((id) => countries.find((c) => c.id === id))
        .filter((c): c is Country => Boolean(c))
        .map((c) => countryName(c))
        .join(", "),
    );
  const what = t(`definitions.${counted.definition}`);
  return <>{t("indicator.counted", { definition: parts.length ? `${what} (${parts.join("; ")})` : what })}</>;
}
