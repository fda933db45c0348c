// A network's agenda comes from a per-viewer cache of its JSON
// (server/http/api-response-cache.ts), yet a new or edited event shows at
// once, and an event leaves the coming ones when it ends, by the clock alone.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DocumentCache } from "../../server/http/document-cache.ts";
import { createTestApp, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let visitor: Client;

const event = (title: string, day: string) => ({
  kind: "cafe",
  title,
  startsAt: `${day}T10:00`,
  endsAt: `${day}T12:00`,
  place: { name: "Salle des fêtes" },
  visibility: "public",
});

/** The titles of the coming events, and whether the answer was built (false: from the cache). */
async function agenda(client: Client) {
  const put = vi.spyOn(DocumentCache.prototype, "put");
  try {
    const res = await client.get("/api/networks/lilas/events");
    expect(res.status).toBe(200);
    return { titles: (res.body.events as { title: string }[]).map((e) => e.title), built: put.mock.calls.length > 0, events: res.body.events };
  } finally {
    put.mockRestore();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  visitor = t.client();
  expect((await admin.post("/api/networks/lilas/events", event("Café de février", "2027-02-06"))).status).toBe(201);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

describe("the cached agenda", () => {
  it("is served again, and shows a new and an edited event at once", async () => {
    expect((await agenda(visitor)).titles).toEqual(["Café de février"]);
    expect((await agenda(visitor)).built).toBe(false);
    const created = await admin.post("/api/networks/lilas/events", event("Troc de mars", "2027-03-06"));
    expect(created.status).toBe(201);
    expect((await agenda(visitor)).titles).toEqual(["Café de février", "Troc de mars"]);
    expect((await admin.patch(`/api/events/${created.body.events[0].id}`, { title: "Grand troc de mars" })).status).toBe(200);
    expect((await agenda(visitor)).titles).toEqual(["Café de février", "Grand troc de mars"]);
  });

  it("drops an event from the coming ones when it ends, with no write", async () => {
    const { events } = await agenda(visitor);
    expect((await agenda(visitor)).built).toBe(false);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(events[0].endsAt) + 1000 });
    expect((await agenda(visitor)).titles).toEqual(["Grand troc de mars"]);
  });
});
