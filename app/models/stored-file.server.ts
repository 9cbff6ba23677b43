import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Prisma } from "~/generated/prisma/client";
import { MAX_UPLOAD_BYTES } from "~/domain/uploads";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { withoutBidiControls } from "~/utils/text";

/**
 * Uploaded files (milestone evidence, workshop materials). The bytes live
 * under DATA_DIR/uploads with a random name; the database keeps the original
 * name and type. Files are always served as downloads with their type fixed
 * from the allow-list, so an upload can never run as a page of this site.
 */

export const MAX_UPLOAD_LABEL = "10 MB";

/** What people actually attach in this work: reports, standards, slides, sheets, scans and photos. */
const ALLOWED_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".ppt": "application/vnd.ms-powerpoint",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".ods": "application/vnd.oasis.opendocument.spreadsheet",
  ".odp": "application/vnd.oasis.opendocument.presentation",
  ".csv": "text/csv",
  ".txt": "text/plain",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};
export const ACCEPTED_EXTENSIONS = Object.keys(ALLOWED_TYPES).join(",");

/** A translation key (common namespace) saying why an upload was refused. */
export type UploadProblem = "uploads.tooLarge" | "uploads.type" | "uploads.empty";

export class UploadRejected extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem);
  }
}

/** The file chosen in a form field, or null when the field was left empty. */
export function fileFromForm(formData: FormData, name: string): File | null {
  const value = formData.get(name);
  if (!value || typeof value === "string") return null;
  return value.name === "" && value.size === 0 ? null : value;
}

function uploadProblem(file: File): UploadProblem | null {
  if (file.size === 0) return "uploads.empty";
  if (file.size > MAX_UPLOAD_BYTES) return "uploads.tooLarge";
  if (!ALLOWED_TYPES[path.extname(file.name).toLowerCase()]) return "uploads.type";
  return null;
}

const uploadsDir = () => path.resolve(env().DATA_DIR, "uploads");

/**
 * "Concept note: MRS/Bangkok.pdf" → "Concept note_ MRS_Bangkok.pdf": a name safe on every file system and
 * header, without the bidirectional controls that make "report\u202Efdp.exe" read as "reportexe.pdf".
 */
function cleanFilename(name: string): string {
  const base = path.basename(withoutBidiControls(name).replace(/\\/g, "/"));
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, "_").trim();
  return cleaned.slice(-200) || "file";
}

/**
 * Write an upload to disk, then record it (through `client`, so a caller can
 * make the record part of its own transaction). The bytes are flushed before
 * the row exists, so a recorded file is never missing after a crash; a crash in
 * between leaves at most an unreferenced file.
 */
export async function storeUpload(file: File, uploadedById: string, client: Prisma.TransactionClient = db) {
  const problem = uploadProblem(file);
  if (problem) throw new UploadRejected(problem);
  const extension = path.extname(file.name).toLowerCase();
  const now = new Date();
  const storageKey = path.posix.join(
    String(now.getUTCFullYear()),
    String(now.getUTCMonth() + 1).padStart(2, "0"),
    `${crypto.randomBytes(16).toString("hex")}${extension}`,
  );
  const target = path.join(uploadsDir(), storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const handle = await fs.promises.open(target, "wx", 0o600);
  try {
    await handle.writeFile(Buffer.from(await file.arrayBuffer()));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    return await client.storedFile.create({
      data: {
        filename: cleanFilename(file.name),
        contentType: ALLOWED_TYPES[extension]!,
        size: file.size,
        storageKey,
        uploadedById,
      },
    });
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
}

/** Forget a file and remove its bytes (after the row, so a failure never leaves a row without bytes). */
export async function deleteStoredFile(fileId: string, client: Prisma.TransactionClient = db) {
  const file = await client.storedFile.delete({ where: { id: fileId } });
  await fs.promises.rm(path.join(uploadsDir(), file.storageKey), { force: true });
}

/** Who a file belongs to, so the download route can ask the permission function. */
type FileOwner = { kind: "milestone_evidence"; countryId: string } | { kind: "workshop_material"; workshopId: string };

export async function getStoredFile(fileId: string) {
  const file = await db.storedFile.findUnique({
    where: { id: fileId },
    include: {
      evidence: { select: { milestone: { select: { countryId: true } } }, take: 1 },
      materials: { select: { workshopId: true }, take: 1 },
    },
  });
  if (!file) return null;
  const evidence = file.evidence[0];
  const material = file.materials[0];
  const owner: FileOwner | null = evidence
    ? { kind: "milestone_evidence", countryId: evidence.milestone.countryId }
    : material
      ? { kind: "workshop_material", workshopId: material.workshopId }
      : null;
  return {
    id: file.id,
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    storageKey: file.storageKey,
    owner,
  };
}

/** The stored bytes as a web stream, or null when they are gone from disk. */
export function readStoredFile(storageKey: string): ReadableStream<Uint8Array> | null {
  const fullPath = path.join(uploadsDir(), storageKey);
  if (!fs.existsSync(fullPath)) return null;
  return Readable.toWeb(fs.createReadStream(fullPath)) as ReadableStream<Uint8Array>;
}

/**
 * A stored file as a download: its type fixed from the allow-list, never sniffed, always an attachment, so an
 * upload never runs as a page of this site. Null when the bytes are gone from disk.
 */
export function fileDownload(
  file: { filename: string; contentType: string; size: number; storageKey: string },
  cacheControl: string,
): Response | null {
  const body = readStoredFile(file.storageKey);
  if (!body) return null;
  const asciiName = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cacheControl,
    },
  });
}
