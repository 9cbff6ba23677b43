import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";

describe("the database client", () => {
  it("keeps a write from another request out of an interactive transaction that rolls back", async () => {
    const [kh, vn] = await Promise.all([
      db.country.findUniqueOrThrow({ where: { code: "KH" } }),
      db.country.findUniqueOrThrow({ where: { code: "VN" } }),
    ]);
    let started!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (started = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.country.update({ where: { id: kh.id }, data: { overview: "rolled back" } });
        started();
        await new Promise((r) => setTimeout(r, 150));
        throw new Error("the transaction fails");
      })
      .catch((error: Error) => error.message);
    await transactionOpen;
    // Another request writes while the transaction is open; its write reports success.
    await db.country.update({ where: { id: vn.id }, data: { overview: "kept" } });
    expect(await failing).toBe("the transaction fails");
    expect((await db.country.findUniqueOrThrow({ where: { id: vn.id } })).overview).toBe("kept");
    expect((await db.country.findUniqueOrThrow({ where: { id: kh.id } })).overview).not.toBe("rolled back");
  });
});
