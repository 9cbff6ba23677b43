import type { ReactNode } from "react";
import { useRootData } from "~/root";
import { BrandLink } from "./app-shell";
import { LanguageSwitcher } from "./language-switcher";

/** The frame of the pages used before signing in: a centred card with the language choice. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const root = useRootData();
  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <BrandLink to="/login" />
        <h1>{title}</h1>
        {children}
        <div className="auth-language">
          <LanguageSwitcher current={root?.locale ?? "en"} />
        </div>
      </main>
    </div>
  );
}
