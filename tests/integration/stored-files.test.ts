import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { MAX_UPLOAD_BYTES } from "~/domain/uploads";
import { deleteStoredFile, fileFromForm, storeUpload, UploadRejected } from "~/models/stored-file.server";
import { loader as downloadLoader } from "~/routes/_resources+/files.$fileId";
import { db } from "~/utils/db.server";
import { readFormData } from "~/forms/submission.server";

const context = { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" };

async function userId(email: string) {
  return (await db.user.findUniqueOrThrow({ where: { email } })).id;
}
async function download(email: string, fileId: string) {
  const { token } = await createSession(await userId(email));
  const request = new Request(`http://localhost/files/${fileId}`, { headers: { cookie: `fp_session=${token}` } });
  try {
    return await downloadLoader({ request, params: { fileId }, context });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const pdf = (name = "AQRF referencing report.pdf", body = "%PDF-1.4 report") =>
  new File([body], name, { type: "application/pdf" });
const onDisk = (storageKey: string) => path.resolve(process.env.DATA_DIR!, "uploads", storageKey);

async function attachToCambodianMilestone(fileId: string) {
  const milestone = await db.milestone.findFirstOrThrow({ where: { country: { code: "KH" } } });
  await db.milestoneEvidence.create({
    data: { milestoneId: milestone.id, title: "Report", fileId, createdById: await userId("fp.kh@focalpoint.test") },
  });
}

describe("uploaded files", () => {
  it("are kept on disk with a clean name and a type from the allow-list, whatever the browser claimed", async () => {
    const file = await storeUpload(
      new File(["%PDF-1.4"], "../../etc/Laporan: MRS?.PDF", { type: "text/html" }),
      await userId("fp.kh@focalpoint.test"),
    );
    expect(file).toMatchObject({ filename: "Laporan_ MRS_.PDF", contentType: "application/pdf", size: 8 });
    expect(fs.readFileSync(onDisk(file.storageKey), "utf8")).toBe("%PDF-1.4");
  });

  it("refuse empty files and kinds that could run in a browser or on a computer, writing nothing", async () => {
    const uploader = await userId("fp.kh@focalpoint.test");
    const before = await db.storedFile.count();
    for (const [file, problem] of [
      [new File(["<script>alert(1)</script>"], "agenda.html", { type: "text/html" }), "uploads.type"],
      [new File(["MZ"], "setup.exe"), "uploads.type"],
      [new File(["<svg onload=alert(1)>"], "logo.svg", { type: "image/svg+xml" }), "uploads.type"],
      [new File([], "empty.pdf"), "uploads.empty"],
    ] as const) {
      await expect(storeUpload(file, uploader)).rejects.toMatchObject({ problem });
    }
    expect(await db.storedFile.count()).toBe(before);
  });

  it("larger than the limit are refused before anything is written", async () => {
    // The form itself is bounded by the server's body limit (server.ts), a little above one upload.
    const form = new FormData();
    form.set("title", "Too big");
    form.set("file", new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "scan.pdf", { type: "application/pdf" }));
    const request = new Request("http://localhost/upload", { method: "POST", body: form });
    const file = fileFromForm(await readFormData(request), "file")!;
    const before = await db.storedFile.count();
    const error = await storeUpload(file, await userId("fp.kh@focalpoint.test")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRejected);
    expect((error as UploadRejected).problem).toBe("uploads.tooLarge");
    expect(await db.storedFile.count()).toBe(before);
  });

  it("download only for people who may read the record they are attached to, as an attachment", async () => {
    const file = await storeUpload(pdf(), await userId("fp.kh@focalpoint.test"));
    expect((await download("fp.kh@focalpoint.test", file.id)).status).toBe(404); // attached to nothing yet
    await attachToCambodianMilestone(file.id);

    const response = await download("secretariat@focalpoint.test", file.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toContain("attachment;");
    expect(response.headers.get("Content-Disposition")).toContain("filename*=UTF-8''AQRF%20referencing%20report.pdf");
    expect(await response.text()).toBe("%PDF-1.4 report");

    expect((await download("fp.kh@focalpoint.test", file.id)).status).toBe(200);
    expect((await download("fp.vn@focalpoint.test", file.id)).status).toBe(403);
  });

  it("once deleted, lose their bytes and cannot be downloaded", async () => {
    const file = await storeUpload(pdf("minutes.pdf"), await userId("fp.kh@focalpoint.test"));
    await attachToCambodianMilestone(file.id);
    await db.milestoneEvidence.deleteMany({ where: { fileId: file.id } });
    await deleteStoredFile(file.id);
    expect(fs.existsSync(onDisk(file.storageKey))).toBe(false);
    expect((await download("secretariat@focalpoint.test", file.id)).status).toBe(404);
  });
});
