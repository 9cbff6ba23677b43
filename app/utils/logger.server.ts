import pino from "pino";

// One JSON line per event on stdout; LOG_LEVEL=silent in tests keeps output readable.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "focalpoint" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
