import { z } from "zod";

/**
 * Rooms a browser can listen to. A topic names one thing whose changes matter
 * to an open page, and is followed only by people who may read everything it
 * announces (decision 014):
 * - `country:<id>`: a country's work — its plans, action items, milestones,
 *   comments, and its profile — for those who read its plans and milestones;
 * - `country-profile:<id>`: what every signed-in person sees of a country —
 *   its profile, priority sectors and hosted workshops — for pages that show a
 *   country whose work the person may not read;
 * - `plan:<id>`, `workshop:<id>`, and the people `directory`;
 * - `person:<id>`: a person's own notices (their count in the shell), for that person alone.
 */
export const TopicSchema = z
  .string()
  .max(80)
  .regex(/^(country|country-profile|plan|workshop|person):[a-z0-9]{8,40}$|^directory$/, "unknown topic");
export type Topic = z.infer<typeof TopicSchema>;

export const SubscribeSchema = z.object({ topics: z.array(TopicSchema).min(1).max(50) });

export type ChangeEvent = {
  topic: Topic;
  /** what changed, e.g. "milestone", "action_item", "country" */
  entity: string;
  id: string;
  at: string;
};

export const SOCKET_PATH = "/socket.io";

export const topic = {
  country: (countryId: string): Topic => `country:${countryId}`,
  countryProfile: (countryId: string): Topic => `country-profile:${countryId}`,
  /** The country's work if the person may read it (`readsWork`), else only its profile. */
  countryFor: (countryId: string, readsWork: boolean): Topic =>
    readsWork ? topic.country(countryId) : topic.countryProfile(countryId),
  plan: (planId: string): Topic => `plan:${planId}`,
  workshop: (workshopId: string): Topic => `workshop:${workshopId}`,
  directory: "directory" as Topic,
  person: (userId: string): Topic => `person:${userId}`,
};
