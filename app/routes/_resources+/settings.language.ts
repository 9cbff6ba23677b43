import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getUser } from "~/auth/session.server";
import { localeCookie } from "~/auth/locale-cookie.server";
import { setUserLocale } from "~/models/user.server";
import { LOCALES } from "~/domain/vocabulary";
import { safeRedirect } from "~/utils/safe-redirect";
import { readFormData, refusal } from "~/forms/submission.server";

const LanguageForm = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

/** Remembers the chosen language: on the account when signed in, and in a cookie for the sign-in pages. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw await refusal(request, 400, "errors.badRequest");
  const user = await getUser(request);
  if (user) await setUserLocale(user.id, parsed.data.locale);
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}

export const loader = () => redirect("/");
