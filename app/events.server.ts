import { logger } from "~/utils/logger.server";

/**
 * What happened in the domain, announced by the models after their transaction
 * commits. Listeners (real time, co-editing, notices) react; the
 * models never import them, so the layers point one way: models emit, the
 * outer modules listen.
 */
export type DomainEvent =
  | { type: "country.changed"; countryId: string }
  | { type: "organisation.changed"; organisationId: string }
  | { type: "priority-sector.changed"; countryId: string; sectorId: string }
  | { type: "milestone.changed"; countryId: string; milestoneId: string }
  | {
      type: "milestone-comment.changed";
      countryId: string;
      milestoneId: string;
      commentId: string;
      actorId: string;
      change: "added" | "edited" | "deleted";
    }
  | { type: "plan.changed"; countryId: string; planId: string }
  /** submitted, endorsed, reopened …: who may edit its narrative changed */
  | {
      type: "plan.status-changed";
      countryId: string;
      planId: string;
      documentId: string;
      transition: "submit" | "endorse" | "reopen" | "withdraw" | "return";
      actorId: string;
    }
  /** a reporting period reviewed, returned or locked: who may edit its narrative (if it has one) changed */
  | {
      type: "reporting-period.status-changed";
      projectId: string;
      periodId: string;
      narrativeDocumentId: string | null;
    }
  /**
   * `workshopId`: the workshop whose agreed action the item carries out, if any; `assigned`: set
   * when this change made a person the item's owner, and by whom
   */
  | {
      type: "action-item.changed";
      countryId: string;
      planId: string;
      itemId: string;
      workshopId?: string | null;
      assigned?: { ownerId: string; actorId: string };
    }
  /** a workshop's agreed action given to a country: the item it put in the country's plan */
  | {
      type: "agreed-action.assigned";
      workshopId: string;
      outcomeId: string;
      countryId: string;
      planId: string;
      itemId: string;
      actorId: string;
    }
  | { type: "workshop.changed"; workshopId: string; hostCountryId?: string | null }
  /** circulated, adopted …: who may edit the minutes changed, and circulating tells the participants */
  | {
      type: "minutes.status-changed";
      workshopId: string;
      hostCountryId: string | null;
      documentId: string;
      transition: "circulate" | "recall" | "adopt";
      actorId: string;
    }
  | { type: "workshop-material.changed"; workshopId: string; materialId: string }
  | { type: "agenda-session.changed"; workshopId: string; sessionId: string }
  /** `participantId` null: many participants at once (an import) */
  | { type: "participant.changed"; workshopId: string; participantId: string | null }
  | { type: "attendance.changed"; workshopId: string; participantId: string }
  | { type: "outcome.changed"; workshopId: string; outcomeId: string }
  /** sign-out, password change, a disabled account: live connections of these sessions must end */
  | { type: "sessions.ended"; sessionIds: string[] }
  /** new roles: what the person's live connections may follow and edit must be checked again */
  | { type: "person.access-changed"; userId: string }
  /** the person's notices changed (new ones, read, snoozed): their count in the shell is out of date */
  | { type: "notices.changed"; userIds: string[] };

type Listener = (event: DomainEvent) => void | Promise<void>;

// On globalThis: in development the route modules are reloaded while the
// server's listeners stay attached to the first copy of this module.
const registry = globalThis as unknown as { focalpointListeners?: Set<Listener> };
const listeners = (registry.focalpointListeners ??= new Set());

/** Listen to every event; returns the function that stops listening. */
export function onDomainEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Announce events once their transaction has committed. Waits for every
 * listener (so that, for example, editors of an endorsed plan are readers by
 * the time the request answers); a failing listener is logged, never undoes
 * or fails the write that already happened.
 */
export async function emit(...events: DomainEvent[]): Promise<void> {
  for (const event of events) {
    await Promise.all(
      [...listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          logger.error({ err: error, event: event.type }, "a listener of a domain event failed");
        }
      }),
    );
  }
}
