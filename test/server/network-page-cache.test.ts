// A network's page data (GET /api/networks/{slug}) comes from the per-viewer
// response cache (server/http/api-response-cache.ts), yet a rename, a new
// member and a role change show at once, and two viewers never share an answer.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { DocumentCache } from "../../server/http/document-cache.ts";
import { Client, createTestApp, joinWith, withNetwork, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let marie: Client;
let visitor: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  marie = await joinWith(t, admin, "marie");
  visitor = t.client();
});
afterAll(() => t.close());

/** The page's data as `client` gets it, and whether it was built (false: from the cache). */
async function page(client: Client, slug = "lilas") {
  const put = vi.spyOn(DocumentCache.prototype, "put");
  try {
    const res = await client.get(`/api/networks/${slug}`);
    expect(res.status).toBe(200);
    return { built: put.mock.calls.length > 0, name: res.body.network.name as string, members: res.body.network.memberCount as number, myRole: res.body.myRole as string | null };
  } finally {
    put.mockRestore();
  }
}

it("is served again without being built, per viewer: each sees their own role", async () => {
  const first = await page(marie);
  expect(first).toMatchObject({ built: true, myRole: "member" });
  expect(await page(marie)).toEqual({ ...first, built: false });
  // Another case of the slug is the same entry.
  expect((await page(marie, "LILAS")).built).toBe(false);
  expect(await page(visitor)).toMatchObject({ built: true, myRole: null });
  expect(await page(admin)).toMatchObject({ built: true, myRole: expect.not.stringMatching(/^member$/) });
});

it("shows a rename, a new member and a role change at once", async () => {
  await page(marie);
  expect((await admin.patch("/api/networks/lilas", { name: "Les Lilas en fleurs" })).status).toBe(200);
  expect(await page(marie)).toMatchObject({ built: true, name: "Les Lilas en fleurs" });

  const before = (await page(visitor)).members;
  await joinWith(t, admin, "paul");
  expect(await page(visitor)).toMatchObject({ built: true, members: before + 1 });

  expect((await admin.patch("/api/networks/lilas/members/marie", { role: "animator" })).status).toBe(200);
  expect(await page(marie)).toMatchObject({ built: true, myRole: "animator" });
});

it("an unknown network is a 404, never kept", async () => {
  expect((await visitor.get("/api/networks/nowhere")).status).toBe(404);
  expect((await visitor.get("/api/networks/nowhere")).status).toBe(404);
});
