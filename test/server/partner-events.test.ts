// Partners' agenda on one instance: a partner network's `partners` and
// `public` events, marked with their network, reach the members of an active
// partner network (who may answer them), never its `network` events, and
// nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let lilasAnimator: Client;
let tilleulsMember: Client;
let outsider: Client;

const event = (title: string, visibility: string) => ({
  kind: "fete", title, startsAt: "2027-06-19T14:00", endsAt: "2027-06-19T22:00", place: { name: "Parc des Lilas" }, visibility,
});

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t, "lilas");
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  await admin.post("/api/networks", { slug: "ailleurs", name: "Ailleurs" });
  lilasAnimator = await joinWith(t, admin, "sophie", "lilas", "animator");
  const tilleulsAnimator = await joinWith(t, admin, "paul", "tilleuls", "animator");
  tilleulsMember = await joinWith(t, tilleulsAnimator, "marie", "tilleuls");
  outsider = await joinWith(t, admin, "olivier", "ailleurs");
  await lilasAnimator.post("/api/networks/lilas/partnerships", { partner: "tilleuls" });
  const incoming = (await tilleulsAnimator.get("/api/networks/tilleuls/partnerships")).body.partnerships[0];
  expect((await tilleulsAnimator.post(`/api/networks/tilleuls/partnerships/${incoming.id}/accept`)).status).toBe(200);
  for (const [title, visibility] of [["Fête de la coopération", "partners"], ["Vide-grenier", "public"], ["Réunion interne", "network"]]) {
    expect((await lilasAnimator.post("/api/networks/lilas/events", event(title, visibility))).status).toBe(201);
  }
});
afterAll(() => t.close());

describe("partners' agenda", () => {
  it("shows a partner's shared events, marked with its network, to the partner's members", async () => {
    const { events } = (await tilleulsMember.get("/api/networks/tilleuls/partner-events")).body;
    expect(events.map((e: any) => [e.title, e.network.name])).toEqual([["Fête de la coopération", "Les Lilas"], ["Vide-grenier", "Les Lilas"]]);
    const fete = events[0];
    expect((await tilleulsMember.put(`/api/events/${fete.id}/rsvp`, { status: "going" })).body.status).toBe("going");
  });

  it("is for members only, and partner-only events stay hidden from others", async () => {
    expect((await outsider.get("/api/networks/tilleuls/partner-events")).status).toBe(403);
    const agenda = (await outsider.get("/api/networks/lilas/events")).body.events.map((e: any) => e.title);
    expect(agenda).toEqual(["Vide-grenier"]);
    const ics = await t.client().get("/api/networks/lilas/events/feed.ics");
    expect(ics.text).toContain("Vide-grenier");
    expect(ics.text).not.toContain("Fête de la coopération");
  });
});
