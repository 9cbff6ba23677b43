import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The way back to the administration index, above each of its pages. */
export function AdminBreadcrumbs() {
  const { t } = useTranslation("admin");
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <Link to="/admin">{t("title")}</Link>
    </nav>
  );
}
