import { z } from "zod";

/**
 * Rooms a browser can listen to. A topic names one thing whose changes matter
 * to an open page: a country (its plans, milestones, profile), one action plan,
 * one workshop, or the people directory.
 */
export const TopicSchema = z
  .string()
  .max(80)
  .regex(/^(country|plan|workshop):[a-z0-9]{8,40}$|^directory$/, "unknown topic");
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
  plan: (planId: string): Topic => `plan:${planId}`,
  workshop: (workshopId: string): Topic => `workshop:${workshopId}`,
  directory: "directory" as Topic,
};
