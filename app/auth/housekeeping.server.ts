import { deleteExpiredSessions } from "./session.server";
import { logger } from "~/utils/logger.server";

const HOUR = 60 * 60 * 1000;

/**
 * Work no request asks for: expired sessions are deleted (a session is checked
 * only when its cookie comes back, and most never do). Runs once at start and
 * then every `everyMs`; the timer does not keep the process alive. server.ts
 * starts it through the server build, so it shares the app's database client.
 */
export function startHousekeeping({ everyMs = HOUR }: { everyMs?: number } = {}) {
  const run = () =>
    deleteExpiredSessions().catch((error: unknown) => logger.error({ err: error }, "housekeeping failed"));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
