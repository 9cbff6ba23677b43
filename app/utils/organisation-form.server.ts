import { data } from "@remix-run/node";
import { z } from "zod";
import type { Translate } from "~/i18n/types";
import { countryIdSet } from "~/models/country.server";
import { DuplicateOrganisationError, type OrganisationInput } from "~/models/organisation.server";
import { ORGANISATION_KINDS } from "~/domain/vocabulary";
import { text } from "~/forms/fields";
import { parseForm } from "~/forms/submission.server";

const OrganisationFormSchema = z.object({
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

/** Parse and save the organisation form, returning field errors (400) or nothing. */
export async function saveOrganisationForm(
  request: Request,
  t: Translate,
  save: (input: OrganisationInput) => Promise<unknown>,
) {
  const formData = await request.formData();
  const form = await parseForm(request, OrganisationFormSchema, formData);
  const values = Object.fromEntries(formData) as Record<string, string>;
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, values }, { status: 400 });
  if (form.data.countryId && !(await countryIdSet()).has(form.data.countryId)) {
    return data({ fieldErrors: { countryId: t("validation.invalidChoice") }, values }, { status: 400 });
  }
  try {
    await save(form.data);
  } catch (error) {
    if (error instanceof DuplicateOrganisationError) {
      return data({ fieldErrors: { name: t("directory:organisations.duplicate") }, values }, { status: 400 });
    }
    throw error;
  }
  return null;
}
