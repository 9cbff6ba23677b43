import { describe, expect, it } from "vitest";
import { loader } from "~/routes/_resources+/healthz";

describe("GET /healthz", () => {
  it("answers 200 with the state of the app and its database", async () => {
    const response = await loader({
      request: new Request("http://127.0.0.1/healthz"),
      params: {},
      context: {} as never,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { ok: true, countries: 10 } });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
