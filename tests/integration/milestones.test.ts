import { describe, expect, it } from "vitest";
import { listMilestoneComments } from "~/models/milestone-comment.server";
import { ACTUAL_DATE_ZONE, milestoneHistory } from "~/models/milestone.server";
import { action as sectorsAction, loader as sectorsLoader } from "~/routes/_app+/countries+/$code.sectors";
import { action as editAction, loader as editLoader } from "~/routes/_app+/milestones+/$milestoneId.edit";
import { action as pageAction, loader as pageLoader } from "~/routes/_app+/milestones+/$milestoneId._index";
import { db } from "~/utils/db.server";
import { cookieFor, routeContext } from "../support/requests";
import { todayIn } from "~/utils/format";
import { demo } from "../support/people";

type Outcome = { status: number; data?: unknown; location?: string | null };
type RouteFunction = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof routeContext;
}) => Promise<unknown>;

/** Calls a route's loader or action as the person would, and reports the status and data it answered with. */
async function call(
  fn: RouteFunction,
  email: string,
  path: string,
  params: Record<string, string>,
  body?: Record<string, string> | FormData,
): Promise<Outcome> {
  const form = body instanceof FormData ? body : body ? new URLSearchParams(body) : undefined;
  const request = new Request(`http://localhost${path}`, {
    method: form ? "POST" : "GET",
    headers: { cookie: await cookieFor(email) },
    body: form,
  });
  try {
    const result = await fn({ request, params, context: routeContext });
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const wrapped = result as { data: unknown; init: { status?: number } | null };
      return { status: wrapped.init?.status ?? 200, data: wrapped.data };
    }
    return { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

/** The first message beside each field of a Conform reply ("form" for the form as a whole). */
const fieldErrors = (outcome: Outcome): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(
      (outcome.data as { result?: { error?: Record<string, string[] | null> } } | undefined)?.result?.error ?? {},
    ).map(([field, messages]) => [field || "form", messages?.[0]]),
  );

async function milestone(countryCode: string, stageCode: string, sectorCode: string | null) {
  return db.milestone.findFirstOrThrow({
    where: { country: { code: countryCode }, stageCode, sector: sectorCode ? { code: sectorCode } : null },
    include: { country: true },
  });
}

async function historyCount(milestoneId: string) {
  return db.auditEvent.count({ where: { entityType: "milestone", entityId: milestoneId } });
}

/** The values the edit form would send for a milestone as it stands, changed by `changes`. */
function formFor(
  m: Awaited<ReturnType<typeof milestone>>,
  changes: Record<string, string> = {},
): Record<string, string> {
  return {
    version: m.updatedAt.toISOString(),
    status: m.status,
    startedOn: m.startedOn ?? "",
    targetOn: m.targetOn ?? "",
    achievedOn: m.achievedOn ?? "",
    aqrfLevel: m.aqrfLevel ? String(m.aqrfLevel) : "",
    partnerCountryId: m.partnerCountryId ?? "",
    notes: m.notes,
    ...changes,
  };
}

function edit(email: string, m: { id: string }, body: Record<string, string>) {
  return call(editAction as RouteFunction, email, `/milestones/${m.id}/edit`, { milestoneId: m.id }, body);
}

function dayAfter(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe("the milestone rules", () => {
  const refusals: [string, (m: Awaited<ReturnType<typeof milestone>>) => Record<string, string>, string, string][] = [
    ["an unknown status", () => ({ status: "done" }), "status", "Choose one of the options."],
    ["a date that does not exist", () => ({ startedOn: "2026-02-31" }), "startedOn", "Enter a date as YYYY-MM-DD."],
    [
      "a target before the start",
      () => ({ startedOn: "2026-05-01", targetOn: "2026-04-30" }),
      "targetOn",
      "The target date must not be before the start date.",
    ],
    [
      "completed without an actual date",
      () => ({ status: "completed", achievedOn: "" }),
      "achievedOn",
      "A completed milestone needs its actual date.",
    ],
    [
      "an actual date on a milestone not completed",
      () => ({ status: "in_progress", achievedOn: "2025-01-10" }),
      "achievedOn",
      "Only a completed milestone has an actual date: clear it, or set the status to Completed.",
    ],
    [
      "an actual date in the future",
      () => ({ status: "completed", achievedOn: dayAfter(todayIn(ACTUAL_DATE_ZONE), 1) }),
      "achievedOn",
      "The actual date cannot be in the future.",
    ],
    [
      "an actual date before the start",
      () => ({ status: "completed", startedOn: "2025-03-01", achievedOn: "2025-02-01" }),
      "achievedOn",
      "The actual date must not be before the start date.",
    ],
    [
      "an AQRF level on another stage",
      () => ({ aqrfLevel: "3" }),
      "aqrfLevel",
      "An AQRF level is recorded only on the “Referenced to AQRF” stage.",
    ],
    [
      "a partner Member State on another stage",
      () => ({ partnerCountryId: "x" }),
      "partnerCountryId",
      "A partner Member State is named only on the mutual recognition stage.",
    ],
  ];

  for (const [name, changes, field, message] of refusals) {
    it(`refuse ${name}, with the message beside the field, writing nothing`, async () => {
      const m = await milestone("KH", "national_standard", "welding");
      const before = await historyCount(m.id);
      const outcome = await edit(demo.focalPoint("KH"), m, formFor(m, changes(m)));
      expect(outcome.status).toBe(400);
      expect(fieldErrors(outcome)[field]).toBe(message);
      expect(await db.milestone.findUniqueOrThrow({ where: { id: m.id }, include: { country: true } })).toEqual(m);
      expect(await historyCount(m.id)).toBe(before);
    });
  }

  it("keep the AQRF level to 1-8 on the AQRF stage, and ask for it once referencing is completed", async () => {
    const m = await milestone("KH", "aqrf_referenced", "construction");
    expect(fieldErrors(await edit(demo.focalPoint("KH"), m, formFor(m, { aqrfLevel: "9" }))).aqrfLevel).toBe(
      "Choose a level from 1 to 8.",
    );
    expect(
      fieldErrors(
        await edit(
          demo.focalPoint("KH"),
          m,
          formFor(m, { status: "completed", achievedOn: "2025-06-01", aqrfLevel: "" }),
        ),
      ).aqrfLevel,
    ).toBe("A completed AQRF referencing needs its level.");
    const saved = await edit(demo.focalPoint("KH"), m, formFor(m, { status: "in_progress", aqrfLevel: "2" }));
    expect(saved.status).toBe(302);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: m.id } })).aqrfLevel).toBe(2);
  });

  it("name another Member State as partner on the mutual recognition stage, never the country itself", async () => {
    const m = await milestone("KH", "mutual_recognition", "construction");
    const thailand = await db.country.findUniqueOrThrow({ where: { code: "TH" } });
    expect(
      fieldErrors(await edit(demo.focalPoint("KH"), m, formFor(m, { partnerCountryId: m.countryId }))).partnerCountryId,
    ).toBe("The partner must be another Member State.");
    expect(
      fieldErrors(await edit(demo.focalPoint("KH"), m, formFor(m, { partnerCountryId: "cnotacountry000000" })))
        .partnerCountryId,
    ).toBe("Choose a Member State from the list.");
    expect(
      fieldErrors(await edit(demo.focalPoint("KH"), m, formFor(m, { status: "completed", achievedOn: "2025-06-01" })))
        .partnerCountryId,
    ).toBe("A completed arrangement needs its partner Member State.");
    expect(
      (await edit(demo.focalPoint("KH"), m, formFor(m, { status: "in_progress", partnerCountryId: thailand.id })))
        .status,
    ).toBe(302);
    const [latest] = await milestoneHistory(m.id);
    // The history names the partner rather than showing its id.
    expect(latest!.changes).toContainEqual({ field: "partnerCountry", from: null, to: "Thailand" });
  });

  it("accept today as an actual date and save every change with one history row, from → to", async () => {
    const m = await milestone("KH", "national_standard", "agriculture-aquaculture");
    const today = todayIn(ACTUAL_DATE_ZONE);
    const before = await historyCount(m.id);
    const outcome = await edit(
      demo.taskForce("KH"),
      m,
      formFor(m, {
        status: "completed",
        startedOn: "2025-01-15",
        targetOn: "2025-12-31",
        achievedOn: today,
        notes: "Validated at the tripartite workshop.",
      }),
    );
    expect(outcome).toMatchObject({ status: 302, location: `/milestones/${m.id}` });
    const after = await db.milestone.findUniqueOrThrow({ where: { id: m.id }, include: { updatedBy: true } });
    expect(after).toMatchObject({
      status: "completed",
      startedOn: "2025-01-15",
      targetOn: "2025-12-31",
      achievedOn: today,
      notes: "Validated at the tripartite workshop.",
    });
    expect(after.updatedBy?.email).toBe(demo.taskForce("KH"));
    expect(await historyCount(m.id)).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "milestone", entityId: m.id },
      orderBy: { createdAt: "desc" },
      include: { actor: true },
    });
    expect(event.action).toBe("milestone.update");
    expect(event.countryId).toBe(m.countryId);
    expect(event.actor?.email).toBe(demo.taskForce("KH"));
    expect(JSON.parse(event.changes!)).toEqual({
      status: [m.status, "completed"],
      startedOn: [null, "2025-01-15"],
      targetOn: [m.targetOn, "2025-12-31"],
      achievedOn: [null, today],
      notes: ["", "Validated at the tripartite workshop."],
    });
    const [shown] = await milestoneHistory(m.id);
    expect(shown!.actor?.name).toBe(event.actor!.name);
    expect(shown!.changes.map((c) => c.field)).toEqual(["status", "startedOn", "targetOn", "achievedOn", "notes"]);
    expect(shown!.changes[0]).toEqual({ field: "status", from: m.status, to: "completed" });
  });

  it("write nothing when nothing changed, and refuse a save over someone else's newer change", async () => {
    const m = await milestone("KH", "curriculum_materials", "construction");
    const before = await historyCount(m.id);
    expect((await edit(demo.focalPoint("KH"), m, formFor(m))).status).toBe(302);
    expect(await historyCount(m.id)).toBe(before);

    // The task-force member saves first; the focal point's form still carries the older version.
    expect(
      (await edit(demo.taskForce("KH"), m, formFor(m, { notes: "Curriculum drafted with the NTB." }))).status,
    ).toBe(302);
    const stale = await edit(demo.focalPoint("KH"), m, formFor(m, { notes: "Something else" }));
    expect(stale.status).toBe(409);
    expect(fieldErrors(stale).form).toMatch(/saved this milestone after you opened this form/);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: m.id } })).notes).toBe(
      "Curriculum drafted with the NTB.",
    );
    // Saving again with the version it was handed replaces the change knowingly.
    const version = (stale.data as { version: string }).version;
    expect((await edit(demo.focalPoint("KH"), m, formFor(m, { notes: "Something else", version }))).status).toBe(302);
    expect(await historyCount(m.id)).toBe(before + 2);
  });
});

