import type { DomainEvent } from "~/events.server";
import { topic, type ChangeEvent } from "./topics";

type Announcement = Omit<ChangeEvent, "at">;

/**
 * Which open pages hear of a domain event: the topics it concerns, each with
 * the kind of record and its id. Pages reload their own data; the
 * announcement says only that something changed. A topic announces only what
 * everyone allowed to follow it may read (topics.ts): a country's work goes to
 * its `country` topic alone; what its profile shows goes to the
 * `country-profile` topic too.
 */
export function announcementsOf(event: DomainEvent): Announcement[] {
  switch (event.type) {
    case "country.changed":
      return [topic.country(event.countryId), topic.countryProfile(event.countryId)].map((to) => ({
        topic: to,
        entity: "country",
        id: event.countryId,
      }));
    case "organisation.changed":
      return [{ topic: topic.directory, entity: "organisation", id: event.organisationId }];
    case "priority-sector.changed":
      return [topic.country(event.countryId), topic.countryProfile(event.countryId)].map((to) => ({
        topic: to,
        entity: "country_sector",
        id: event.sectorId,
      }));
    case "milestone.changed":
      return [{ topic: topic.country(event.countryId), entity: "milestone", id: event.milestoneId }];
    case "milestone-comment.changed":
      return [{ topic: topic.country(event.countryId), entity: "comment", id: event.commentId }];
    case "plan.changed":
    case "plan.status-changed":
      return [
        { topic: topic.plan(event.planId), entity: "action_plan", id: event.planId },
        { topic: topic.country(event.countryId), entity: "action_plan", id: event.planId },
      ];
    case "action-item.changed":
      // Not to the workshop whose agreed action it carries out: everyone may follow a workshop, not every
      // country's plan. Its pages follow the plans of the items they show.
      return [
        { topic: topic.plan(event.planId), entity: "action_item", id: event.itemId },
        { topic: topic.country(event.countryId), entity: "action_item", id: event.itemId },
      ];
    case "workshop.changed":
    case "minutes.status-changed":
      return [
        { topic: topic.workshop(event.workshopId), entity: "workshop", id: event.workshopId },
        ...(event.hostCountryId
          ? [topic.country(event.hostCountryId), topic.countryProfile(event.hostCountryId)].map((to) => ({
              topic: to,
              entity: "workshop",
              id: event.workshopId,
            }))
          : []),
      ];
    case "workshop-material.changed":
      return [{ topic: topic.workshop(event.workshopId), entity: "workshop_material", id: event.materialId }];
    case "agenda-session.changed":
      return [{ topic: topic.workshop(event.workshopId), entity: "agenda_session", id: event.sessionId }];
    case "participant.changed":
      return [
        { topic: topic.workshop(event.workshopId), entity: "participant", id: event.participantId ?? event.workshopId },
      ];
    case "attendance.changed":
      return [{ topic: topic.workshop(event.workshopId), entity: "attendance", id: event.participantId }];
    case "outcome.changed":
      return [{ topic: topic.workshop(event.workshopId), entity: "outcome", id: event.outcomeId }];
    case "notices.changed":
      return event.userIds.map((userId) => ({ topic: topic.person(userId), entity: "notification", id: userId }));
    // An assigned action's item is announced by its own action-item.changed; a period's page reloads
    // after its own form, and its narrative's editors are checked again by the document manager.
    case "agreed-action.assigned":
    case "reporting-period.status-changed":
    case "sessions.ended":
    case "person.access-changed":
      return [];
  }
}
