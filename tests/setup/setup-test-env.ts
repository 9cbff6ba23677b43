import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

// Each test file gets its own copy of the seeded template database and its own
// data folder; the database client reads DATABASE_URL when first imported.
const tmp = inject("testTmpDir");
const id = crypto.randomBytes(6).toString("hex");
const file = path.join(tmp, `test-${id}.db`);
fs.copyFileSync(path.join(tmp, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR = path.join(tmp, `data-${id}`);
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL = "silent";
process.env.PUBLIC_URL = "http://127.0.0.1:3000";
