import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep every other query parameter. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pages <= 1) return null;
  const to = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? <Link to={to(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span className="muted small">{t("pagination.status", { page, pages })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
