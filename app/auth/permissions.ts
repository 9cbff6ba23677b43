import type { Role } from "~/domain/vocabulary";

/**
 * The one permission function. Routes, socket handlers and the UI all ask
 * `can(user, action, resource)`; the server's answer is the one that counts.
 * Country scope comes from the resource, never from the request.
 */

type RoleGrant = { role: Role; countryId: string | null; label?: string | null };
export type Actor = { id: string; roles: RoleGrant[] };

export type Resource = {
  /** the country a record belongs to */
  countryId?: string | null;
  /** the people who run a workshop */
  facilitatorIds?: readonly string[];
  /** the people taking part in a workshop */
  participantUserIds?: readonly string[];
  /** the owner, for a person's own records */
  userId?: string;
  /** an action plan's state: endorsed plans are read-only until reopened */
  planStatus?: string;
  /** a meeting's briefs once the Secretariat has frozen them (kept as sent) */
  frozen?: boolean;
  /** a donor project's countries and the agency that implements it ("ILO", "IOM") */
  projectCountryIds?: readonly string[];
  implementingAgency?: string;
};

export const ACTIONS = [
  // reference data and the directory
  "country.read",
  "country.edit",
  "directory.read",
  // administration
  "user.manage",
  "audit.read",
  "outbox.read",
  "jobs.manage",
  "reference.manage",
  // the reminder rules and their escalation (decision 019)
  "reminders.manage",
  // a person's own account
  "account.edit",
  // a person's own notices (the notifications page, their live count)
  "notification.read",
  // action plans
  "plan.read",
  "plan.create",
  "plan.edit",
  "plan.submit",
  "plan.endorse",
  "plan.reopen",
  // milestones and monitoring
  "milestone.read",
  "milestone.edit",
  // a country's action items and milestones as a spreadsheet, and its progress imported back
  "progress.spreadsheet",
  "dashboard.read",
  // comments anywhere the person may read
  "comment.create",
  // workshops
  "workshop.read",
  "workshop.create",
  "workshop.manage",
  // participants' e-mails, sex and registration details
  "workshop.participants.contact",
  // the paper sign-in sheets of a workshop's days and sessions
  "workshop.sheets.print",
  "workshop.register",
  // meeting briefs (decision 023): one country's brief, its focal point's note, all ten and their exports, freezing
  "brief.read",
  "brief.note",
  "briefs.all",
  "briefs.freeze",
  // donor projects, their results frameworks and period reports (decision 022)
  "project.read",
  "project.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

const has = (actor: Actor, role: Role) => actor.roles.some((g) => g.role === role);
const hasIn = (actor: Actor, roles: readonly Role[], countryId: string | null | undefined) =>
  countryId != null && actor.roles.some((g) => roles.includes(g.role) && g.countryId === countryId);

const EDITORS_OF_COUNTRY: readonly Role[] = ["focal_point", "task_force"];
const READERS_OF_COUNTRY: readonly Role[] = ["focal_point", "task_force", "observer"];

/** Roles that read every country's plans and milestones. */
function readsEveryCountry(actor: Actor): boolean {
  return has(actor, "admin") || has(actor, "secretariat") || has(actor, "facilitator");
}

export function can(actor: Actor | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  const isAdmin = has(actor, "admin");
  const country = resource.countryId;

  switch (action) {
    case "country.read":
    case "directory.read":
    case "workshop.read":
      return actor.roles.length > 0;

    case "account.edit":
    case "notification.read":
      return resource.userId === actor.id;

    case "user.manage":
    case "audit.read":
    case "outbox.read":
    case "jobs.manage":
    case "reference.manage":
      return isAdmin;

    case "country.edit":
    case "plan.create":
    case "milestone.edit":
    case "progress.spreadsheet":
      return isAdmin || hasIn(actor, EDITORS_OF_COUNTRY, country);

    case "plan.edit":
    case "plan.submit":
      if (resource.planStatus === "endorsed") return false;
      return isAdmin || hasIn(actor, EDITORS_OF_COUNTRY, country);

    case "brief.note":
      if (resource.frozen) return false;
      return isAdmin || hasIn(actor, EDITORS_OF_COUNTRY, country);

    // The regional pack holds every country's brief: only those who read every country's records.
    case "briefs.all":
      return readsEveryCountry(actor);

    case "plan.endorse":
    case "plan.reopen":
    case "reminders.manage":
    case "briefs.freeze":
      return isAdmin || has(actor, "secretariat");

    case "plan.read":
    case "milestone.read":
    case "brief.read":
      return readsEveryCountry(actor) || hasIn(actor, READERS_OF_COUNTRY, country);

    case "dashboard.read":
      return actor.roles.length > 0;

    case "comment.create":
      return readsEveryCountry(actor) || hasIn(actor, READERS_OF_COUNTRY, country);

    case "workshop.create":
      return isAdmin || has(actor, "facilitator");

    case "workshop.manage":
      return isAdmin || (has(actor, "facilitator") && (resource.facilitatorIds ?? []).includes(actor.id));

    case "workshop.participants.contact":
    case "workshop.sheets.print":
      // Those who run the workshop and the Secretariat that convenes the meetings; other
      // readers see who takes part (name, organisation, country), not how to reach them,
      // and have no registration desk to put a sign-in sheet on.
      return (
        isAdmin ||
        has(actor, "secretariat") ||
        (has(actor, "facilitator") && (resource.facilitatorIds ?? []).includes(actor.id))
      );

    case "workshop.register":
      return (resource.participantUserIds ?? []).includes(actor.id);

    case "project.read":
      // An observer (a donor) reads the projects of the countries they are given, or every project
      // when given none; focal points and task forces read the projects their country takes part in,
      // and see only what it contributed (projectFiguresScope).
      return (
        readsEveryCountry(actor) ||
        actor.roles.some((g) => g.role === "observer" && g.countryId === null) ||
        (resource.projectCountryIds ?? []).some((id) => hasIn(actor, READERS_OF_COUNTRY, id))
      );

    case "project.manage":
      // The implementing agency's facilitators (their grant's label names the agency) and admins.
      return (
        isAdmin ||
        (resource.implementingAgency !== undefined &&
          actor.roles.some((g) => g.role === "facilitator" && g.label === resource.implementingAgency))
      );
  }
}

/**
 * Whose figures a reader of a project's reports sees: "all", or only what their own countries
 * contributed (a focal point reads Cambodia's share of the people trained, not Myanmar's).
 */
export function projectFiguresScope(actor: Actor): "all" | string[] {
  if (readsEveryCountry(actor) || has(actor, "observer")) return "all";
  return ownCountryIds(actor);
}

/** The countries whose plans and milestones a person may read: "all" or a list of ids. */
export function readableCountryIds(actor: Actor): "all" | string[] {
  if (readsEveryCountry(actor)) return "all";
  return [
    ...new Set(actor.roles.filter((g) => READERS_OF_COUNTRY.includes(g.role) && g.countryId).map((g) => g.countryId!)),
  ];
}

/**
 * The countries whose work a person edits as one of its focal points or task force: their home
 * page is that work. Administrators edit everywhere but follow every country, so they have none.
 */
export function ownCountryIds(actor: Actor): string[] {
  return [
    ...new Set(actor.roles.filter((g) => EDITORS_OF_COUNTRY.includes(g.role) && g.countryId).map((g) => g.countryId!)),
  ];
}
