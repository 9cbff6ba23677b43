import { db } from "~/utils/db.server";

export async function checkDatabase(): Promise<{ ok: boolean; countries?: number; error?: string }> {
  try {
    const countries = await db.country.count();
    return { ok: true, countries };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
