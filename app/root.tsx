import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { getRequestSession } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Toaster } from "~/components/toaster";
import { getLocale } from "~/i18n/i18n.server";
import stylesheet from "~/styles/app.css?url";
import { useNonce } from "~/utils/nonce";
import { readToast } from "~/utils/toast.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "FocalPoint" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [session, locale, { toast, setCookie }] = await Promise.all([
    getRequestSession(request),
    getLocale(request),
    readToast(request),
  ]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  // Lucia's sliding expiry: the renewed cookie rides on whatever page was asked for.
  if (session?.setCookie) headers.append("Set-Cookie", session.setCookie);
  return data({ locale, toast, user: session?.user ?? null }, { headers });
}

export type RootLoader = typeof loader;
export const useRootData = () => useRouteLoaderData<RootLoader>("root");

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const nonce = useNonce();
  const locale = root?.locale ?? "en";
  // Marks the page once React has taken it over: before that, a choice made in a form can be
  // reset by hydration. The end-to-end tests wait for it after every page load (tests/e2e/utils.ts).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, toast } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return (
    <>
      <Outlet />
      <Toaster toast={toast} />
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <main className="page-narrow">
      <GeneralErrorBoundary />
      <p>
        <a href="/">{t("errors.goHome")}</a>
      </p>
    </main>
  );
}
