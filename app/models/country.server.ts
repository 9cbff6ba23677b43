import { db } from "~/utils/db.server";

export function listCountries() {
  return db.country.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } });
}

export async function countryIdSet() {
  return new Set((await listCountries()).map((c) => c.id));
}
