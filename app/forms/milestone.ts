/** The forms of one milestone: its status and dates, its evidence, its comments. */
import { z } from "zod";
import { AQRF_STAGE, MILESTONE_STATUSES, MUTUAL_RECOGNITION_STAGE } from "~/domain/vocabulary";
import { optionalDay, optionalText, optionalWholeNumber, text, webAddress } from "./fields";

const calendarDay = optionalDay("milestones:form.errors.date");

/** What the milestone form's rules depend on; the page gets it from its loader, so both sides check the same. */
export type MilestoneRulesContext = {
  stageCode: string;
  countryId: string;
  countryIds: readonly string[];
  today: string;
};

/**
 * The milestone form and its rules. Which fields apply depends on the stage,
 * so the schema is built for one milestone. Messages are translation keys.
 */
export function milestoneFormSchema(context: MilestoneRulesContext) {
  return z
    .object({
      status: z.enum(MILESTONE_STATUSES, { errorMap: () => ({ message: "common:validation.invalidChoice" }) }),
      startedOn: calendarDay,
      targetOn: calendarDay,
      achievedOn: calendarDay,
      aqrfLevel: optionalWholeNumber(1, 8, "milestones:form.errors.aqrfLevelRange"),
      partnerCountryId: z
        .string()
        .trim()
        .max(40)
        .optional()
        .transform((v) => v || null),
      notes: optionalText(4000),
    })
    .superRefine((v, ctx) => {
      const refuse = (field: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [field], message: `milestones:form.errors.${message}` });
      if (v.startedOn && v.targetOn && v.targetOn < v.startedOn) refuse("targetOn", "targetBeforeStart");
      if (v.status === "completed" && !v.achievedOn) refuse("achievedOn", "completedNeedsDate");
      else if (v.status !== "completed" && v.achievedOn) refuse("achievedOn", "dateOnlyWhenCompleted");
      else if (v.achievedOn && v.achievedOn > context.today) refuse("achievedOn", "achievedInFuture");
      else if (v.achievedOn && v.startedOn && v.achievedOn < v.startedOn) refuse("achievedOn", "achievedBeforeStart");

      if (context.stageCode !== AQRF_STAGE) {
        if (v.aqrfLevel !== null) refuse("aqrfLevel", "aqrfLevelNotHere");
      } else if (v.status === "completed" && v.aqrfLevel === null) refuse("aqrfLevel", "aqrfLevelNeeded");

      if (context.stageCode !== MUTUAL_RECOGNITION_STAGE) {
        if (v.partnerCountryId) refuse("partnerCountryId", "partnerNotHere");
      } else if (v.partnerCountryId === context.countryId) refuse("partnerCountryId", "partnerSelf");
      else if (v.partnerCountryId && !context.countryIds.includes(v.partnerCountryId))
        refuse("partnerCountryId", "partnerUnknown");
      else if (v.status === "completed" && !v.partnerCountryId) refuse("partnerCountryId", "partnerNeeded");
    });
}

export type MilestoneInput = z.output<ReturnType<typeof milestoneFormSchema>>;

/** A link to evidence elsewhere: a title and a web address people can open. */
export const EvidenceLinkSchema = z.object({
  title: text(200),
  url: webAddress("milestones:evidence.errors.url"),
});

/**
 * An uploaded file as evidence; its title defaults to the file's name. An empty
 * file field arrives as "missing" (Conform drops a file without name or bytes).
 * Size and type are checked by the upload's store.
 */
export const EvidenceFileSchema = z.object({
  title: optionalText(200),
  file: z.instanceof(File, { message: "milestones:evidence.fileRequired" }),
});

/** A comment on a milestone, added or edited. */
export const CommentSchema = z.object({ body: text(4000) });

/**
 * A status update from a list (a focal point's home): the new status and, optionally, a note
 * kept as a comment. `seenUpdatedAt` is the version the list showed, so a save made meanwhile
 * is not overwritten silently.
 */
export const MilestoneStatusSchema = z.object({
  status: z.enum(MILESTONE_STATUSES, { errorMap: () => ({ message: "common:validation.invalidChoice" }) }),
  note: optionalText(4000),
  seenUpdatedAt: z.string().max(40),
});
