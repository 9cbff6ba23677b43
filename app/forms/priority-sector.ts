/** The forms of a country's priority sectors: choose one from the list, or add a sector the list lacks. */
import { z } from "zod";
import { IdParam } from "~/utils/params";

export const ChooseSectorSchema = z.object({
  sectorId: z
    .string({ required_error: "milestones:sectors.errors.chooseSector" })
    .trim()
    .min(1, "milestones:sectors.errors.chooseSector")
    .max(40),
});

export const NewSectorSchema = z.object({
  name: z
    .string({ required_error: "common:validation.required" })
    .transform((v) => v.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(3, "milestones:sectors.errors.nameLength").max(80, "milestones:sectors.errors.nameLength"))
    .refine((v) => /^\p{L}[\p{L}\p{N} ,&()'/-]*$/u.test(v), "milestones:sectors.errors.nameCharacters"),
});

/** Removing one: a sector that is no id at all is a wrong address (404); the model refuses one not chosen or with progress. */
export const RemoveSectorSchema = z.object({ sectorId: IdParam });
