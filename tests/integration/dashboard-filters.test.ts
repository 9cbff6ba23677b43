import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { filteredCountryCodes, parseDashboardFilters, type DashboardFilters } from "~/forms/dashboard-filters";
import { dashboardData, dashboardReferenceData } from "~/models/dashboard.server";
import { loader as dashboardLoader } from "~/routes/_app+/dashboard+/_index";
import { loader as milestonesCsv } from "~/routes/_app+/dashboard+/milestones[.]csv";
import { loader as milestonesPage } from "~/routes/_app+/milestones+/_index";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { signedIn } from "../support/requests";

const TODAY = "2026-11-23";

async function parse(query: string) {
  return parseDashboardFilters(new URL(`http://localhost/dashboard${query}`), await dashboardReferenceData());
}

/** What a loader answers for a path: the thrown redirect or the response. */
async function answer(
  loader: (args: LoaderFunctionArgs) => Promise<unknown>,
  path: string,
  cookie: string,
): Promise<Response> {
  try {
    const result = await loader({
      request: new Request(`http://localhost${path}`, { headers: { cookie, "accept-language": "en" } }),
      params: {},
      context: {} as never,
    });
    return result instanceof Response ? result : new Response(null, { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the filters a person types or shares", () => {
  it("read ISO country codes, sector and stage codes and status words, in any letter case", async () => {
    const { filters, unknown, redirectSearch } = await parse(
      "?country=kh&sector=welding&stage=national_standard&status=blocked",
    );
    expect(filters).toEqual<DashboardFilters>({
      country: ["kh"],
      sector: ["welding"],
      stage: ["national_standard"],
      status: ["blocked"],
    });
    expect(unknown).toEqual([]);
    expect(redirectSearch).toBeNull();
    expect((await parse("?country=KH&status=Blocked")).filters).toMatchObject({ country: ["kh"], status: ["blocked"] });
  });

  it("take several values as a comma list or a repeated parameter, and write them as one comma list", async () => {
    const listed = await parse("?country=kh,la&status=blocked,overdue");
    const repeated = await parse("?country=la&country=kh&status=overdue&status=blocked");
    expect(listed.filters).toEqual(repeated.filters);
    expect(listed.filters).toMatchObject({ country: ["kh", "la"], status: ["blocked", "overdue"] });
    expect(listed.redirectSearch).toBeNull();
    // The repeated form (what a form without JavaScript sends) answers with the one address of the view.
    expect(repeated.redirectSearch).toBe("?country=kh,la&status=blocked,overdue");
  });

  it("keep the parameters that are not filters, such as an export's separator", async () => {
    expect((await parse("?country=kh&separator=semicolon")).redirectSearch).toBeNull();
    expect((await parse("?separator=semicolon&country=KH")).redirectSearch).toBe("?country=kh&separator=semicolon");
  });

  it("know the country groups: CLMV and ASEAN-6 stand for their members, and a member inside a chosen group adds nothing", async () => {
    const clmv = await parse("?country=clmv");
    expect(clmv.filters.country).toEqual(["clmv"]);
    expect(filteredCountryCodes(clmv.filters)).toEqual(["kh", "la", "mm", "vn"]);
    expect(filteredCountryCodes((await parse("?country=asean-6")).filters)).toEqual([
      "bn",
      "id",
      "my",
      "ph",
      "sg",
      "th",
    ]);
    const overlapping = await parse("?country=kh,clmv,sg");
    expect(overlapping.filters.country).toEqual(["clmv", "sg"]);
    expect(overlapping.redirectSearch).toBe("?country=clmv,sg");

    const { user } = await signedIn(demo.secretariat);
    const data = await dashboardData(user, clmv.filters, TODAY);
    expect(data.countries.map((c) => c.code)).toEqual(["KH", "LA", "MM", "VN"]);
  });

  it("report what they do not understand instead of dropping it, and keep the rest", async () => {
    const { filters, unknown } = await parse("?country=xx,kh&sector=basket-weaving&status=late&since=2026-02-31");
    expect(filters).toEqual<DashboardFilters>({ country: ["kh"], sector: [], stage: [], status: [] });
    expect(unknown).toEqual([
      { key: "country", value: "xx" },
      { key: "sector", value: "basket-weaving" },
      { key: "status", value: "late" },
      { key: "since", value: "2026-02-31" },
    ]);
  });

  it("send an old link with internal ids to the same view's readable address, keeping what it did not understand", async () => {
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    const welding = await db.sector.findUniqueOrThrow({ where: { code: "welding" } });
    const old = await parse(`?country=${kh.id}&sector=${welding.id}&status=blocked&stage=nonsense`);
    expect(old.filters).toMatchObject({ country: ["kh"], sector: ["welding"], status: ["blocked"] });
    expect(old.redirectSearch).toBe("?country=kh&sector=welding&status=blocked&stage=nonsense");
    // An id that names nothing is a value not understood, like any other.
    expect((await parse("?country=ckzzzzzzzzzzzzzzzzzzzzzzz")).unknown).toEqual([
      { key: "country", value: "ckzzzzzzzzzzzzzzzzzzzzzzz" },
    ]);

    const { cookie } = await signedIn(demo.secretariat);
    for (const [loader, path] of [
      [dashboardLoader, "/dashboard"],
      [milestonesCsv, "/dashboard/milestones.csv"],
      [milestonesPage, "/milestones"],
    ] as const) {
      const response = await answer(loader, `${path}?country=${kh.id}`, cookie);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toBe(`${path}?country=kh`);
    }
    expect((await answer(dashboardLoader, "/dashboard?country=kh", cookie)).status).toBe(200);
  });

  it("give the milestones page and the exports the same countries as the dashboard", async () => {
    const { cookie } = await signedIn(demo.secretariat);
    const csv = await answer(milestonesCsv, "/dashboard/milestones.csv?country=clmv&status=blocked", cookie);
    const codes = new Set(
      (await csv.text())
        .split("\n")
        .slice(1)
        .filter(Boolean)
        .map((line) => line.split(",")[0]),
    );
    expect([...codes].every((c) => ["KH", "LA", "MM", "VN"].includes(c!))).toBe(true);
    expect(codes.size).toBeGreaterThan(0);

    const page = (await milestonesPage({
      request: new Request("http://localhost/milestones?country=clmv&sector=welding", { headers: { cookie } }),
      params: {},
      context: {} as never,
    })) as Awaited<ReturnType<typeof milestonesPage>>;
    expect(page.unknown).toEqual([]);
    expect(page.matrix.sectorRows.length).toBeGreaterThan(0);
    for (const row of page.matrix.sectorRows) {
      expect(["KH", "LA", "MM", "VN"]).toContain(row.country.code);
      expect(row.sector?.name).toBe("Welding");
    }
  });
});
