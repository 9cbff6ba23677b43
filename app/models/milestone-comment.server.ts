/** The conversation on a milestone: anyone who may comment in its country adds; authors edit and delete their own. */
import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/** The milestone's comments, oldest first; a deleted comment keeps its place without its text. */
export async function listMilestoneComments(milestoneId: string) {
  const rows = await db.comment.findMany({
    where: { entityType: "milestone", entityId: milestoneId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      body: true,
      createdAt: true,
      editedAt: true,
      deletedAt: true,
      author: { select: { id: true, name: true } },
    },
  });
  return rows.map((c) => (c.deletedAt ? { ...c, body: "" } : c));
}

export async function addMilestoneComment(
  milestone: { id: string; countryId: string },
  body: string,
  actorId: string,
  requestId?: string,
) {
  const comment = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        authorId: actorId,
        entityType: "milestone",
        entityId: milestone.id,
        countryId: milestone.countryId,
        body,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "comment.create",
      entityType: "comment",
      entityId: comment.id,
      countryId: milestone.countryId,
      message: activityMessage("commentAdded", { excerpt: body.slice(0, 80) }),
      requestId,
    });
    return comment;
  });
  await emit({
    type: "milestone-comment.changed",
    countryId: milestone.countryId,
    milestoneId: milestone.id,
    commentId: comment.id,
    actorId,
    change: "added",
  });
  return comment;
}

/**
 * Edit (a new body) or soft-delete (body null) one's own comment on this
 * milestone. False when the comment is not there, is someone else's or is
 * already deleted: nothing is written.
 */
export async function changeMilestoneComment(
  milestone: { id: string; countryId: string },
  commentId: string,
  body: string | null,
  actorId: string,
  requestId?: string,
) {
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.comment.findFirst({
      where: { id: commentId, entityType: "milestone", entityId: milestone.id, authorId: actorId, deletedAt: null },
    });
    if (!before) return false;
    const now = new Date();
    await tx.comment.update({
      where: { id: commentId },
      data: body === null ? { deletedAt: now } : { body, editedAt: now },
    });
    await recordAudit(tx, {
      actorId,
      action: body === null ? "comment.delete" : "comment.update",
      entityType: "comment",
      entityId: commentId,
      countryId: milestone.countryId,
      message: activityMessage(body === null ? "commentDeleted" : "commentEdited", {}),
      changes: { body: [before.body, body] },
      requestId,
    });
    return true;
  });
  if (changed)
    await emit({
      type: "milestone-comment.changed",
      countryId: milestone.countryId,
      milestoneId: milestone.id,
      commentId,
      actorId,
      change: body === null ? "deleted" : "edited",
    });
  return changed;
}
