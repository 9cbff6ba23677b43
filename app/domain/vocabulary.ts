// The domain's fixed vocabularies, shared by the server (validation) and the UI
// (labels come from the translation files under the same keys).

export const ROLES = ["admin", "secretariat", "facilitator", "focal_point", "task_force", "observer"] as const;
export type Role = (typeof ROLES)[number];
/** Roles that only make sense with a country scope. */
export const COUNTRY_SCOPED_ROLES: readonly Role[] = ["focal_point", "task_force"];

export const USER_STATUSES = ["active", "invited", "disabled"] as const;

export const SEXES = ["female", "male", "other", "undisclosed"] as const;
export type Sex = (typeof SEXES)[number];

export const ORGANISATION_KINDS = [
  "ministry",
  "training_institution",
  "asean_secretariat",
  "ilo",
  "iom",
  "employers",
  "workers",
  "donor",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const MILESTONE_STATUSES = ["not_started", "in_progress", "completed", "blocked"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
/** The MRS stage that records an AQRF level, and the one that names a partner Member State. */
export const AQRF_STAGE = "aqrf_referenced";
export const MUTUAL_RECOGNITION_STAGE = "mutual_recognition";

export const PLAN_STATUSES = ["draft", "submitted", "endorsed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** The longest covering remark a reviewer may send back with a returned plan. */
export const RETURN_REMARK_MAX = 4000;

/**
 * Named by someone; kept by a restore so that it can be undone; the plan as it was submitted for review;
 * a workshop's minutes as they were adopted.
 */
export const DOCUMENT_VERSION_KINDS = ["named", "before_restore", "submitted", "adopted"] as const;
export type DocumentVersionKind = (typeof DOCUMENT_VERSION_KINDS)[number];

/** A workshop's minutes: written during the meeting, circulated to the participants, adopted (frozen). */
export const MINUTES_STATUSES = ["draft", "circulated", "adopted"] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export const ACTION_ITEM_STATUSES = ["not_started", "on_track", "at_risk", "delayed", "done"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const WORKSHOP_KINDS = [
  "regional_meeting",
  "national_workshop",
  "consultation_validation",
  "capacity_building",
  "training_of_trainers",
  "study_visit",
  "task_force_meeting",
] as const;
export type WorkshopKind = (typeof WORKSHOP_KINDS)[number];

export const SESSION_TYPES = ["opening", "plenary", "panel", "group_work", "break", "closing"] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const SPEAKER_ROLES = ["speaker", "resource_person", "moderator"] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];
export const PARTICIPANT_CATEGORIES = [
  "focal_point",
  "task_force",
  "secretariat",
  "resource_person",
  "ilo",
  "iom",
  "employers",
  "workers",
  "observer",
] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];
export const REGISTRATION_STATUSES = ["invited", "registered", "declined", "waitlisted"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const OUTCOME_KINDS = ["decision", "agreed_action"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
/** An agreed action becomes an action item's activity, which holds 300 characters; a decision may say more. */
export const OUTCOME_TEXT_MAX: Record<OutcomeKind, number> = { decision: 1000, agreed_action: 300 };

export const LOCALES = ["en", "id"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Whether a stored value is a word of the vocabulary: narrows a database string to the vocabulary's type. */
export function isOneOf<T extends string>(vocabulary: readonly T[], value: string): value is T {
  return (vocabulary as readonly string[]).includes(value);
}

/** A stored value as a word of its vocabulary; anything else is broken data, not a state to show. */
export function parseWord<T extends string>(vocabulary: readonly T[], value: string): T {
  if (!isOneOf(vocabulary, value)) throw new Error(`"${value}" is not one of: ${vocabulary.join(", ")}`);
  return value;
}
