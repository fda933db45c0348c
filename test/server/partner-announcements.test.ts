// Partner networks on the same instance read each other's `partners`
// announcements through the API, and only while the partnership lasts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let lilasAnimator: Client;
let tilleulsAnimator: Client;
let tilleulsMember: Client;
let outsider: Client;
let partnersOnly: string;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t, "lilas");
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  await admin.post("/api/networks", { slug: "ailleurs", name: "Ailleurs" });
  lilasAnimator = await joinWith(t, admin, "sophie", "lilas", "animator");
  tilleulsAnimator = await joinWith(t, admin, "paul", "tilleuls", "animator");
  tilleulsMember = await joinWith(t, tilleulsAnimator, "marie", "tilleuls");
  outsider = await joinWith(t, admin, "olivier", "ailleurs");
  const asked = await lilasAnimator.post("/api/networks/lilas/partnerships", { partner: "tilleuls", message: "Partageons nos cafés" });
  expect(asked.status).toBe(201);
  const incoming = (await tilleulsAnimator.get("/api/networks/tilleuls/partnerships")).body.partnerships[0];
  expect((await tilleulsAnimator.post(`/api/networks/tilleuls/partnerships/${incoming.id}/accept`)).status).toBe(200);
  const posted = await lilasAnimator.post("/api/networks/lilas/announcements", { content: "Café commun samedi", visibility: "partners" });
  expect(posted.status).toBe(201);
  partnersOnly = posted.body.announcement.id;
  await lilasAnimator.post("/api/networks/lilas/announcements", { content: "Réunion interne", visibility: "network" });
});
afterAll(() => t.close());

const contents = async (client: Client) =>
  (await client.get("/api/networks/lilas/announcements")).body.announcements.map((a: { content: string }) => a.content);

describe("partners announcements on the same instance", () => {
  it("reach members of an active partner network, and no one else", async () => {
    expect(await contents(tilleulsMember)).toEqual(["Café commun samedi"]);
    expect((await tilleulsMember.get(`/api/announcements/${partnersOnly}`)).status).toBe(200);
    expect(await contents(outsider)).toEqual([]);
    expect((await outsider.get(`/api/announcements/${partnersOnly}`)).status).toBe(404);
    expect(await contents(t.client())).toEqual([]);
    expect(await contents(lilasAnimator)).toEqual(["Réunion interne", "Café commun samedi"]);
  });

  it("stop reaching them when the partnership ends", async () => {
    const active = (await tilleulsAnimator.get("/api/networks/tilleuls/partnerships")).body.partnerships[0];
    expect((await tilleulsAnimator.delete(`/api/networks/tilleuls/partnerships/${active.id}`)).status).toBe(204);
    expect(await contents(tilleulsMember)).toEqual([]);
    expect((await tilleulsMember.get(`/api/announcements/${partnersOnly}`)).status).toBe(404);
  });
});
