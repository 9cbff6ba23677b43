import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().startsWith("file:", "DATABASE_URL must be a SQLite file: URL").default(DEFAULT_DATABASE_URL),
  PUBLIC_URL: z.string().url().optional(),
  APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters").optional(),
  DATA_DIR: z.string().default("./data"),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_SECURE: z.enum(["true", "false"]).default("false"),
  MAIL_FROM: z.string().default("FocalPoint <no-reply@focalpoint.test>"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export type AppEnv = z.infer<typeof EnvSchema> & { PUBLIC_URL: string; APP_SECRET: string };

let cached: AppEnv | undefined;

/** The environment, checked once; the process stops with a clear message if it is wrong. */
export function env(): AppEnv {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const values = parsed.data;
  cached = {
    ...values,
    PUBLIC_URL: (values.PUBLIC_URL ?? `http://${values.HOST}:${values.PORT}`).replace(/\/$/, ""),
    APP_SECRET: values.APP_SECRET ?? persistentSecret(values.DATA_DIR),
  };
  return cached;
}

/**
 * A secret generated on first start and kept in the data folder, so a demo
 * needs no configuration and restarts keep signed cookies valid. Several app
 * processes must be given the same APP_SECRET instead.
 */
function persistentSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "app-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}

export const usesHttps = () => env().PUBLIC_URL.startsWith("https://");
