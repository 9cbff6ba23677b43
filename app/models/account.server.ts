import { activityMessage } from "~/i18n/activity";
import { InputRefused } from "~/domain/input-refused";
import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import { changedFields, recordAudit } from "./audit.server";

/** A person's own account: their profile and their open sessions. */

export async function getAccount(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      position: true,
      phone: true,
      sex: true,
      organisationId: true,
      locale: true,
    },
  });
}

export type ProfileInput = {
  name: string;
  position: string;
  phone: string;
  sex: string;
  organisationId: string | null;
};

/** Saves one's own profile; an organisation that is not in the list is refused beside its field. */
export async function updateProfile(userId: string, input: ProfileInput, requestId?: string) {
  if (input.organisationId && !(await db.organisation.count({ where: { id: input.organisationId } })))
    throw new InputRefused("organisationId", "common:validation.invalidChoice");
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, position: true, phone: true, sex: true, organisationId: true },
    });
    const data = {
      name: input.name,
      position: input.position || null,
      phone: input.phone || null,
      sex: input.sex,
      organisationId: input.organisationId,
    };
    await tx.user.update({ where: { id: userId }, data });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.profile",
      entityType: "user",
      entityId: userId,
      message: activityMessage("profileUpdated", {}),
      changes: changedFields(before, data),
      requestId,
    });
  });
}

export async function listSessions(userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true, ipAddress: true },
  });
}

/** Ends every session of the person except the one identified by `keepSessionId`. */
export async function endOtherSessions(userId: string, keepSessionId: string, requestId?: string) {
  const others = await db.session.findMany({ where: { userId, id: { not: keepSessionId } }, select: { id: true } });
  if (others.length === 0) return 0;
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: { in: others.map((s) => s.id) } } });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.end_sessions",
      entityType: "user",
      entityId: userId,
      message: activityMessage("otherSessionsEnded", { count: others.length }),
      requestId,
    });
  });
  await emit({ type: "sessions.ended", sessionIds: others.map((s) => s.id) });
  return others.length;
}
