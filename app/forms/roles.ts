import { z } from "zod";
import { COUNTRY_SCOPED_ROLES, LOCALES, ROLES, type Role } from "~/domain/vocabulary";
import { roleTakesCountry } from "~/utils/role-scope";
import { withoutBidiControls } from "~/utils/text";
import { asArray, email, text } from "./fields";

const optionalId = z
  .string()
  .max(40)
  .optional()
  .transform((v) => v || null);

/** The fields named after a role (`scope_focal_point`) are built from ROLES, so zod's type does not list them. */
const rowField = (row: object, name: string) => (row as Record<string, string | null | undefined>)[name];

/**
 * The role rows of the invite and edit forms (components/role-fields.tsx):
 * `role` checked once per role, `scope_<role>` (a country id, or empty) and
 * `label_<role>`. Whether a country exists is the model's to say. Used as it
 * is for an administrator's edit of a person's roles.
 */
export const RolesSchema = z
  .object({
    role: z.preprocess(asArray, z.array(z.string())),
    ...Object.fromEntries(ROLES.filter(roleTakesCountry).map((role) => [`scope_${role}`, optionalId])),
    ...Object.fromEntries(ROLES.map((role) => [`label_${role}`, z.string().max(200).optional()])),
  })
  .superRefine((v, ctx) => {
    const scope = (role: Role) => rowField(v, `scope_${role}`);
    if (v.role.length === 0) ctx.addIssue({ code: "custom", path: ["role"], message: "admin:invite.noRole" });
    if (v.role.some((r) => !(ROLES as readonly string[]).includes(r)))
      ctx.addIssue({ code: "custom", path: ["role"], message: "common:validation.invalidChoice" });
    for (const role of COUNTRY_SCOPED_ROLES)
      if (v.role.includes(role) && !scope(role))
        ctx.addIssue({ code: "custom", path: [`scope_${role}`], message: "admin:invite.countryRequired" });
  })
  .transform((v) => ({
    roles: ROLES.filter((role) => v.role.includes(role)).map((role: Role) => ({
      role,
      countryId: (roleTakesCountry(role) && rowField(v, `scope_${role}`)) || null,
      label:
        withoutBidiControls(rowField(v, `label_${role}`) ?? "")
          .trim()
          .slice(0, 60) || null,
    })),
  }));

/**
 * Inviting a person: who they are, in which language to write to them, and
 * their roles. The two halves are checked side by side, so every mistake shows
 * at once.
 */
export const InviteSchema = z
  .object({
    email: email(),
    name: text(120),
    organisationId: optionalId,
    countryId: optionalId,
    locale: z.enum(LOCALES),
  })
  .and(RolesSchema);

/** Enabling or disabling an account: its button is all there is; the model may still refuse (not oneself). */
export const StatusSchema = z.object({ intent: z.enum(["disable", "enable"]) });
