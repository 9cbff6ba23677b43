import { describe, expect, it } from "vitest";
import { getCountryProfile, listCountriesOverview } from "~/models/country.server";
import { listPeople, PEOPLE_PER_PAGE } from "~/models/directory.server";
import { listOrganisations } from "~/models/organisation.server";
import { listParticipants, searchDirectoryForParticipants } from "~/models/participant.server";
import { listUsers } from "~/models/user.server";
import { action as editCountryAction, loader as editCountryLoader } from "~/routes/_app+/countries+/$code.edit";
import { loader as countryLoader } from "~/routes/_app+/countries+/$code._index";
import { action as editOrganisationAction } from "~/routes/_app+/organisations+/$organisationId.edit";
import { action as newOrganisationAction, loader as newOrganisationLoader } from "~/routes/_app+/organisations+/new";
import { loader as peopleLoader } from "~/routes/_app+/people+/_index";
import { loader as personLoader } from "~/routes/_app+/people+/$personId";
import { db } from "~/utils/db.server";
import { fieldErrorsOf } from "../support/forms";
import { demo } from "../support/people";
import { requestAs, routeContext as context, signedIn } from "../support/requests";

const actor = async (email: string) => (await signedIn(email)).user;
async function country(code: string) {
  return db.country.findUniqueOrThrow({ where: { code } });
}
const names = (people: { name: string }[]) => people.map((p) => p.name);

describe("the countries", () => {
  it("list the ten Member States with their focal points, and plan progress only where the person may read plans", async () => {
    const overview = await listCountriesOverview(await actor(demo.focalPoint("KH")));
    expect(overview.map((c) => c.code)).toHaveLength(10);
    expect(names(overview.find((c) => c.code === "VN")!.focalPoints)).toEqual(["Nguyen Thi Lan Anh"]);
    const kh = overview.find((c) => c.code === "KH")!;
    expect(kh.currentPlan).toMatchObject({ title: "MRS action plan 2025-2027" });
    expect(kh.milestones!.total).toBeGreaterThan(0);
    for (const c of overview.filter((c) => c.code !== "KH")) {
      expect(c.currentPlan).toBeUndefined();
      expect(c.milestones).toBeUndefined();
    }
  });

  it("open by code in either case, with focal points, task force and organisations; plans only for readers", async () => {
    const asKh = await getCountryProfile("vn", await actor(demo.focalPoint("KH")));
    expect(asKh!.code).toBe("VN");
    expect(asKh!.roles.map((r) => [r.role, r.user.name])).toEqual(
      expect.arrayContaining([
        ["focal_point", "Nguyen Thi Lan Anh"],
        ["task_force", "Tran Quoc Minh"],
      ]),
    );
    expect(asKh!.organisations.map((o) => o.name)).toContain("Ministry of Labour, Invalids and Social Affairs");
    expect(asKh!.plans).toBeNull();
    expect(asKh!.milestones).toBeNull();

    const asVn = await getCountryProfile("VN", await actor(demo.focalPoint("VN")));
    expect(asVn!.plans!.length).toBeGreaterThan(0);
    expect(asVn!.milestones!.total).toBeGreaterThan(0);
  });

  it("answer 404, never 500, for unknown or malformed codes", async () => {
    for (const code of ["zz", "v1", "vnm", "%27%3B"]) {
      await expect(
        countryLoader({
          request: await requestAs(demo.focalPoint("VN"), `/countries/${code}`),
          params: { code: decodeURIComponent(code) },
          context,
        }),
      ).rejects.toMatchObject({
        status: 404,
      });
    }
  });
});

