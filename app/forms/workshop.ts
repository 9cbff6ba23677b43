import { z } from "zod";
import { normaliseTimeZone } from "~/domain/time-zones";
import { WORKSHOP_KINDS } from "~/domain/vocabulary";
import { isCalendarDay } from "~/utils/format";
import { asArray, optionalText, text, webAddress } from "./fields";

/** The longest workshop: a study visit of a month. Longer spans are almost always a typo in the year. */
const MAX_WORKSHOP_DAYS = 31;
/** "2027-02-30" is no day, though it looks like one. */
// Workshops of this century only: a typo such as "0215" is caught, not stored.
const isWorkshopDay = (v: string) => isCalendarDay(v) && v >= "2000-01-01" && v <= "2099-12-31";
const isoDay = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1)
  .refine(isWorkshopDay, "workshops:form.invalidDate");
const optionalId = z
  .string()
  .trim()
  .regex(/^([a-z0-9]{10,40})?$/)
  .optional()
  .transform((v) => v || null);

/** One schema for creating and editing a workshop. */
export const WorkshopSchema = z
  .object({
    title: text(200),
    kind: z.enum(WORKSHOP_KINDS),
    hostCountryId: optionalId,
    venue: optionalText(200),
    city: optionalText(120),
    timeZone: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1)
      .max(64)
      .transform((v, ctx) => {
        const zone = normaliseTimeZone(v);
        if (!zone) ctx.addIssue({ code: "custom", message: "workshops:form.invalidTimeZone" });
        return zone ?? v;
      }),
    startsOn: isoDay,
    endsOn: isoDay,
    organisers: optionalText(1000),
    objectives: optionalText(5000),
    expectedResults: optionalText(5000),
    projectId: optionalId,
    facilitatorIds: z.preprocess(asArray, z.array(z.string().regex(/^[a-z0-9]{10,40}$/)).max(20)),
  })
  .superRefine((v, ctx) => {
    // zod runs this even when a date was refused; compare only real days.
    if (!isWorkshopDay(v.startsOn) || !isWorkshopDay(v.endsOn)) return;
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "workshops:form.endBeforeStart" });
    else if (Date.parse(v.endsOn) - Date.parse(v.startsOn) >= MAX_WORKSHOP_DAYS * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "workshops:form.tooLong" });
  });
export type WorkshopInput = z.output<typeof WorkshopSchema>;

/** Where a new or moved material goes: one of the workshop's sessions (or none), and whether the public agenda shows it. */
const materialPlacement = {
  sessionId: z
    .string()
    .trim()
    .regex(/^([a-z0-9]{10,40})?$/, "workshops:materials.unknownSession")
    .optional()
    .transform((v) => v || null),
  // A ticked checkbox sends "on"; anything else (nothing, a list, a stray value) leaves the material private.
  isPublic: z.preprocess((value) => value === "on" || value === true, z.boolean()),
};

/** A web page given as one of the workshop's materials. */
export const LinkMaterialSchema = z.object({
  title: text(200),
  url: webAddress("workshops:materials.invalidUrl"),
  ...materialPlacement,
});
export type LinkMaterialInput = z.output<typeof LinkMaterialSchema>;

/** A file uploaded as one of the workshop's materials; its title defaults to the file's name. */
export const MaterialUploadSchema = z.object({
  title: optionalText(200),
  file: z.instanceof(File, { message: "workshops:materials.noFile" }),
  ...materialPlacement,
});

/** A material moved to another session (or none) or shown on / hidden from the public agenda. */
export const PlaceMaterialSchema = z.object({
  materialId: z.string().regex(/^[a-z0-9]{10,40}$/),
  ...materialPlacement,
});
