import { z } from "zod";
import { DIGEST_CHOICES, DIGEST_TIME_ZONES } from "~/domain/digest-schedule";
import { NOTICE_CHOICES } from "~/domain/notices";
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

/**
 * One's e-mail settings on the account page: the weekly digest, the zone its Monday morning is
 * in, and how notices of what is addressed to one arrive.
 */
export const EmailSettingsSchema = z.object({
  digest: z.enum(DIGEST_CHOICES),
  notices: z.enum(NOTICE_CHOICES),
  timeZone: z.enum(DIGEST_TIME_ZONES),
});