describe("who may read and change a milestone", () => {
  it("lets the country's focal point and task force edit, and refuses everyone else on the server", async () => {
    const m = await milestone("KH", "testing_certification", "construction");
    const change = formFor(m, { notes: "Assessors trained in Phnom Penh." });
    for (const email of [demo.focalPoint("TH"), demo.observer, demo.secretariat, demo.facilitator]) {
      expect(
        (await call(editLoader as RouteFunction, email, `/milestones/${m.id}/edit`, { milestoneId: m.id })).status,
        email,
      ).toBe(403);
      expect((await edit(email, m, change)).status, email).toBe(403);
      expect(
        (
          await call(
            pageAction as RouteFunction,
            email,
            `/milestones/${m.id}`,
            { milestoneId: m.id },
            { intent: "addLink", title: "Report", url: "https://example.org/r.pdf" },
          )
        ).status,
        email,
      ).toBe(403);
    }
    expect(await db.milestoneEvidence.count({ where: { milestoneId: m.id } })).toBe(0);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: m.id } })).notes).toBe(m.notes);
    expect(
      (
        await call(editLoader as RouteFunction, demo.admin, `/milestones/${m.id}/edit`, {
          milestoneId: m.id,
        })
      ).status,
    ).toBe(200);
  });

  it("shows the milestone page to the Secretariat and the country, not to another country or an observer without a country", async () => {
    const m = await milestone("KH", "national_standard", "construction");
    const page = (email: string) =>
      call(pageLoader as RouteFunction, email, `/milestones/${m.id}`, { milestoneId: m.id });
    const secretariat = await page(demo.secretariat);
    expect(secretariat.status).toBe(200);
    expect(secretariat.data).toMatchObject({ canEdit: false, canComment: true });
    expect((await page(demo.taskForce("KH"))).data).toMatchObject({ canEdit: true });
    expect((await page(demo.focalPoint("TH"))).status).toBe(403);
    expect((await page(demo.observer)).status).toBe(403);
    expect(
      (
        await call(pageLoader as RouteFunction, demo.focalPoint("KH"), "/milestones/nosuchmilestone1", {
          milestoneId: "nosuchmilestone1",
        })
      ).status,
    ).toBe(404);
  });
});

