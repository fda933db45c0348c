// Text cleaned at the edge (server/domain/text.ts, checked by the API router
// and the URL middleware) and empty updates: a client's slip is a 400 naming
// the field, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let marie: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  marie = await joinWith(t, admin, "marie");
});
afterAll(() => t.close());

const refused = (res: { status: number; body: any }, field: string, code = "unsupported_character") => {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error).toMatchObject({ code, field });
  expect(typeof res.body.error.message).toBe("string");
};

describe("characters we never store", () => {
  it.each([
    ["NUL", "Marie\u0000L."],
    ["a bell (C0 control)", "Marie\u0007"],
    ["an unpaired surrogate", "Marie \ud800"],
    ["U+FFFF", "Marie\uffff"],
  ])("%s in a body field: 400 naming it, nothing changed", async (_name, value) => {
    refused(await marie.patch("/api/me", { displayName: value }), "displayName");
    expect((await marie.get("/api/me")).body.member.displayName).toBe("Marie");
  });

  it("tab, new lines, accents, emoji and right-to-left text are kept", async () => {
    const bio = "Ligne 1\n\tLigne 2\r\nÉté 🌻 مرحبا";
    const res = await marie.patch("/api/me", { bio });
    expect(res.status).toBe(200);
    expect(res.body.member.bio).toBe(bio);
  });

  it("in a nested field, a field of a login, a signup: named by its path", async () => {
    refused(await marie.put("/api/me/questionnaire", { answers: [{ theme: "don\u0000", choice: "offer" }] }), "answers.0.theme");
    refused(await t.client().post("/api/session", { handle: "marie\u0000", password: "x" }), "handle");
    refused(await t.client().post("/api/signup", { code: "ABCD", acceptPrinciples: true, handle: "zoe", displayName: "Zoé\u0000", password: "a long password here" }), "displayName");
  });

  it("in a path parameter: 400 naming it, without logging in too", async () => {
    refused(await t.client().get("/api/networks/lilas%00"), "slug");
    refused(await t.client().get("/api/offers/abc%00def"), "id");
    refused(await t.client().get("/api/invitations/AB%00CD"), "code");
  });

  it("in a query parameter: 400 naming it", async () => {
    refused(await marie.get("/api/offers?q=v%C3%A9lo%00"), "q");
    refused(await marie.get("/api/notifications?cursor=%00"), "cursor");
  });

  it("in the path of ActivityPub routes, pages and media: 400", async () => {
    for (const path of ["/n/lilas%00", "/m/%00marie", "/media/%00/x.jpg", "/@lilas%00"]) {
      refused(await t.client().get(path, { accept: "application/activity+json" }), "path");
      refused(await t.client().get(path), "path");
    }
  });
});

describe("empty updates", () => {
  it.each([
    ["/api/me", () => marie],
    ["/api/networks/lilas", () => admin],
  ])("PATCH %s with {} or only unknown keys: 400 nothing_to_update naming the body", async (path, who) => {
    refused(await who().patch(path, {}), "body", "nothing_to_update");
    refused(await who().patch(path, { unknownField: 1 }), "body", "nothing_to_update");
  });

  it("PATCH of an offer, an event and a resource with {}: 400 nothing_to_update", async () => {
    const offer = await marie.post("/api/networks/lilas/offers", { kind: "offer", title: "Perceuse à prêter", theme: "pret-de-materiel" });
    expect(offer.status, offer.text).toBe(201);
    refused(await marie.patch(`/api/offers/${offer.body.offer.id}`, {}), "body", "nothing_to_update");
    const event = await admin.post("/api/networks/lilas/events", { kind: "cafe", title: "Café", startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T12:00", place: { name: "Salle" } });
    expect(event.status, event.text).toBe(201);
    const eventId = event.body.events[0].id;
    refused(await admin.patch(`/api/events/${eventId}`, {}), "body", "nothing_to_update");
    refused(await admin.patch(`/api/events/${eventId}`, { scope: "series" }), "body", "nothing_to_update");
    const resource = await admin.post("/api/networks/lilas/commons", { kind: "fiche", title: "Fiche", body: "Texte" });
    expect(resource.status, resource.text).toBe(201);
    refused(await admin.patch(`/api/resources/${resource.body.resource.id}`, {}), "body", "nothing_to_update");
  });

  it("a real change still works", async () => {
    const res = await admin.patch("/api/networks/lilas", { area: "Rue des Lilas" });
    expect(res.status).toBe(200);
    expect(res.body.network.area).toBe("Rue des Lilas");
  });
});

describe("feeds", () => {
  it("RSS and Atom carry a member's markup escaped, never as HTML a reader would run", async () => {
    const event = await admin.post("/api/networks/lilas/events", {
      kind: "cafe",
      title: "<script>alert(1)</script>Café",
      body: "<img src=x onerror=alert(2)>\n\nSuite",
      startsAt: "2030-04-06T10:00",
      endsAt: "2030-04-06T12:00",
      place: { name: "<b>Salle</b>" },
      visibility: "public",
    });
    expect(event.status, event.text).toBe(201);
    for (const format of ["rss", "atom"]) {
      const feed = await t.client().get(`/api/networks/lilas/events/feed.${format}`);
      expect(feed.status).toBe(200);
      expect(feed.text).not.toMatch(/<script|<img|<b>/i);
      expect(feed.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;Café");
      expect(feed.text).toContain("<p>&lt;img src=x onerror=alert(2)&gt;</p><p>Suite</p>");
    }
  });
});
