import { z } from "zod";
import { DEFAULT_LOCALE, isOneOf, LOCALES } from "~/domain/vocabulary";
import { countryName } from "~/i18n/names";
import { translatorFor } from "~/i18n/translate.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { ChangeAuthor } from "./audit.server";
import { sendEmail } from "./email.server";
import { enqueueJob } from "./job.server";
import { BACKGROUND_ROWS } from "./progress-sheet.server";
import { applyProgressImport, type ApplyResult } from "./progress-spreadsheet.server";
import { deleteStoredFile, readStoredFile, storeUpload } from "./stored-file.server";

/**
 * An import's life (issue 14, decision 020): the uploaded file kept between its preview and
 * "apply", applied at once or by a background job that survives restarts, its outcome recorded
 * on the import, shown on the country's page and e-mailed; files previewed and never applied
 * are removed after a day.
 */

export const PROGRESS_IMPORT_JOB = "progress-import";

/**
 * Keeps an uploaded file between its preview and "apply": stored like any upload, with a
 * record that only the person who uploaded it may apply, for the country it was previewed for.
 */
export async function keepPreviewedFile(countryId: string, file: File, rowCount: number, actorId: string) {
  return db.$transaction(async (tx) => {
    const stored = await storeUpload(file, actorId, tx);
    return tx.progressImport.create({
      data: { countryId, actorId, fileId: stored.id, filename: stored.filename, rowCount },
      select: { id: true },
    });
  });
}

/** A preview nobody applied within this long is removed with its file, which was kept only for "apply". */
const PREVIEW_KEPT_HOURS = 24;
export const EXPIRE_PREVIEWS_JOB = "expire-progress-previews";

/** Removes the previews nobody applied within PREVIEW_KEPT_HOURS, and their files; returns how many. */
export async function expireProgressPreviews(now = new Date()) {
  const stale = await db.progressImport.findMany({
    where: { status: "previewed", createdAt: { lt: new Date(now.getTime() - PREVIEW_KEPT_HOURS * 3_600_000) } },
    select: { id: true, fileId: true },
  });
  let removed = 0;
  for (const preview of stale)
    await db.$transaction(async (tx) => {
      // Only while still previewed: an "apply" clicked at this very moment wins.
      const { count } = await tx.progressImport.deleteMany({ where: { id: preview.id, status: "previewed" } });
      if (count === 0) return;
      removed += 1;
      if (preview.fileId) await deleteStoredFile(preview.fileId, tx);
    });
  return removed;
}

/** A previewed import of this person for this country, with its file, or null. */
function previewedImport(importId: string, countryId: string, actorId: string) {
  return db.progressImport.findFirst({
    where: { id: importId, countryId, actorId, status: "previewed", fileId: { not: null } },
    select: {
      id: true,
      rowCount: true,
      filename: true,
      appliedThroughLine: true,
      file: { select: { id: true, storageKey: true } },
    },
  });
}

async function storedBytes(storageKey: string): Promise<Uint8Array | null> {
  const stream = readStoredFile(storageKey);
  return stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : null;
}

export type StartedImport =
  { outcome: "applied"; result: ApplyResult } | { outcome: "queued"; jobId: string } | { outcome: "expired" };

/**
 * Applies a previewed import: at once, or, for a file of BACKGROUND_ROWS rows or more, by a
 * background job whose outcome is e-mailed to the person and shown on the country's page.
 */
export async function applyPreviewedImport(
  importId: string,
  countryId: string,
  author: ChangeAuthor,
): Promise<StartedImport> {
  const found = await previewedImport(importId, countryId, author.actorId);
  if (!found?.file) return { outcome: "expired" };
  // Taken in one conditional update: a second click (or tab) finds it no longer previewed.
  const { count } = await db.progressImport.updateMany({
    where: { id: found.id, status: "previewed" },
    data: { status: "queued" },
  });
  if (count === 0) return { outcome: "expired" };
  if (found.rowCount >= BACKGROUND_ROWS) {
    const job = await enqueueJob({
      kind: PROGRESS_IMPORT_JOB,
      key: `${PROGRESS_IMPORT_JOB}:${found.id}`,
      payload: { importId },
    });
    return { outcome: "queued", jobId: job.id };
  }
  const result = await runImport({ ...found, file: found.file }, countryId, author, false);
  return { outcome: "applied", result };
}

