import { describe, expect, it } from "vitest";
import { ACTIONS, can, projectFiguresScope, readableCountryIds, type Action, type Actor } from "~/auth/permissions";
import type { Role } from "~/domain/vocabulary";

/**
 * The permission function as a matrix: every role × own country / other
 * country × every action. A change to who may do what must change this table.
 */
const OWN = "country-own";
const OTHER = "country-other";

const actor = (role: Role, scoped: boolean): Actor => ({
  id: `user-${role}`,
  roles: [{ role, countryId: scoped ? OWN : null }],
});

const ACTORS: Record<string, Actor> = {
  admin: actor("admin", false),
  secretariat: actor("secretariat", false),
  facilitator: actor("facilitator", false),
  focal_point: actor("focal_point", true),
  task_force: actor("task_force", true),
  observer: actor("observer", true),
};

// [own country, other country] for each role; the resource carries the country.
type Row = Record<keyof typeof ACTORS, [boolean, boolean]>;
const Y: [boolean, boolean] = [true, true];
const N: [boolean, boolean] = [false, false];
const OWN_ONLY: [boolean, boolean] = [true, false];

const EXPECTED: Record<Action, Row> = {
  "country.read": { admin: Y, secretariat: Y, facilitator: Y, focal_point: Y, task_force: Y, observer: Y },
  "country.edit": {
    admin: Y,
    secretariat: N,
    facilitator: N,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: N,
  },
  "directory.read": { admin: Y, secretariat: Y, facilitator: Y, focal_point: Y, task_force: Y, observer: Y },
  "user.manage": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "audit.read": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "outbox.read": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "jobs.manage": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "reference.manage": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "reminders.manage": { admin: Y, secretariat: Y, facilitator: N, focal_point: N, task_force: N, observer: N },
  "account.edit": { admin: N, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "notification.read": { admin: N, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "plan.read": {
    admin: Y,
    secretariat: Y,
    facilitator: Y,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: OWN_ONLY,
  },
  "plan.create": { admin: Y, secretariat: N, facilitator: N, focal_point: OWN_ONLY, task_force: OWN_ONLY, observer: N },
  "plan.edit": { admin: Y, secretariat: N, facilitator: N, focal_point: OWN_ONLY, task_force: OWN_ONLY, observer: N },
  "plan.submit": { admin: Y, secretariat: N, facilitator: N, focal_point: OWN_ONLY, task_force: OWN_ONLY, observer: N },
  "plan.endorse": { admin: Y, secretariat: Y, facilitator: N, focal_point: N, task_force: N, observer: N },
  "plan.reopen": { admin: Y, secretariat: Y, facilitator: N, focal_point: N, task_force: N, observer: N },
  "milestone.read": {
    admin: Y,
    secretariat: Y,
    facilitator: Y,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: OWN_ONLY,
  },
  "milestone.edit": {
    admin: Y,
    secretariat: N,
    facilitator: N,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: N,
  },
  "progress.spreadsheet": {
    admin: Y,
    secretariat: N,
    facilitator: N,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: N,
  },
  "dashboard.read": { admin: Y, secretariat: Y, facilitator: Y, focal_point: Y, task_force: Y, observer: Y },
  "comment.create": {
    admin: Y,
    secretariat: Y,
    facilitator: Y,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: OWN_ONLY,
  },
  "workshop.read": { admin: Y, secretariat: Y, facilitator: Y, focal_point: Y, task_force: Y, observer: Y },
  "workshop.create": { admin: Y, secretariat: N, facilitator: Y, focal_point: N, task_force: N, observer: N },
  // The facilitator in this matrix does not run the workshop under test: see the dedicated case below.
  "workshop.manage": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "workshop.participants.contact": {
    admin: Y,
    secretariat: Y,
    facilitator: N,
    focal_point: N,
    task_force: N,
    observer: N,
  },
  // The paper fallback of the registration desk: the same people as the contacts.
  "workshop.sheets.print": { admin: Y, secretariat: Y, facilitator: N, focal_point: N, task_force: N, observer: N },
  "workshop.register": { admin: N, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
  "brief.read": {
    admin: Y,
    secretariat: Y,
    facilitator: Y,
    focal_point: OWN_ONLY,
    task_force: OWN_ONLY,
    observer: OWN_ONLY,
  },
  "brief.note": { admin: Y, secretariat: N, facilitator: N, focal_point: OWN_ONLY, task_force: OWN_ONLY, observer: N },
  "briefs.all": { admin: Y, secretariat: Y, facilitator: Y, focal_point: N, task_force: N, observer: N },
  "briefs.freeze": { admin: Y, secretariat: Y, facilitator: N, focal_point: N, task_force: N, observer: N },
  // The resource here names no project countries (see the dedicated case below); the observer of
  // this matrix is given a country, so reads only the projects of that country.
  "project.read": { admin: Y, secretariat: Y, facilitator: Y, focal_point: N, task_force: N, observer: N },
  // Only the implementing agency's facilitators: see the dedicated case below.
  "project.manage": { admin: Y, secretariat: N, facilitator: N, focal_point: N, task_force: N, observer: N },
};

describe("can(user, action, resource): the permission matrix", () => {
  it("covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const [role, who] of Object.entries(ACTORS)) {
      const [own, other] = EXPECTED[action][role as keyof typeof ACTORS];
      it(`${role} ${own ? "may" : "may not"} ${action} in their own country, ${other ? "may" : "may not"} in another`, () => {
        const resource = {
          facilitatorIds: ["someone-else"],
          participantUserIds: ["someone-else"],
          userId: "someone-else",
        };
        expect(can(who, action, { ...resource, countryId: OWN })).toBe(own);
        expect(can(who, action, { ...resource, countryId: OTHER })).toBe(other);
      });
    }
  }

  it("lets a facilitator manage the workshops they run, and no other", () => {
    const facilitator = ACTORS.facilitator!;
    expect(can(facilitator, "workshop.manage", { facilitatorIds: [facilitator.id] })).toBe(true);
    expect(can(facilitator, "workshop.manage", { facilitatorIds: ["another-facilitator"] })).toBe(false);
    expect(can(facilitator, "workshop.participants.contact", { facilitatorIds: [facilitator.id] })).toBe(true);
    expect(can(facilitator, "workshop.participants.contact", { facilitatorIds: ["another-facilitator"] })).toBe(false);
    expect(can(facilitator, "workshop.sheets.print", { facilitatorIds: [facilitator.id] })).toBe(true);
    expect(can(facilitator, "workshop.sheets.print", { facilitatorIds: ["another-facilitator"] })).toBe(false);
    // Being listed as a workshop's facilitator without holding the role is not enough.
    expect(can(ACTORS.focal_point!, "workshop.manage", { facilitatorIds: [ACTORS.focal_point!.id] })).toBe(false);
  });

  it("lets the implementing agency's facilitators manage a project, and its countries' people read it", () => {
    const ilo: Actor = { id: "f", roles: [{ role: "facilitator", countryId: null, label: "ILO" }] };
    expect(can(ilo, "project.manage", { implementingAgency: "ILO" })).toBe(true);
    expect(can(ilo, "project.manage", { implementingAgency: "IOM" })).toBe(false);
    expect(can(ACTORS.secretariat, "project.manage", { implementingAgency: "ILO" })).toBe(false);
    const project = { projectCountryIds: [OWN, "third"] };
    expect(can(ACTORS.focal_point, "project.read", project)).toBe(true);
    expect(can(ACTORS.focal_point, "project.read", { projectCountryIds: [OTHER] })).toBe(false);
    expect(can(ACTORS.observer, "project.read", project)).toBe(true);
    expect(can(ACTORS.observer, "project.read", { projectCountryIds: [OTHER] })).toBe(false);
    expect(
      can({ id: "d", roles: [{ role: "observer", countryId: null }] }, "project.read", { projectCountryIds: [OTHER] }),
    ).toBe(true);
    expect(projectFiguresScope(ACTORS.focal_point!)).toEqual([OWN]);
    expect(projectFiguresScope(ACTORS.observer!)).toBe("all");
    expect(projectFiguresScope(ACTORS.secretariat!)).toBe("all");
  });

  it("lets people register for workshops they are invited to, and edit only their own account", () => {
    const fp = ACTORS.focal_point!;
    expect(can(fp, "workshop.register", { participantUserIds: [fp.id] })).toBe(true);
    expect(can(fp, "account.edit", { userId: fp.id })).toBe(true);
    expect(can(fp, "account.edit", { userId: "another" })).toBe(false);
    expect(can(fp, "notification.read", { userId: fp.id })).toBe(true);
    expect(can(ACTORS.admin, "notification.read", { userId: fp.id })).toBe(false);
  });

  it("makes an endorsed plan read-only for its editors until it is reopened", () => {
    expect(can(ACTORS.focal_point, "plan.edit", { countryId: OWN, planStatus: "endorsed" })).toBe(false);
    expect(can(ACTORS.admin, "plan.edit", { countryId: OWN, planStatus: "endorsed" })).toBe(false);
    expect(can(ACTORS.secretariat, "plan.reopen", { countryId: OWN, planStatus: "endorsed" })).toBe(true);
  });

  it("closes a meeting's notes once its briefs are frozen, for everyone", () => {
    for (const who of Object.values(ACTORS))
      expect(can(who, "brief.note", { countryId: OWN, frozen: true })).toBe(false);
    expect(can(ACTORS.focal_point, "brief.note", { countryId: OWN, frozen: false })).toBe(true);
  });

  it("refuses everything to nobody and to people without roles", () => {
    for (const action of ACTIONS) {
      expect(can(null, action, { countryId: OWN })).toBe(false);
      expect(can({ id: "x", roles: [] }, action, { countryId: OWN, userId: "y" })).toBe(false);
    }
  });

  it("unions the grants of a person holding several roles", () => {
    const both: Actor = {
      id: "p",
      roles: [
        { role: "focal_point", countryId: OWN },
        { role: "task_force", countryId: OTHER },
      ],
    };
    expect(can(both, "milestone.edit", { countryId: OWN })).toBe(true);
    expect(can(both, "milestone.edit", { countryId: OTHER })).toBe(true);
    expect(can(both, "milestone.edit", { countryId: "third" })).toBe(false);
    expect(readableCountryIds(both)).toEqual([OWN, OTHER]);
    expect(readableCountryIds(ACTORS.secretariat!)).toBe("all");
  });
});
