/**
 * What the real-time layer looks up before letting someone follow a topic: that
 * the country, plan or workshop it names exists, and which country it belongs to.
 */
import { db } from "~/utils/db.server";

/** The country's id when it exists, else null. */
export async function existingCountryId(id: string): Promise<string | null> {
  return (await db.country.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
}

/** The country a plan belongs to, or null when there is no such plan. */
export async function countryOfPlan(planId: string): Promise<string | null> {
  return (await db.actionPlan.findUnique({ where: { id: planId }, select: { countryId: true } }))?.countryId ?? null;
}

export async function workshopExists(id: string): Promise<boolean> {
  return (await db.workshop.count({ where: { id } })) > 0;
}
