/**
 * Searching people's accounts without regard to accents or case (decision 015):
 * the database narrows by every other filter, the domain's one normalising
 * function decides which names match, and only the page shown is read in full.
 */
import { matchesSearch } from "~/domain/search";
import { db, type Prisma } from "~/utils/db.server";

type SearchedFields = { organisation: boolean };

/** The ids of the people under `where` whose name, e-mail (or organisation) match the query, in name order. */
export async function usersMatching(where: Prisma.UserWhereInput, query: string, fields: SearchedFields) {
  const rows = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true, organisation: { select: { name: true, acronym: true } } },
  });
  return rows
    .filter((u) =>
      matchesSearch(query, [
        u.name,
        u.email,
        ...(fields.organisation ? [u.organisation?.name, u.organisation?.acronym] : []),
      ]),
    )
    .map((u) => u.id);
}

/**
 * One page of a list of people, searched or not: the `where` and `skip` to read
 * it with, and how many there are in all.
 */
export async function pageOfUsers(
  base: Prisma.UserWhereInput,
  query: string | undefined,
  page: { page: number; perPage: number },
  fields: SearchedFields,
) {
  const skip = (page.page - 1) * page.perPage;
  if (!query?.trim()) return { where: base, skip, total: await db.user.count({ where: base }) };
  const ids = await usersMatching(base, query, fields);
  return { where: { id: { in: ids.slice(skip, skip + page.perPage) } }, skip: 0, total: ids.length };
}
