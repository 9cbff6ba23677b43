import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import type { OrganisationKind } from "~/domain/vocabulary";
import { changedFields, recordAudit } from "./audit.server";

export type OrganisationInput = {
  name: string;
  acronym: string | null;
  kind: OrganisationKind;
  countryId: string | null;
  website: string | null;
};

export class DuplicateOrganisationError extends Error {}

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

async function assertUniqueName(input: OrganisationInput, exceptId?: string) {
  // SQL treats NULL countries as distinct, so the regional case is checked here too.
  const clash = await db.organisation.findFirst({
    where: { name: input.name, countryId: input.countryId, id: exceptId ? { not: exceptId } : undefined },
  });
  if (clash) throw new DuplicateOrganisationError();
}

export async function createOrganisation(input: OrganisationInput, actorId: string, requestId?: string) {
  await assertUniqueName(input);
  const organisation = await db.$transaction(async (tx) => {
    const created = await tx.organisation.create({ data: input });
    await recordAudit(tx, {
      actorId,
      action: "organisation.create",
      entityType: "organisation",
      entityId: created.id,
      countryId: input.countryId,
      summary: `Organisation ${input.name} added`,
      requestId,
    });
    return created;
  });
  await emit({ type: "organisation.changed", organisationId: organisation.id });
  return organisation;
}

export async function updateOrganisation(id: string, input: OrganisationInput, actorId: string, requestId?: string) {
  await assertUniqueName(input, id);
  await db.$transaction(async (tx) => {
    const before = await tx.organisation.findUniqueOrThrow({ where: { id } });
    await tx.organisation.update({ where: { id }, data: input });
    await recordAudit(tx, {
      actorId,
      action: "organisation.update",
      entityType: "organisation",
      entityId: id,
      countryId: input.countryId,
      summary: `Organisation ${input.name} updated`,
      changes: changedFields(before, input),
      requestId,
    });
  });
  await emit({ type: "organisation.changed", organisationId: id });
}
