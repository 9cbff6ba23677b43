import type { Prisma } from "~/utils/db.server";
import { db } from "~/utils/db.server";
import type { OrganisationKind, Role } from "~/domain/vocabulary";

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
  const query = filter.query?.trim();
  const where: Prisma.UserWhereInput = {
    status: filter.includeDisabled ? undefined : { not: "disabled" },
    AND: [
      query
        ? {
            OR: [
              { name: { contains: query } },
              { email: { contains: query.toLowerCase() } },
              { organisation: { name: { contains: query } } },
              { organisation: { acronym: { contains: query } } },
            ],
          }
        : {},
      filter.countryId
        ? { OR: [{ countryId: filter.countryId }, { roles: { some: { countryId: filter.countryId } } }] }
        : {},
      filter.role ? { roles: { some: { role: filter.role } } } : {},
      filter.kind ? { organisation: { kind: filter.kind } } : {},
    ],
  };
  const [total, people] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (page - 1) * PEOPLE_PER_PAGE,
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
    }),
  ]);
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
