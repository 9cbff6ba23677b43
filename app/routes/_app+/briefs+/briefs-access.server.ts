import type { Actor } from "~/auth/permissions";
import { InputRefused } from "~/domain/input-refused";
import { getTranslate } from "~/i18n/translate.server";
import { findCountryByCode } from "~/models/country.server";
import { findMeeting, readBriefing } from "~/models/meeting-briefing.server";

/** The meeting the URL names (a regional meeting's id or a day), or a 404 that says so. */
export async function requireMeeting(request: Request, ref: string | undefined) {
  const meeting = ref ? await findMeeting(ref) : null;
  if (!meeting)
    throw new Response((await getTranslate(request))("briefs:errors.noMeeting"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return meeting;
}

/** The country the URL names, or a 404. */
export async function requireCountry(code: string | undefined) {
  const country = code && /^[a-zA-Z]{2}$/.test(code) ? await findCountryByCode(code) : null;
  if (!country) throw new Response("Not found", { status: 404 });
  return { id: country.id, code: country.code, name: country.name };
}

/**
 * The briefs as the viewer may read them, counted since `?since=` when it is a day the briefs can
 * count from; otherwise since the previous meeting, with the reason the day asked was refused.
 */
export async function briefingFromUrl(
  request: Request,
  viewer: Actor,
  ref: string | undefined,
  only: string | null = null,
) {
  const meeting = await requireMeeting(request, ref);
  const since = new URL(request.url).searchParams.get("since") || null;
  try {
    return { briefing: await readBriefing(viewer, meeting, since, only), sinceAsked: since, sinceError: null };
  } catch (error) {
    if (!(error instanceof InputRefused) || since === null) throw error;
    const message = (await getTranslate(request))(error.messageKey, error.values);
    return { briefing: await readBriefing(viewer, meeting, null, only), sinceAsked: since, sinceError: message };
  }
}

/** An export refused because the day asked is not one the briefs can count from: a 400 with the reason. */
export async function strictBriefingFromUrl(
  request: Request,
  viewer: Actor,
  ref: string | undefined,
  only: string | null = null,
) {
  const found = await briefingFromUrl(request, viewer, ref, only);
  if (found.sinceError)
    throw new Response(found.sinceError, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return found.briefing;
}
