import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { findOutboxAttachment } from "~/models/email.server";
import { IdParam, parseParam } from "~/utils/params";

/** A file sent with a message in the outbox, for the administrator reading it (under the same rule as its text). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  const attachment = await findOutboxAttachment(parseParam(IdParam, params.attachmentId));
  if (!attachment) throw new Response("Not found", { status: 404 });
  return new Response(attachment.content, {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": `attachment; filename="${attachment.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
