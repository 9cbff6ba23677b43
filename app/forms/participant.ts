import { z } from "zod";
import { PARTICIPANT_CATEGORIES, REGISTRATION_STATUSES, SEXES } from "~/domain/vocabulary";
import { optionalText, text } from "./fields";

/** An optional field whose empty value is null, checked by `schema` when filled. */
const nullable = <T extends z.ZodTypeAny>(schema: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(schema.nullable());

const recordId = (message?: string) => nullable(z.string().regex(/^[a-z0-9]{10,40}$/, message));

/** One schema for adding a participant and editing one (the directory link, `userId`, is only set when adding). */
export const ParticipantSchema = z.object({
  userId: recordId(),
  name: text(160),
  email: nullable(z.string().toLowerCase().max(254).email()),
  category: z.enum(PARTICIPANT_CATEGORIES),
  countryId: recordId("participants:errors.unknownCountry"),
  organisationName: optionalText(200),
  sex: z.enum(SEXES),
  registrationStatus: z.enum(REGISTRATION_STATUSES),
});
export type ParticipantInput = z.output<typeof ParticipantSchema>;
