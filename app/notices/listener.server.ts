/**
 * Notices come from listening to the domain events (decision 018): the models announce what
 * changed and never call this. server.ts starts the listener through the server build, as it
 * starts the real-time layer, and stops it on shutdown.
 */
import { onDomainEvent } from "~/events.server";
import { noticesFor } from "~/models/notification.server";

export function startNotices() {
  const stop = onDomainEvent(async (event) => {
    await noticesFor(event);
  });
  return { stop };
}
