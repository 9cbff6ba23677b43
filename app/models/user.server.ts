import { activityMessage } from "~/i18n/activity";
import { invalidateAllSessions } from "~/auth/session.server";
import { InputRefused } from "~/domain/input-refused";
import type { Locale, Role } from "~/domain/vocabulary";
import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { pageOfUsers } from "./people-search.server";

/** People's accounts as administrators manage them: the directory, roles and status. */

export type RoleInput = { role: Role; countryId: string | null; label?: string | null };

export async function setUserLocale(userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

/** Looks at the home page less than this far apart belong to one visit. */
const VISIT_GAP_MS = 2 * 60 * 60 * 1000;
/** A look within this long of the last one is not written down again (most page loads then write nothing). */
const SEEN_PRECISION_MS = 60 * 1000;

/**
 * Notes a look at the home page and answers where its "changed since your last visit" starts:
 * the end of the previous visit (null on the first visit ever). A visit is a run of looks less
 * than two hours apart, so reloading the page, or coming back to it after opening an item, keeps
 * showing what changed since the person was last here rather than an empty list.
 */
export async function recordHomeVisit(userId: string, now = new Date()): Promise<Date | null> {
  const seen = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { homeSeenAt: true, homeChangesSince: true },
  });
  const sinceLastLook = seen.homeSeenAt ? now.getTime() - seen.homeSeenAt.getTime() : Infinity;
  const since = sinceLastLook > VISIT_GAP_MS ? seen.homeSeenAt : seen.homeChangesSince;
  if (sinceLastLook > SEEN_PRECISION_MS) {
    await db.user.update({ where: { id: userId }, data: { homeSeenAt: now, homeChangesSince: since } });
  }
  return since;
}

/**
 * A role's country must be one of the countries; the form offers only those,
 * so another id is a stale page or a forged post, refused beside its role.
 */
export async function refuseUnknownScopes(roles: RoleInput[]) {
  const ids = [...new Set(roles.flatMap((r) => (r.countryId ? [r.countryId] : [])))];
  const known = new Set(
    (await db.country.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id),
  );
  const unknown = roles.find((r) => r.countryId && !known.has(r.countryId));
  if (unknown) throw new InputRefused(`scope_${unknown.role}`, "common:validation.invalidChoice");
}

export type UserListFilter = { query?: string; role?: Role; status?: string; page?: number };
const USERS_PER_PAGE = 25;

export async function listUsers(filter: UserListFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const base = {
    status: filter.status || undefined,
    roles: filter.role ? { some: { role: filter.role } } : undefined,
  };
  const { where, skip, total } = await pageOfUsers(
    base,
    filter.query,
    { page, perPage: USERS_PER_PAGE },
    { organisation: false },
  );
  const users = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip,
    take: USERS_PER_PAGE,
    select: {
      id: true,
      name: true,
      email: true,
      status: true,
      organisation: { select: { name: true, acronym: true } },
      roles: { select: { role: true, label: true, country: { select: { code: true } } } },
    },
  });
  return { users, total, page, pages: Math.max(1, Math.ceil(total / USERS_PER_PAGE)) };
}

export async function getUserForAdmin(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    include: {
      organisation: { select: { id: true, name: true } },
      country: { select: { code: true, name: true } },
      roles: { include: { country: { select: { code: true, name: true } } }, orderBy: { createdAt: "asc" } },
      invitations: {
        where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
}

/** Replace a person's roles; their open pages and sockets pick up the change on the next request. */
export async function updateUserRoles(userId: string, roles: RoleInput[], actorId: string, requestId?: string) {
  // An administrator who drops their own admin role could leave nobody able to manage access.
  if (userId === actorId && !roles.some((r) => r.role === "admin"))
    throw new InputRefused("role", "admin:user.cannotDropOwnAdmin");
  await refuseUnknownScopes(roles);
  await db.$transaction(async (tx) => {
    const before = await tx.roleAssignment.findMany({
      where: { userId },
      select: { role: true, countryId: true, label: true },
    });
    await tx.roleAssignment.deleteMany({ where: { userId } });
    await tx.roleAssignment.createMany({
      data: roles.map((r) => ({ userId, role: r.role, countryId: r.countryId, label: r.label ?? null })),
    });
    await recordAudit(tx, {
      actorId,
      action: "user.roles",
      entityType: "user",
      entityId: userId,
      message: activityMessage("rolesSet", { roles: { roles: roles.map((r) => r.role) } }),
      changes: { roles: [before, roles] },
      requestId,
    });
  });
  await emit({ type: "person.access-changed", userId });
}

export async function setUserStatus(
  userId: string,
  status: "active" | "disabled",
  actorId: string,
  requestId?: string,
) {
  if (userId === actorId && status === "disabled") throw new InputRefused("form", "admin:user.cannotDisableSelf");
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { status: true, passwordHash: true, email: true },
  });
  // An invited person who never set a password stays "invited" when re-enabled.
  const next = status === "active" && !user.passwordHash ? "invited" : status;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { status: next } });
    await recordAudit(tx, {
      actorId,
      action: status === "disabled" ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      message: activityMessage(status === "disabled" ? "accountDisabled" : "accountEnabled", { email: user.email }),
      changes: { status: [user.status, next] },
      requestId,
    });
  });
  if (status === "disabled") await invalidateAllSessions(userId);
}