describe("evidence", () => {
  const page = (email: string, m: { id: string }, body: Record<string, string> | FormData) =>
    call(pageAction as RouteFunction, email, `/milestones/${m.id}`, { milestoneId: m.id }, body);

  it("accepts http and https links only, and records adding and removing in the history", async () => {
    const m = await milestone("KH", "national_standard", "welding");
    for (const url of ["javascript:alert(1)", "ftp://files.example.org/x.pdf", "not a link", "https://"]) {
      const refused = await page(demo.focalPoint("KH"), m, { intent: "addLink", title: "Standard", url });
      expect(fieldErrors(refused).url, url).toBe("Enter a web address starting with http:// or https://.");
    }
    expect(
      fieldErrors(await page(demo.focalPoint("KH"), m, { intent: "addLink", title: "", url: "https://example.org" }))
        .title,
    ).toBe("This field is required.");
    expect(await db.milestoneEvidence.count({ where: { milestoneId: m.id } })).toBe(0);

    const added = await page(demo.focalPoint("KH"), m, {
      intent: "addLink",
      title: "Welding standard (Khmer)",
      url: "https://example.org/standards/welding.pdf",
    });
    expect(added).toMatchObject({ status: 200, data: { result: { initialValue: null } } });
    const evidence = await db.milestoneEvidence.findFirstOrThrow({ where: { milestoneId: m.id } });
    expect(evidence).toMatchObject({
      title: "Welding standard (Khmer)",
      url: "https://example.org/standards/welding.pdf",
      fileId: null,
    });
    expect((await milestoneHistory(m.id))[0]!.changes).toEqual([
      { field: "evidence", from: null, to: "Welding standard (Khmer)" },
    ]);

    expect((await page(demo.taskForce("KH"), m, { intent: "removeEvidence", evidenceId: evidence.id })).status).toBe(
      200,
    );
    expect(await db.milestoneEvidence.count({ where: { milestoneId: m.id } })).toBe(0);
    expect((await milestoneHistory(m.id))[0]!.changes).toEqual([
      { field: "evidence", from: "Welding standard (Khmer)", to: null },
    ]);
  });

  it("stores an uploaded file as evidence, refuses a kind that could run, and deletes the file with the evidence", async () => {
    const m = await milestone("KH", "curriculum_materials", "welding");
    const upload = (file: File, title = "") => {
      const form = new FormData();
      form.set("intent", "addFile");
      form.set("title", title);
      form.set("file", file);
      return page(demo.focalPoint("KH"), m, form);
    };
    expect(fieldErrors(await upload(new File(["<script>"], "curriculum.html", { type: "text/html" }))).file).toMatch(
      /cannot be attached/,
    );
    expect(fieldErrors(await upload(new File([], "curriculum.pdf"))).file).toBe("The file is empty.");
    expect(await db.milestoneEvidence.count({ where: { milestoneId: m.id } })).toBe(0);

    expect(
      (await upload(new File(["%PDF-1.4 curriculum"], "Welding curriculum.pdf", { type: "application/pdf" }))).status,
    ).toBe(200);
    const evidence = await db.milestoneEvidence.findFirstOrThrow({
      where: { milestoneId: m.id },
      include: { file: true },
    });
    expect(evidence.title).toBe("Welding curriculum.pdf");
    expect(evidence.file).toMatchObject({
      filename: "Welding curriculum.pdf",
      contentType: "application/pdf",
      size: 19,
    });

    expect((await page(demo.focalPoint("KH"), m, { intent: "removeEvidence", evidenceId: evidence.id })).status).toBe(
      200,
    );
    expect(await db.storedFile.findUnique({ where: { id: evidence.fileId! } })).toBeNull();
  });
});

