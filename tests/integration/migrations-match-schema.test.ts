import { expect, it } from "vitest";
import { sqlFromMigrationsToSchema } from "../../scripts/migrations-diff";

it("the migrations build exactly prisma/schema.prisma (a schema change comes with its migration)", () => {
  expect(sqlFromMigrationsToSchema()).toBe("");
}, 60_000); // the Prisma CLI replays every migration
