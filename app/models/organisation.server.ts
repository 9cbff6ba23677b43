import { activityMessage } from "~/i18n/activity";
import type { z } from "zod";
import { InputRefused } from "~/domain/input-refused";
import type { OrganisationKind } from "~/domain/vocabulary";
import { emit } from "~/events.server";
import type { OrganisationSchema } from "~/forms/organisation";
import { db } from "~/utils/db.server";
import { countryIdSet } from "./country.server";
import { changedFields, recordAudit } from "./audit.server";

export type OrganisationInput = z.output<typeof OrganisationSchema>;

/** `countryId: null` lists the regional and international organisations, which belong to no country. */
export function listOrganisations(filter: { kind?: OrganisationKind; countryId?: string | null } = {}) {
  return db.organisation.findMany({
    where: { kind: filter.kind, countryId: filter.countryId },
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      name: true,
      acronym: true,
      kind: true,
      website: true,
      country: { select: { code: true, name: true } },
      _count: { select: { people: true } },
    },
  });
}

/** Every organisation as a choice in a form. */
export function listOrganisationOptions() {
  return db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, acronym: true } });
}

export function getOrganisation(id: string) {
  return db.organisation.findUnique({
    where: { id },
    include: {
      country: { select: { code: true, name: true } },
      people: {
        where: { status: { not: "disabled" } },
        orderBy: { name: "asc" },
        select: { id: true, name: true, position: true },
      },
    },
  });
}

/** Refuses (InputRefused) a country that does not exist and a name the country (or the region) already has. */
async function checkOrganisation(input: OrganisationInput, exceptId?: string) {
  if (input.countryId && !(await countryIdSet()).has(input.countryId))
    throw new InputRefused("countryId", "validation.invalidChoice");
  // SQL treats NULL countries as distinct, so the regional case is checked here too.
  const clash = await db.organisation.findFirst({
    where: { name: input.name, countryId: input.countryId, id: exceptId ? { not: exceptId } : undefined },
  });
  if (clash) throw new InputRefused("name", "directory:organisations.duplicate");
}

export async function createOrganisation(input: OrganisationInput, actorId: string, requestId?: string) {
  await checkOrganisation(input);
  const organisation = await db.$transaction(async (tx) => {
    const created = await tx.organisation.create({ data: input });
    await recordAudit(tx, {
      actorId,
      action: "organisation.create",
      entityType: "organisation",
      entityId: created.id,
      countryId: input.countryId,
      message: activityMessage("organisationAdded", { name: input.name }),
      requestId,
    });
    return created;
  });
  await emit({ type: "organisation.changed", organisationId: organisation.id });
  return organisation;
}

export async function updateOrganisation(id: string, input: OrganisationInput, actorId: string, requestId?: string) {
  await checkOrganisation(input, id);
  await db.$transaction(async (tx) => {
    const before = await tx.organisation.findUniqueOrThrow({ where: { id } });
    await tx.organisation.update({ where: { id }, data: input });
    await recordAudit(tx, {
      actorId,
      action: "organisation.update",
      entityType: "organisation",
      entityId: id,
      countryId: input.countryId,
      message: activityMessage("organisationUpdated", { name: input.name }),
      changes: changedFields(before, input),
      requestId,
    });
  });
  await emit({ type: "organisation.changed", organisationId: id });
}
