import { z } from "zod";
import { SEXES } from "~/domain/vocabulary";
import { optionalText, text } from "./fields";

/** One's own profile on the account page. */
export const ProfileSchema = z.object({
  name: text(120),
  position: optionalText(160),
  phone: optionalText(40),
  sex: z.enum(SEXES),
  organisationId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});
