import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { BrandMark } from "./icons";
import { LanguageSwitcher } from "./language-switcher";

/** The frame of the pages used before signing in: a centred card with the language choice. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const root = useRootData();
  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <Link to="/login" className="brand">
          <BrandMark />
          <span>
            {t("appName")}
            <small>{t("tagline")}</small>
          </span>
        </Link>
        <h1>{title}</h1>
        {children}
        <div className="auth-language">
          <LanguageSwitcher current={root?.locale ?? "en"} />
        </div>
      </main>
    </div>
  );
}