describe("comments", () => {
  const page = (email: string, m: { id: string }, body: Record<string, string>) =>
    call(pageAction as RouteFunction, email, `/milestones/${m.id}`, { milestoneId: m.id }, body);

  it("can be written by anyone who may read the milestone; only their authors edit or delete them, and deletion keeps the place", async () => {
    const m = await milestone("KH", "testing_certification", "welding");
    expect(fieldErrors(await page(demo.secretariat, m, { intent: "comment", body: "   " })).body).toBe(
      "This field is required.",
    );
    expect(
      (
        await page(demo.secretariat, m, {
          intent: "comment",
          body: "Could the assessor training be funded by the CLM project?",
        })
      ).status,
    ).toBe(200);
    expect((await page(demo.observer, m, { intent: "comment", body: "Hello" })).status).toBe(403);
    const [comment] = await listMilestoneComments(m.id);
    expect(comment).toMatchObject({
      body: "Could the assessor training be funded by the CLM project?",
      author: { name: expect.any(String) },
    });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: comment!.id } });
    expect(stored).toMatchObject({ entityType: "milestone", entityId: m.id, countryId: m.countryId });

    // Someone else can neither edit nor delete it.
    expect(
      (await page(demo.focalPoint("KH"), m, { intent: "editComment", commentId: comment!.id, body: "Changed" })).status,
    ).toBe(403);
    expect((await page(demo.focalPoint("KH"), m, { intent: "deleteComment", commentId: comment!.id })).status).toBe(
      403,
    );
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment!.id } })).body).toBe(stored.body);

    expect(
      (
        await page(demo.secretariat, m, {
          intent: "editComment",
          commentId: comment!.id,
          body: "Could the CLM project fund the assessor training?",
        })
      ).status,
    ).toBe(200);
    const edited = await db.comment.findUniqueOrThrow({ where: { id: comment!.id } });
    expect(edited.body).toBe("Could the CLM project fund the assessor training?");
    expect(edited.editedAt).not.toBeNull();

    expect((await page(demo.secretariat, m, { intent: "deleteComment", commentId: comment!.id })).status).toBe(200);
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment!.id } })).deletedAt).not.toBeNull();
    const [shown] = await listMilestoneComments(m.id);
    expect(shown).toMatchObject({ id: comment!.id, body: "" });
    // A deleted comment stays deleted.
    expect(
      (await page(demo.secretariat, m, { intent: "editComment", commentId: comment!.id, body: "Back" })).status,
    ).toBe(403);
    expect(await db.auditEvent.count({ where: { entityType: "comment", entityId: comment!.id } })).toBe(3);
  });
});

