import { useTranslation } from "react-i18next";
import { semicolonCsvHref } from "~/utils/csv";

/**
 * A CSV export's download and, beside it, its semicolon variant for
 * spreadsheets in languages that write decimals with a comma. Plain links:
 * they are files from resource routes, not pages.
 */
export function CsvDownload({ href, label }: { href: string; label: string }) {
  const { t } = useTranslation("common");
  return (
    <span className="csv-download">
      <a href={href} className="button button-secondary" download>
        {label}
      </a>
      <a
        href={semicolonCsvHref(href)}
        className="csv-semicolon small"
        download
        aria-label={t("csv.semicolonLabel", { label })}
        title={t("csv.semicolonHint")}
      >
        {t("csv.semicolon")}
      </a>
    </span>
  );
}
