import { z } from "zod";
import { SEXES } from "~/domain/vocabulary";
import { optionalText, text } from "./fields";

/** An invited participant's answer from their personal link: register with confirmed details, or decline. */
export const RegistrationAnswerSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("register"),
    name: text(160),
    organisationName: optionalText(200),
    countryId: z
      .string()
      .optional()
      .transform((v) => v || null)
      .pipe(
        z
          .string()
          .regex(/^[a-z0-9]{10,40}$/)
          .nullable(),
      ),
    sex: z.enum(SEXES),
  }),
  z.object({ decision: z.literal("decline") }),
]);
