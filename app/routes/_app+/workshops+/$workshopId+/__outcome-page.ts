import type { SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { replyTo, type FormReply } from "~/forms/use-app-form";
import type { listCountries } from "~/models/country.server";
import type { getWorkshopOutcomes, milestoneChoices } from "~/models/outcome-follow-up.server";

export type OutcomeRow = NonNullable<Awaited<ReturnType<typeof getWorkshopOutcomes>>>["outcomes"][number];

/** What the outcomes page knows beside each outcome: who may manage it and the choices its forms offer. */
export type OutcomesPage = {
  canManage: boolean;
  editingId: string | null;
  countries: Awaited<ReturnType<typeof listCountries>>;
  milestones: Awaited<ReturnType<typeof milestoneChoices>>;
};

/** The page's answer if it concerns the form with these hidden fields (every form here posts to one action). */
export function usePageReply(match: Record<string, string>) {
  return replyTo(useActionData<FormReply>(), match);
}

/** The message a reply has for a form as a whole (Conform keeps it under the empty name). */
export const formMessage = (reply: SubmissionResult<string[]> | undefined) => reply?.error?.[""]?.[0];
