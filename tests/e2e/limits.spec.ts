import { expect, test } from "@playwright/test";

test("a body larger than any upload is refused with a clear message before the app reads it", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { "content-type": "application/octet-stream" },
    data: Buffer.alloc(12 * 1024 * 1024),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toBe("This request is too large: a file may be at most 10 MB.");
  // An ordinary form still goes through.
  const ordinary = await request.post("/login", {
    form: { email: "nobody@focalpoint.test", password: "wrong-password" },
  });
  expect(ordinary.status()).toBe(400);
});