/**
 * Applies a kept file and closes its import: at once in one transaction, or, in the background,
 * in batches that each record their progress on the import, so a run that died part-way is
 * continued by the job's next attempt, not started again.
 */
async function runImport(
  found: { id: string; filename: string; file: { id: string; storageKey: string }; appliedThroughLine: number },
  countryId: string,
  author: ChangeAuthor,
  inBackground: boolean,
): Promise<ApplyResult> {
  const bytes = await storedBytes(found.file.storageKey);
  const applied: ApplyResult = !bytes
    ? { ok: false, error: "unreadable" }
    : await applyProgressImport(
        countryId,
        { name: found.filename, bytes },
        author,
        inBackground
          ? {
              afterLine: found.appliedThroughLine,
              record: (tx, tally) =>
                tx.progressImport
                  .update({
                    where: { id: found.id },
                    data: {
                      appliedThroughLine: tally.throughLine,
                      changed: { increment: tally.changed },
                      refused: { increment: tally.refused },
                    },
                  })
                  .then(() => undefined),
            }
          : undefined,
      );
  const closed = await db.$transaction(async (tx) => {
    const done = await tx.progressImport.update({
      where: { id: found.id },
      data: applied.ok
        ? {
            status: "applied",
            finishedAt: new Date(),
            fileId: null,
            // in the background each batch has counted its own rows already
            ...(inBackground ? {} : { changed: applied.changed, refused: applied.refused }),
          }
        : { status: "failed", error: applied.error, finishedAt: new Date(), fileId: null },
      select: { changed: true, refused: true },
    });
    await deleteStoredFile(found.file.id, tx);
    return done;
  });
  return applied.ok ? { ...applied, ...closed } : applied;
}

const JobPayload = z.object({ importId: z.string().min(1).max(40) });

/**
 * The background job: applies the import (or continues it after a restart), then e-mails its
 * outcome, as recorded on the import, to the person who started it. An attempt that died after
 * the import was closed only sends the e-mail, which goes out once whatever happens (its key).
 */
export async function runProgressImportJob(payload: unknown) {
  const { importId } = JobPayload.parse(payload);
  const found = await db.progressImport.findUnique({
    where: { id: importId },
    select: {
      id: true,
      status: true,
      filename: true,
      appliedThroughLine: true,
      countryId: true,
      actorId: true,
      file: { select: { id: true, storageKey: true } },
    },
  });
  if (!found) return;
  if (found.status === "queued" && found.file)
    await runImport({ ...found, file: found.file }, found.countryId, { actorId: found.actorId }, true);
  const closed = await db.progressImport.findUniqueOrThrow({
    where: { id: importId },
    select: {
      status: true,
      changed: true,
      refused: true,
      error: true,
      country: { select: { code: true, name: true } },
      actor: { select: { email: true, locale: true } },
    },
  });
  if (closed.status !== "applied" && closed.status !== "failed") return;
  const locale = isOneOf(LOCALES, closed.actor.locale) ? closed.actor.locale : DEFAULT_LOCALE;
  const t = await translatorFor(locale);
  const country = countryName(t, closed.country);
  const link = `${env().PUBLIC_URL}/countries/${closed.country.code}/progress`;
  await sendEmail({
    to: closed.actor.email,
    key: `${PROGRESS_IMPORT_JOB}:${found.id}`,
    subject: t("plans:progressSheet.email.subject", { country }),
    text:
      closed.status === "applied"
        ? t("plans:progressSheet.email.body", {
            filename: found.filename,
            country,
            changed: closed.changed,
            refused: closed.refused,
            link,
          })
        : t("plans:progressSheet.email.failedBody", {
            filename: found.filename,
            country,
            reason: t(`plans:progressSheet.refused.${closed.error ?? "unreadable"}`),
            link,
          }),
  });
}

/** The latest imports of a country, for its page. */
export function recentProgressImports(countryId: string) {
  return db.progressImport.findMany({
    where: { countryId, status: { not: "previewed" } },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: {
      id: true,
      filename: true,
      status: true,
      changed: true,
      refused: true,
      error: true,
      createdAt: true,
      finishedAt: true,
      actor: { select: { name: true } },
    },
  });
}
