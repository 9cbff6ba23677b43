// The activity feed's messages: written as a key of the "activity" translations with typed params, stored as
// JSON on the history row, and rendered in the reader's language with dates and reference names formatted for them.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { MilestoneStatus, MinutesStatus, PlanStatus, Role } from "~/domain/vocabulary";
import type { ReminderRuleKind } from "~/domain/reminders";
import { formatDay } from "~/utils/format";
import type { activity } from "./en/activity";
import { countryName, sectorName, stageName } from "./names";
import type { Translate } from "./types";

type Coded = { code: string; name: string };

/** A param of a message: user text as it is, or a value the reader's language renders. */
export type ActivityParam =
  | string
  | number
  | { day: string }
  | { country: Coded }
  | { sector: Coded }
  | { milestoneStatus: MilestoneStatus }
  | { planStatus: PlanStatus }
  | { minutesStatus: MinutesStatus }
  | { roles: Role[] }
  | { reminderRule: ReminderRuleKind }
  | { milestone: { stage: Coded; sector: Coded | null; country: Coded } };

type ActivityKey = keyof typeof activity;
/** The {{names}} a message's English text uses: a message without all its params fails typecheck. */
type ParamNames<S extends string> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | ParamNames<Rest> : never;

export type ActivityMessage = { key: ActivityKey; params: Record<string, ActivityParam> };

/** A message for a history row; the key must exist in the translations and the params match its text. */
export function activityMessage<K extends ActivityKey>(
  key: K,
  params: Record<ParamNames<(typeof activity)[K]>, ActivityParam>,
): ActivityMessage {
  return { key, params };
}

function renderParam(t: Translate, locale: string, value: ActivityParam): string {
  if (typeof value !== "object") return String(value);
  if ("day" in value) return formatDay(value.day, locale);
  if ("country" in value) return countryName(t, value.country);
  if ("sector" in value) return sectorName(t, value.sector);
  if ("milestoneStatus" in value) return t(`common:milestoneStatuses.${value.milestoneStatus}`);
  if ("planStatus" in value) return t(`common:planStatuses.${value.planStatus}`);
  if ("minutesStatus" in value) return t(`common:minutesStatuses.${value.minutesStatus}`);
  if ("roles" in value) return value.roles.map((role) => t(`common:roles.${role}`)).join(", ");
  if ("reminderRule" in value) return t(`reminders:rules.${value.reminderRule}.heading`);
  const { stage, sector, country } = value.milestone;
  return `${stageName(t, stage, { long: true })}${sector ? ` (${sectorName(t, sector)})` : ""}, ${countryName(t, country)}`;
}

/** How a history row keeps a message: key and params, and its English rendering (`english`) as the summary. */
export function storedActivity(english: Translate, message: ActivityMessage) {
  const messageParams = JSON.stringify(message.params);
  return {
    summary: renderActivity(english, "en", { summary: "", messageKey: message.key, messageParams }),
    messageKey: message.key,
    messageParams,
  };
}

/** The page's renderer of stored messages, in the page's language. */
export function useActivityText(locale: string) {
  const { t } = useTranslation();
  return useCallback(
    (event: Parameters<typeof renderActivity>[2]) => renderActivity(t as unknown as Translate, locale, event),
    [t, locale],
  );
}

/** A stored message in the language of `t`; rows written before messages existed show their English summary. */
export function renderActivity(
  t: Translate,
  locale: string,
  event: { summary: string; messageKey: string | null; messageParams: string | null },
): string {
  if (!event.messageKey) return event.summary;
  const params = event.messageParams ? (JSON.parse(event.messageParams) as Record<string, ActivityParam>) : {};
  return t(`activity:${event.messageKey}`, { ...renderParams(t, locale, params), defaultValue: event.summary });
}

/** A notice's message (any namespace's key, typed params as the activity's) in the language of `t`. */
export function renderNotice(
  t: Translate,
  locale: string,
  notice: { messageKey: string; params: Record<string, ActivityParam> },
) {
  return t(notice.messageKey, renderParams(t, locale, notice.params));
}

function renderParams(t: Translate, locale: string, params: Record<string, ActivityParam>) {
  return Object.fromEntries(Object.entries(params).map(([name, v]) => [name, renderParam(t, locale, v)]));
}
