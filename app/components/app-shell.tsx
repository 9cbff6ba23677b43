import { Form, NavLink, Link, useLocation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { can, ownCountryIds, readableCountryIds } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session-user";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { BrandMark, Icon, type IconName } from "./icons";
import { LanguageSwitcher } from "./language-switcher";

type NavItem = { to: string; label: string; icon: IconName; end?: boolean };

export function roleLabels(
  user: { roles: { role: string; countryCode: string | null }[] },
  t: (key: string, values?: Record<string, string>) => string,
) {
  return user.roles.map((r) =>
    r.countryCode
      ? // the country's name in the reader's language ("Focal point, Laos"), not its code
        t("roleIn", {
          role: t(`roles.${r.role}`),
          country: t(`countries.${r.countryCode}`, { defaultValue: r.countryCode }),
        })
      : t(`roles.${r.role}`),
  );
}

/** The signed-in frame: navigation, who is signed in, language and sign-out. */
/** The product's mark, name and tagline, as a link to `to`: the top of the menu and of the sign-in pages. */
export function BrandLink({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="brand">
      <BrandMark />
      <span>
        {t("appName")}
        <small>{t("tagline")}</small>
      </span>
    </Link>
  );
}

export function AppShell({
  user,
  locale,
  unreadNotices,
  children,
}: {
  user: SessionUser;
  locale: string;
  unreadNotices: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { t: tn } = useTranslation("notifications");
  // A new notice, or one read in another tab, reloads the count (and the page's data) at once.
  useLiveUpdates([topic.person(user.id)]);
  const location = useLocation();
  // The menu stays open only on the page where it was opened: following one of its links closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.pathname;
  const setMenuOpen = (open: boolean) => setOpenOn(open ? location.pathname : null);

  const tr = t as unknown as (key: string, values?: Record<string, string>) => string;
  // A country's focal points and task force have their work as home, the dashboard beside it.
  const items: NavItem[] = [
    ...(ownCountryIds(user).length ? [{ to: "/", label: t("nav.myWork"), icon: "home" as const, end: true }] : []),
    { to: "/dashboard", label: t("nav.dashboard"), icon: "dashboard" },
    { to: "/countries", label: t("nav.countries"), icon: "countries" },
    { to: "/action-plans", label: t("nav.actionPlans"), icon: "plans" },
    { to: "/milestones", label: t("nav.milestones"), icon: "milestones" },
    { to: "/workshops", label: t("nav.workshops"), icon: "workshops" },
    { to: "/projects", label: tr("results:nav"), icon: "projects" },
    { to: "/people", label: t("nav.people"), icon: "people" },
    // Meeting briefs (decision 023): every country's for those who read them all, a country's own for its people.
    ...(readableCountryIds(user) === "all" || readableCountryIds(user).length
      ? [{ to: "/briefs", label: tr("briefs:nav"), icon: "briefs" as const }]
      : []),
    // The Secretariat sets the reminders countries receive (decision 019).
    ...(can(user, "reminders.manage")
      ? [{ to: "/reminders", label: tr("reminders:nav"), icon: "reminders" as const }]
      : []),
  ];

  return (
    <div className="shell" data-menu-open={menuOpen}>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <BrandMark />
          {t("appName")}
        </Link>
        <div className="topbar-actions">
          <Link to="/notifications" className="topbar-notices">
            <Icon name="bell" />
            <span className="visually-hidden">{tn("nav")}</span>
            {unreadNotices > 0 ? (
              <span className="nav-count">
                <span aria-hidden="true">{unreadNotices}</span>
                <span className="visually-hidden">{tn("unreadCount", { count: unreadNotices })}</span>
              </span>
            ) : null}
          </Link>
          {/* A link to the sidebar works without JavaScript (CSS :target); with it, a toggle. */}
          <a
            href="#sidebar"
            role="button"
            className="button menu-button"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            onClick={(event) => {
              event.preventDefault();
              setMenuOpen(!menuOpen);
            }}
          >
            {t("nav.menu")}
          </a>
        </div>
      </header>
      <aside className="sidebar" id="sidebar">
        <BrandLink to="/" />
        <nav aria-label={t("nav.main")}>
          <ul className="nav-list">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} prefetch="intent">
                  <Icon name={item.icon} />
                  {item.label}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/notifications" prefetch="intent">
                <Icon name="bell" />
                {tn("nav")}
                {unreadNotices > 0 ? (
                  <span className="nav-count" data-testid="unread-notices">
                    <span aria-hidden="true">{unreadNotices}</span>
                    <span className="visually-hidden">{tn("unreadCount", { count: unreadNotices })}</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          </ul>
          {can(user, "user.manage") ? (
            <>
              <p className="nav-section">{t("nav.admin")}</p>
              <ul className="nav-list">
                <li>
                  <NavLink to="/admin" prefetch="intent">
                    <Icon name="admin" />
                    {t("nav.admin")}
                  </NavLink>
                </li>
              </ul>
            </>
          ) : null}
        </nav>
        <div className="sidebar-footer">
          <div className="user-name">{user.name}</div>
          <div className="user-roles">{roleLabels(user, tr).join(" · ")}</div>
          <div className="cluster" style={{ marginBottom: "0.75rem" }}>
            <NavLink to="/account">{t("nav.account")}</NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="button-link">
                {t("nav.signOut")}
              </button>
            </Form>
          </div>
          <LanguageSwitcher current={locale} />
        </div>
      </aside>
      <div className="main">
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
        <footer className="app-footer">{t("footer")}</footer>
      </div>
    </div>
  );
}
