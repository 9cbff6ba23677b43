import { describe, expect, it } from "vitest";
import { activityMessage, renderActivity } from "~/i18n/activity";
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
});