describe("editing a country profile", () => {
  const form = { overview: "Written by someone from another country.", nqfName: "Changed" };

  it("is refused to people of another country, on the page and on a posted form, and writes nothing", async () => {
    const vn = await country("VN");
    const auditsBefore = await db.auditEvent.count();
    for (const email of [demo.focalPoint("KH"), demo.taskForce("KH"), demo.secretariat, demo.observer]) {
      await expect(
        editCountryLoader({ request: await requestAs(email, "/countries/vn/edit"), params: { code: "vn" }, context }),
      ).rejects.toMatchObject({ status: 403 });
      await expect(
        editCountryAction({
          request: await requestAs(email, "/countries/vn/edit", form),
          params: { code: "vn" },
          context,
        }),
      ).rejects.toMatchObject({ status: 403 });
    }
    expect(await country("VN")).toEqual(vn);
    expect(await db.auditEvent.count()).toBe(auditsBefore);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const vn = await country("VN");
    const auditsBefore = await db.auditEvent.count();
    const result = (await editCountryAction({
      request: await requestAs(demo.focalPoint("VN"), "/countries/vn/edit", {
        overview: "x".repeat(8001),
        nqfName: "y".repeat(201),
      }),
      params: { code: "vn" },
      context,
    })) as unknown as { init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(result)).sort()).toEqual(["nqfName", "overview"]);
    expect(await country("VN")).toEqual(vn);
    expect(await db.auditEvent.count()).toBe(auditsBefore);
  });

  it("saves the country's own task-force member's changes, with an audit row", async () => {
    const response = (await editCountryAction({
      request: await requestAs(demo.taskForce("VN"), "/countries/vn/edit", {
        overview: "  The VQF was adopted in 2016.  ",
        nqfName: "Viet Nam Qualifications Framework (VQF)",
      }),
      params: { code: "vn" },
      context,
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/countries/vn");
    const vn = await country("VN");
    expect(vn).toMatchObject({
      overview: "The VQF was adopted in 2016.",
      nqfName: "Viet Nam Qualifications Framework (VQF)",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "country.update", entityId: vn.id },
      orderBy: { createdAt: "desc" },
      include: { actor: true },
    });
    expect(audit.actor!.email).toBe(demo.taskForce("VN"));
    expect(audit.countryId).toBe(vn.id);
  });
});

describe("the people directory", () => {
  it("searches by name, e-mail and organisation, in any letter case", async () => {
    expect(names((await listPeople({ query: "sokha" })).people)).toEqual(["Sokha Chenda"]);
    expect(names((await listPeople({ query: "FP.TH@" })).people)).toEqual(["Siriporn Chaiyasit"]);
    expect(names((await listPeople({ query: "TESDA" })).people).sort()).toEqual([
      "Maria Luz Dizon",
      "Paolo Reyes Castillo",
    ]);
    expect((await listPeople({ query: "nobody by this name" })).total).toBe(0);
  });

  it("finds Nguyễn Thị Hương as huong or Nguyen in every list of people, accents and case aside", async () => {
    const fp = await db.user.update({
      where: { email: demo.focalPoint("VN") },
      data: { name: "Nguyễn Thị Hương" },
      include: { country: true },
    });
    await db.organisation.update({ where: { id: fp.organisationId! }, data: { name: "Bộ Lao động - Thương binh" } });
    const found = (people: { name: string }[]) => people.some((p) => p.name === "Nguyễn Thị Hương");
    for (const query of ["huong", "Nguyen", "NGUYỄN THỊ", "huong nguyen", "thuong binh"]) {
      expect(found((await listPeople({ query })).people), `directory: ${query}`).toBe(true);
      const workshop = await db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } });
      expect(found(await searchDirectoryForParticipants(workshop.id, query)), `picker: ${query}`).toBe(true);
    }
    // The administrators' list searches name and e-mail only.
    for (const query of ["huong", "Nguyen", "fp.vn@"])
      expect(found((await listUsers({ query })).users), query).toBe(true);
    expect(found((await listUsers({ query: "thuong binh" })).users)).toBe(false);
    expect((await listPeople({ query: "huong hung" })).total).toBe(0);

    // A workshop's participant list, for its facilitators and for readers.
    const workshop = await db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } });
    await db.participant.create({
      data: {
        workshopId: workshop.id,
        name: "Đặng Văn Đức",
        category: "task_force",
        registrationStatus: "registered",
        organisationName: "Tổng cục Giáo dục nghề nghiệp",
        badgeToken: "t-dang-van-duc",
      },
    });
    for (const seesContacts of [true, false])
      for (const query of ["dang van duc", "ĐẶNG", "tong cuc giao"])
        expect(
          (await listParticipants(workshop.id, { query }, { seesContacts })).map((p) => p.name),
          `${query} (${seesContacts})`,
        ).toEqual(["Đặng Văn Đức"]);
  });

  it("pages a searched list as it pages the whole one", async () => {
    const many = PEOPLE_PER_PAGE + 5;
    await db.user.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        name: `Phạm Thị Mai ${String(i + 1).padStart(2, "0")}`,
        email: `mai.${i + 1}@example.test`,
      })),
    });
    const first = await listPeople({ query: "pham thi mai" });
    const second = await listPeople({ query: "pham thi mai", page: 2 });
    expect([first.total, first.pages, second.pages]).toEqual([many, 2, 2]);
    expect(names(first.people)).toEqual(
      Array.from({ length: PEOPLE_PER_PAGE }, (_, i) => `Phạm Thị Mai ${String(i + 1).padStart(2, "0")}`),
    );
    expect(names(second.people)).toEqual(["31", "32", "33", "34", "35"].map((n) => `Phạm Thị Mai ${n}`));
    await db.user.deleteMany({ where: { email: { endsWith: "@example.test", startsWith: "mai." } } });
  });

  it("filters by country, role and organisation kind, together", async () => {
    const th = await country("TH");
    // Thailand's own people and the ILO and IOM staff based there.
    expect(names((await listPeople({ countryId: th.id })).people)).toEqual(
      expect.arrayContaining(["Anan Boonmee", "Siriporn Chaiyasit", "Somchai Rattanakul"]),
    );
    expect(names((await listPeople({ countryId: th.id, role: "task_force" })).people)).toEqual(["Anan Boonmee"]);
    expect((await listPeople({ role: "focal_point" })).total).toBe(10);
    expect(names((await listPeople({ kind: "ilo" })).people)).toEqual(["Somchai Rattanakul"]);
    expect((await listPeople({ kind: "ministry", role: "focal_point" })).total).toBe(10);
  });

  it("pages through long lists without repeating anyone", async () => {
    const before = await listPeople({});
    const extra = PEOPLE_PER_PAGE + 5 - before.total;
    for (let i = 0; i < extra; i++) {
      await db.user.create({
        data: {
          email: `paging.${i}@focalpoint.test`,
          name: `Paging Person ${String(i).padStart(2, "0")}`,
          status: "invited",
        },
      });
    }
    const first = await listPeople({ page: 1 });
    const second = await listPeople({ page: 2 });
    expect(first).toMatchObject({ total: PEOPLE_PER_PAGE + 5, pages: 2, page: 1 });
    expect(first.people).toHaveLength(PEOPLE_PER_PAGE);
    expect(second.people).toHaveLength(5);
    expect(new Set([...first.people, ...second.people].map((p) => p.id)).size).toBe(PEOPLE_PER_PAGE + 5);
    expect((await listPeople({ page: 99 })).people).toEqual([]);
    await db.user.deleteMany({ where: { email: { startsWith: "paging." } } });
  });

  it("marks invited people and hides disabled people from everyone but administrators", async () => {
    const invited = await db.user.create({
      data: { email: "invited.person@focalpoint.test", name: "Invited Person", status: "invited" },
    });
    const disabled = await db.user.create({
      data: { email: "gone.person@focalpoint.test", name: "Gone Person", status: "disabled" },
    });

    expect((await listPeople({ query: "Invited Person" })).people).toEqual([
      expect.objectContaining({ status: "invited" }),
    ]);
    expect((await listPeople({ query: "Gone Person" })).total).toBe(0);
    expect((await listPeople({ query: "Gone Person", includeDisabled: true })).total).toBe(1);

    const asFocalPoint = (await peopleLoader({
      request: await requestAs(demo.focalPoint("VN"), "/people?q=Gone"),
      params: {},
      context,
    })) as { total: number };
    expect(asFocalPoint.total).toBe(0);
    const asAdmin = (await peopleLoader({
      request: await requestAs(demo.admin, "/people?q=Gone"),
      params: {},
      context,
    })) as { total: number };
    expect(asAdmin.total).toBe(1);

    await expect(
      personLoader({
        request: await requestAs(demo.focalPoint("VN"), `/people/${disabled.id}`),
        params: { personId: disabled.id },
        context,
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      await personLoader({
        request: await requestAs(demo.admin, `/people/${disabled.id}`),
        params: { personId: disabled.id },
        context,
      }),
    ).toMatchObject({
      person: { name: "Gone Person" },
    });
    expect(
      await personLoader({
        request: await requestAs(demo.focalPoint("VN"), `/people/${invited.id}`),
        params: { personId: invited.id },
        context,
      }),
    ).toMatchObject({
      person: { status: "invited" },
    });
    await db.user.deleteMany({ where: { id: { in: [invited.id, disabled.id] } } });
  });

  it("ignores malformed filters in the address rather than failing", async () => {
    const result = (await peopleLoader({
      request: await requestAs(
        demo.focalPoint("VN"),
        "/people?page=abc&role=emperor&kind=%00&country=VN'--&q=" + "a".repeat(500),
      ),
      params: {},
      context,
    })) as { total: number; page: number; filters: Record<string, unknown> };
    expect(result.page).toBe(1);
    expect(result.filters).toEqual({ page: 1 });
    expect(result.total).toBe((await listPeople({})).total);
    await expect(
      personLoader({
        request: await requestAs(demo.focalPoint("VN"), "/people/..%2Fadmin"),
        params: { personId: "../admin" },
        context,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("organisations", () => {
  const newOrganisation = {
    name: "Lao National Chamber of Commerce and Industry",
    acronym: "LNCCI",
    kind: "employers",
    website: "https://www.lncci.la",
  };

  it("list by kind and country; regional ones have no country", async () => {
    expect((await listOrganisations({ kind: "ministry" })).map((o) => o.country!.code).sort()).toEqual([
      "BN",
      "ID",
      "KH",
      "LA",
      "MM",
      "MY",
      "PH",
      "SG",
      "TH",
      "VN",
    ]);
    const th = await country("TH");
    expect((await listOrganisations({ countryId: th.id })).map((o) => o.acronym)).toEqual(
      expect.arrayContaining(["ILO", "IOM", "DSD"]),
    );
    const regional = await listOrganisations({ countryId: null });
    expect(regional.length).toBeGreaterThan(0);
    for (const o of regional) expect(o.country).toBeNull();
  });

  it("can be added only by administrators; refusals write nothing", async () => {
    const la = await country("LA");
    const before = await db.organisation.count();
    for (const email of [demo.secretariat, demo.focalPoint("LA")]) {
      await expect(
        newOrganisationLoader({ request: await requestAs(email, "/organisations/new"), params: {}, context }),
      ).rejects.toMatchObject({ status: 403 });
      await expect(
        newOrganisationAction({
          request: await requestAs(email, "/organisations/new", { ...newOrganisation, countryId: la.id }),
          params: {},
          context,
        }),
      ).rejects.toMatchObject({ status: 403 });
    }
    const someOrganisation = await db.organisation.findFirstOrThrow({ where: { acronym: "TESDA" } });
    await expect(
      editOrganisationAction({
        request: await requestAs(demo.focalPoint("PH"), `/organisations/${someOrganisation.id}/edit`, {
          ...newOrganisation,
          countryId: la.id,
        }),
        params: { organisationId: someOrganisation.id },
        context,
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await db.organisation.count()).toBe(before);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: someOrganisation.id } })).toEqual(someOrganisation);
  });

  it("are added with an audit row; a duplicate name in the same country is a field error, elsewhere it is fine", async () => {
    const la = await country("LA");
    const kh = await country("KH");
    const created = (await newOrganisationAction({
      request: await requestAs(demo.admin, "/organisations/new", { ...newOrganisation, countryId: la.id }),
      params: {},
      context,
    })) as Response;
    expect(created.status).toBe(302);
    const organisation = await db.organisation.findFirstOrThrow({
      where: { name: newOrganisation.name, countryId: la.id },
    });
    expect(created.headers.get("Location")).toBe(`/organisations/${organisation.id}`);
    expect(organisation).toMatchObject({ acronym: "LNCCI", kind: "employers", website: "https://www.lncci.la" });
    expect(await db.auditEvent.count({ where: { action: "organisation.create", entityId: organisation.id } })).toBe(1);

    const before = await db.organisation.count();
    const duplicate = (await newOrganisationAction({
      request: await requestAs(demo.admin, "/organisations/new", {
        ...newOrganisation,
        name: "  Lao National Chamber of Commerce and Industry ",
        countryId: la.id,
      }),
      params: {},
      context,
    })) as unknown as { init: { status: number } };
    expect(duplicate.init.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(duplicate))).toEqual(["name"]);
    expect(await db.organisation.count()).toBe(before);

    const elsewhere = (await newOrganisationAction({
      request: await requestAs(demo.admin, "/organisations/new", { ...newOrganisation, countryId: kh.id }),
      params: {},
      context,
    })) as Response;
    expect(elsewhere.status).toBe(302);
  });

  it("refuse a second regional organisation of the same name, and renaming onto another's name", async () => {
    const regional = (await listOrganisations({ countryId: null }))[0]!;
    const before = await db.organisation.count();
    const again = (await newOrganisationAction({
      request: await requestAs(demo.admin, "/organisations/new", { name: regional.name, kind: "donor" }),
      params: {},
      context,
    })) as unknown as {
      init: { status: number };
    };
    expect(again.init.status).toBe(400);
    expect(await db.organisation.count()).toBe(before);

    const tesda = await db.organisation.findFirstOrThrow({ where: { acronym: "TESDA" } });
    const employersPh = await db.organisation.findFirstOrThrow({
      where: { kind: "employers", country: { code: "PH" } },
    });
    const rename = (await editOrganisationAction({
      request: await requestAs(demo.admin, `/organisations/${employersPh.id}/edit`, {
        name: tesda.name,
        kind: "employers",
        countryId: employersPh.countryId!,
      }),
      params: { organisationId: employersPh.id },
      context,
    })) as unknown as { init: { status: number } };
    expect(rename.init.status).toBe(400);
    expect(fieldErrorsOf(rename).name).toBeTruthy();
    expect(await db.organisation.findUniqueOrThrow({ where: { id: employersPh.id } })).toEqual(employersPh);
  });

  it("refuse bad input field by field and write nothing", async () => {
    const before = await db.organisation.count();
    const auditsBefore = await db.auditEvent.count();
    const result = (await newOrganisationAction({
      request: await requestAs(demo.admin, "/organisations/new", {
        name: "",
        kind: "cartel",
        countryId: "",
        website: "not a site",
      }),
      params: {},
      context,
    })) as unknown as { init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(result)).sort()).toEqual(["kind", "name", "website"]);

    const unknownCountry = (await newOrganisationAction({
      request: await requestAs(demo.admin, "/organisations/new", {
        name: "Somewhere Institute",
        kind: "training_institution",
        countryId: "doesnotexist000",
      }),
      params: {},
      context,
    })) as unknown as { init: { status: number } };
    expect(unknownCountry.init.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(unknownCountry))).toEqual(["countryId"]);

    expect(await db.organisation.count()).toBe(before);
    expect(await db.auditEvent.count()).toBe(auditsBefore);
  });
});
