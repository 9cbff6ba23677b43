import type { Prisma } from "~/utils/db.server";
import { db } from "~/utils/db.server";
import type { OrganisationKind, Role } from "~/domain/vocabulary";
import { pageOfUsers } from "./people-search.server";

/** The people directory: everyone with an account or an invitation, searchable. */

export const PEOPLE_PER_PAGE = 30;
export type PeopleFilter = {
  query?: string;
  countryId?: string;
  role?: Role;
  kind?: OrganisationKind;
  page?: number;
  includeDisabled?: boolean;
};

export async function listPeople(filter: PeopleFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const base: Prisma.UserWhereInput = {
    status: filter.includeDisabled ? undefined : { not: "disabled" },
    AND: [
      filter.countryId
        ? { OR: [{ countryId: filter.countryId }, { roles: { some: { countryId: filter.countryId } } }] }
        : {},
      filter.role ? { roles: { some: { role: filter.role } } } : {},
      filter.kind ? { organisation: { kind: filter.kind } } : {},
    ],
  };
  const { where, skip, total } = await pageOfUsers(
    base,
    filter.query,
    { page, perPage: PEOPLE_PER_PAGE },
    { organisation: true },
  );
  const people = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip,
    take: PEOPLE_PER_PAGE,
    select: {
      id: true,
      name: true,
      position: true,
      status: true,
      country: { select: { code: true, name: true } },
      organisation: { select: { id: true, name: true, acronym: true } },
      roles: { select: { role: true, country: { select: { code: true } } } },
    },
  });
  return { people, total, page, pages: Math.max(1, Math.ceil(total / PEOPLE_PER_PAGE)) };
}

export function getPerson(id: string) {
  return db.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      position: true,
      status: true,
      country: { select: { code: true, name: true } },
      organisation: { select: { id: true, name: true, acronym: true } },
      roles: { select: { role: true, label: true, country: { select: { code: true, name: true } } } },
    },
  });
}