describe("priority sectors", () => {
  const sectors = (email: string, body?: Record<string, string>) =>
    call((body ? sectorsAction : sectorsLoader) as RouteFunction, email, "/countries/kh/sectors", { code: "kh" }, body);

  it("adds a reference sector with its whole pipeline in one go, the prioritisation itself completed", async () => {
    const tourism = await db.sector.findUniqueOrThrow({ where: { code: "tourism" } });
    const outcome = await sectors(demo.focalPoint("KH"), { intent: "add", sectorId: tourism.id });
    expect(outcome).toMatchObject({ status: 200, data: { result: { initialValue: null } } });
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    expect(
      await db.countrySector.findUnique({ where: { countryId_sectorId: { countryId: kh.id, sectorId: tourism.id } } }),
    ).not.toBeNull();
    const pipeline = await db.milestone.findMany({
      where: { countryId: kh.id, sectorId: tourism.id },
      include: { stage: true },
      orderBy: { stage: { sortOrder: "asc" } },
    });
    expect(pipeline.map((p) => p.stageCode)).toEqual([
      "sector_prioritised",
      "national_standard",
      "curriculum_materials",
      "testing_certification",
      "aqrf_referenced",
      "mutual_recognition",
      "workers_recognised",
    ]);
    expect(pipeline[0]).toMatchObject({ status: "completed", achievedOn: todayIn(ACTUAL_DATE_ZONE) });
    expect(pipeline.slice(1).every((p) => p.status === "not_started")).toBe(true);
    expect(fieldErrors(await sectors(demo.focalPoint("KH"), { intent: "add", sectorId: tourism.id })).sectorId).toBe(
      "This sector is already a priority of this country.",
    );

    // Untouched, it can be removed again, pipeline and all.
    expect((await sectors(demo.taskForce("KH"), { intent: "remove", sectorId: tourism.id })).status).toBe(200);
    expect(await db.milestone.count({ where: { countryId: kh.id, sectorId: tourism.id } })).toBe(0);
    expect(await db.countrySector.count({ where: { countryId: kh.id, sectorId: tourism.id } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { entityType: "country", entityId: kh.id, action: { startsWith: "country.sector." } },
      }),
    ).toBe(2);
  });

  it("adds a new sector by a valid, unique name, for every country to choose afterwards", async () => {
    const before = await db.sector.count();
    expect(fieldErrors(await sectors(demo.focalPoint("KH"), { intent: "create", name: "  WELDING " })).name).toBe(
      "A sector with this name already exists: choose it from the list.",
    );
    expect(fieldErrors(await sectors(demo.focalPoint("KH"), { intent: "create", name: "IT" })).name).toBe(
      "Use 3 to 80 characters.",
    );
    expect(fieldErrors(await sectors(demo.focalPoint("KH"), { intent: "create", name: "<b>Bold</b>" })).name).toMatch(
      /Start with a letter/,
    );
    expect(await db.sector.count()).toBe(before);

    expect((await sectors(demo.focalPoint("KH"), { intent: "create", name: "Automotive   repair" })).status).toBe(200);
    const sector = await db.sector.findFirstOrThrow({
      where: { name: "Automotive repair" },
      include: { addedByCountry: true },
    });
    expect(sector).toMatchObject({ code: "automotive-repair", isRmcs: false, addedByCountry: { code: "KH" } });
    expect(await db.milestone.count({ where: { sectorId: sector.id } })).toBe(7);
    // Thailand can now choose it from the list.
    const th = await call(sectorsLoader as RouteFunction, demo.focalPoint("TH"), "/countries/th/sectors", {
      code: "th",
    });
    expect((th.data as { available: { name: string }[] }).available.map((s) => s.name)).toContain("Automotive repair");
  });

  it("refuses to remove a sector whose milestones hold work, and refuses people who may not edit", async () => {
    const construction = await db.sector.findUniqueOrThrow({ where: { code: "construction" } });
    const refused = await sectors(demo.focalPoint("KH"), { intent: "remove", sectorId: construction.id });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).sectorId).toMatch(/cannot be removed/);
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    expect(await db.milestone.count({ where: { countryId: kh.id, sectorId: construction.id } })).toBe(7);

    const loaded = await sectors(demo.focalPoint("KH"));
    const rows = (loaded.data as { sectors: { sector: { name: string }; removable: boolean }[] }).sectors;
    expect(rows.find((r) => r.sector.name === "Construction")?.removable).toBe(false);

    const tourism = await db.sector.findUniqueOrThrow({ where: { code: "tourism" } });
    for (const email of [demo.secretariat, demo.focalPoint("TH")]) {
      expect((await sectors(email, { intent: "add", sectorId: tourism.id })).status, email).toBe(403);
    }
    expect((await sectors(demo.secretariat)).data).toMatchObject({ canEdit: false, available: [] });
    expect((await sectors(demo.observer)).status).toBe(403);
  });
});

