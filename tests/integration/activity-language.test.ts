import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { activityMessage, renderActivity } from "~/i18n/activity";
import { activity as english } from "~/i18n/en/activity";
import { activity as indonesian } from "~/i18n/id/activity";
import { translatorFor } from "~/i18n/translate.server";
import { recentActivity, recordAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";

/** The activity feed in the reader's language: a history row keeps a message, not only an English sentence. */
describe("the activity feed", () => {
  it("renders a stored message in Indonesian with the date and country formatted for the reader, English as summary", async () => {
    const laos = await db.country.findUniqueOrThrow({
      where: { code: "LA" },
      select: { id: true, code: true, name: true },
    });
    const event = await recordAudit(db, {
      actorId: null,
      action: "outcome.assign",
      entityType: "outcome",
      entityId: "activity-language-test",
      countryId: laos.id,
      message: activityMessage("agreedActionAssigned", {
        country: { country: laos },
        due: { day: "2027-03-31" },
        text: "Pilot the welding assessment",
      }),
    });
    // the admin log and old readers keep an English sentence
    expect(event.summary).toBe("Agreed action assigned to Lao PDR, due 31 Mar 2027: Pilot the welding assessment");

    const [shown] = (await recentActivity({ in: [laos.id] }, 50)).filter((e) => e.id === event.id);
    const inIndonesian = renderActivity(await translatorFor("id"), "id", shown!);
    expect(inIndonesian).toContain("Tindakan yang disepakati ditugaskan kepada Laos");
    expect(inIndonesian).toContain("31 Mar 2027");
    expect(inIndonesian).not.toContain("2027-03-31");
    expect(inIndonesian).toContain("Pilot the welding assessment");
  });

  it("shows the English summary of a row written before messages existed", async () => {
    const t = await translatorFor("id");
    expect(renderActivity(t, "id", { summary: "Invitation revoked", messageKey: null, messageParams: null })).toBe(
      "Invitation revoked",
    );
  });

  it("has every message the app writes in both languages, each rendering with no {{placeholder}} left", async () => {
    const used = keysWrittenIn("app");
    expect(used.size).toBeGreaterThan(50);
    const [en, id] = [await translatorFor("en"), await translatorFor("id")];
    for (const key of used) {
      expect(Object.keys(english), key).toContain(key);
      expect(Object.keys(indonesian), key).toContain(key);
      const text = english[key as keyof typeof english];
      const params = Object.fromEntries([...text.matchAll(/{{(\w+)}}/g)].map(([, name]) => [name, "x"]));
      for (const [t, locale] of [
        [en, "en"],
        [id, "id"],
      ] as const) {
        const shown = renderActivity(t, locale, {
          summary: "",
          messageKey: key,
          messageParams: JSON.stringify(params),
        });
        expect(shown, `${locale}: ${key}`).not.toMatch(/{{|}}/);
        expect(shown, `${locale}: ${key}`).not.toBe("");
      }
    }
  });

  it("renders every history row of the demo in Indonesian from a stored message", async () => {
    const t = await translatorFor("id");
    const rows = await db.auditEvent.findMany({ select: { summary: true, messageKey: true, messageParams: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.messageKey, row.summary).not.toBeNull();
      expect(renderActivity(t, "id", row), row.summary).not.toMatch(/{{|}}/);
    }
  });
});

/** The message keys given to activityMessage() in the source under `dir`, including both sides of a `cond ? "a" : "b"`. */
function keysWrittenIn(dir: string): Set<string> {
  const keys = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const source = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const [, head] of source.matchAll(/activityMessage\(([^{]*?)[,)]\s*[{]?/g))
      for (const [, key] of head!.trim().matchAll(/(?:^|[?:]\s*)"(\w+)"/g)) keys.add(key!);
  }
  return keys;
}
