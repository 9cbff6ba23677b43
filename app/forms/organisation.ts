import { z } from "zod";
import { ORGANISATION_KINDS } from "~/domain/vocabulary";
import { text } from "./fields";

/** Adding or editing an organisation of the directory (administrators). */
export const OrganisationSchema = z.object({
  name: text(200),
  acronym: z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((v) => v || null),
  kind: z.enum(ORGANISATION_KINDS),
  countryId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  website: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/\S+\.\S+/.test(v), "common:validation.invalid"),
});
