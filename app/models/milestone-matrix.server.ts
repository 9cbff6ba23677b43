/**
 * The milestone matrix page's query: each readable country's priority sectors
 * against the MRS stages, and its country-level milestones.
 */
import type { Actor } from "~/auth/permissions";
import { milestoneOverdue } from "~/domain/overdue";
import { db } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { readableCountryFilter } from "./country-scope.server";

/** Lower-case ISO country codes and sector codes, as the URL gives them; an empty list means all. */
export type MatrixFilter = { countryCodes?: string[]; sectorCodes?: string[] };

/**
 * The country × sector pipeline: one row per priority sector of each readable
 * country, one cell per MRS stage; and each country's country-level milestones.
 * A country the person may not read stays out whatever the filter names.
 */
export async function milestoneMatrix(actor: Actor, filter: MatrixFilter = {}) {
  const today = overdueToday();
  const readable = readableCountryFilter(actor);
  const countryCodes = filter.countryCodes?.length ? filter.countryCodes.map((c) => c.toUpperCase()) : null;
  const sectorCodes = filter.sectorCodes?.length ? filter.sectorCodes : null;
  const [stages, milestones] = await Promise.all([
    db.milestoneStage.findMany({ orderBy: { sortOrder: "asc" } }),
    db.milestone.findMany({
      where: {
        countryId: readable,
        ...(countryCodes ? { country: { code: { in: countryCodes } } } : {}),
        ...(sectorCodes ? { sector: { code: { in: sectorCodes } } } : {}),
      },
      select: {
        id: true,
        status: true,
        targetOn: true,
        achievedOn: true,
        stageCode: true,
        sectorId: true,
        aqrfLevel: true,
        country: { select: { id: true, code: true, name: true, sortOrder: true } },
        sector: { select: { code: true, name: true, sortOrder: true } },
      },
    }),
  ]);
  type Cell = {
    id: string;
    status: string;
    overdue: boolean;
    targetOn: string | null;
    achievedOn: string | null;
    aqrfLevel: number | null;
  };
  const rows = new Map<
    string,
    {
      key: string;
      country: { code: string; name: string };
      sector: { code: string; name: string } | null;
      order: number[];
      cells: Record<string, Cell>;
    }
  >();
  for (const m of milestones) {
    const key = `${m.country.code}:${m.sectorId ?? "country"}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        country: { code: m.country.code, name: m.country.name },
        sector: m.sector ? { code: m.sector.code, name: m.sector.name } : null,
        order: [m.country.sortOrder, m.sector?.sortOrder ?? -1],
        cells: {},
      };
      rows.set(key, row);
    }
    row.cells[m.stageCode] = {
      id: m.id,
      status: m.status,
      overdue: milestoneOverdue(m, today),
      targetOn: m.targetOn,
      achievedOn: m.achievedOn,
      aqrfLevel: m.aqrfLevel,
    };
  }
  const sorted = [...rows.values()].sort((a, b) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]!);
  return {
    sectorStages: stages.filter((s) => s.scope === "sector"),
    countryStages: stages.filter((s) => s.scope === "country"),
    sectorRows: sorted.filter((r) => r.sector !== null),
    countryRows: sectorCodes ? [] : sorted.filter((r) => r.sector === null),
  };
}

export function listSectors() {
  return db.sector.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } });
}