describe("bad input on each form of the milestone pages", () => {
  const page = (email: string, m: { id: string }, body: Record<string, string> | FormData) =>
    call(pageAction as RouteFunction, email, `/milestones/${m.id}`, { milestoneId: m.id }, body);
  const sectors = (body: Record<string, string>) =>
    call(sectorsAction as RouteFunction, demo.focalPoint("KH"), "/countries/kh/sectors", { code: "kh" }, body);

  it("comes back beside its field with a 400 and writes nothing", async () => {
    const m = await milestone("KH", "national_standard", "welding");
    const writes = await db.auditEvent.count();
    const comments = await db.comment.count();
    const cases: [Promise<Outcome>, string, string | RegExp][] = [
      [
        edit(demo.focalPoint("KH"), m, formFor(m, { startedOn: "2026-05-01", targetOn: "2026-04-01" })),
        "targetOn",
        /./,
      ],
      [
        page(demo.focalPoint("KH"), m, { intent: "addLink", title: "Standard", url: "file:///etc/passwd" }),
        "url",
        /http/,
      ],
      [page(demo.focalPoint("KH"), m, { intent: "comment", body: "" }), "body", "This field is required."],
      [sectors({ intent: "add", sectorId: "" }), "sectorId", /./],
      [sectors({ intent: "create", name: "x" }), "name", /./],
    ];
    const file = new FormData();
    file.set("intent", "addFile");
    file.set("title", "Minutes");
    cases.push([page(demo.focalPoint("KH"), m, file), "file", /./]);
    for (const [answer, field, message] of cases) {
      const outcome = await answer;
      expect(outcome.status, field).toBe(400);
      expect(fieldErrors(outcome)[field], field).toMatch(message);
    }
    expect(await db.auditEvent.count()).toBe(writes);
    expect(await db.comment.count()).toBe(comments);
  });
});
