// Partnerships API between two networks of the same instance (no federation:
// both sides change here), and its bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let marie: Client; // member of lilas
let olivier: Client; // animator of voisins

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins", description: "Quartier Est" });
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  olivier = await joinWith(t, admin, "olivier", "voisins", "animator");
});
afterAll(() => t.close());

const partnershipWith = async (client: Client, slug: string, partner: string) => {
  const res = await client.get(`/api/networks/${slug}/partnerships`);
  return res.body.partnerships.find((p: { partner: { handle: string } }) => p.partner.handle === partner);
};

describe("asking for a partnership", () => {
  it("refuses bad partners, naming the field", async () => {
    const unknown = await sophie.post("/api/networks/lilas/partnerships", { partner: "nowhere" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "partner_not_found", field: "partner" });
    // Without a federation, remote networks cannot be found.
    const remote = await sophie.post("/api/networks/lilas/partnerships", { partner: "@fontaine@ailleurs.example" });
    expect(remote.body.error).toMatchObject({ code: "partner_not_found", field: "partner" });
    const garbage = await sophie.post("/api/networks/lilas/partnerships", { partner: "pas un réseau !" });
    expect(garbage.body.error).toMatchObject({ code: "invalid_partner", field: "partner" });
    const self = await sophie.post("/api/networks/lilas/partnerships", { partner: "@lilas@maillage.test" });
    expect(self.body.error).toMatchObject({ code: "partner_self", field: "partner" });
    expect((await sophie.post("/api/networks/lilas/partnerships", {})).body.error.field).toBe("partner");
    expect((await sophie.post("/api/networks/lilas/partnerships", { partner: "voisins", message: "x".repeat(2001) })).body.error.field).toBe("message");
  });

  it("is for animators only", async () => {
    expect((await marie.post("/api/networks/lilas/partnerships", { partner: "voisins" })).status).toBe(403);
    expect((await olivier.post("/api/networks/lilas/partnerships", { partner: "voisins" })).status).toBe(403);
    expect((await t.client().post("/api/networks/lilas/partnerships", { partner: "voisins" })).status).toBe(401);
    expect((await marie.get("/api/networks/lilas/partnerships")).status).toBe(403);
    expect((await sophie.post("/api/networks/nowhere/partnerships", { partner: "voisins" })).status).toBe(404);
  });

  it("creates an outgoing request here and an incoming one there, with the message", async () => {
    const res = await sophie.post("/api/networks/lilas/partnerships", { partner: "voisins", message: "Partageons nos fiches !" });
    expect(res.status).toBe(201);
    expect(res.body.partnership).toMatchObject({
      state: "outgoing",
      message: "Partageons nos fiches !",
      decidedAt: null,
      partner: { actorId: "https://maillage.test/n/voisins", handle: "@voisins@maillage.test", name: "Les Voisins", summary: "Quartier Est", local: true },
    });
    const incoming = await partnershipWith(olivier, "voisins", "@lilas@maillage.test");
    expect(incoming).toMatchObject({ state: "incoming", message: "Partageons nos fiches !", partner: { name: "Les Lilas", local: true } });
    const again = await sophie.post("/api/networks/lilas/partnerships", { partner: "https://maillage.test/n/voisins" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "partnership_exists", field: "partner" });
    // The other side asking too is a conflict: it should accept instead.
    expect((await olivier.post("/api/networks/voisins/partnerships", { partner: "lilas" })).status).toBe(409);
  });
});

describe("answering and ending", () => {
  it("only animators of the asked network answer, and only incoming requests", async () => {
    const outgoing = await partnershipWith(sophie, "lilas", "@voisins@maillage.test");
    const accepted = await sophie.post(`/api/networks/lilas/partnerships/${outgoing.id}/accept`);
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.code).toBe("partnership_not_incoming");
    const incoming = await partnershipWith(olivier, "voisins", "@lilas@maillage.test");
    expect((await marie.post(`/api/networks/voisins/partnerships/${incoming.id}/accept`)).status).toBe(403);
    // Another network's partnership id is not found here.
    expect((await sophie.post(`/api/networks/lilas/partnerships/${incoming.id}/accept`)).status).toBe(404);
    expect((await olivier.post("/api/networks/voisins/partnerships/nope/decline")).status).toBe(404);
    expect((await olivier.post(`/api/networks/voisins/partnerships/${crypto.randomUUID()}/decline`)).status).toBe(404);
  });

  it("accepting makes both sides active and lists them as partners, publicly", async () => {
    const incoming = await partnershipWith(olivier, "voisins", "@lilas@maillage.test");
    const res = await olivier.post(`/api/networks/voisins/partnerships/${incoming.id}/accept`);
    expect(res.status).toBe(200);
    expect(res.body.partnership.state).toBe("active");
    expect(res.body.partnership.decidedAt).toBeTruthy();
    expect((await partnershipWith(sophie, "lilas", "@voisins@maillage.test")).state).toBe("active");
    const partners = await t.client().get("/api/networks/lilas/partners");
    expect(partners.status).toBe(200);
    expect(partners.body.partners).toEqual([
      { actorId: "https://maillage.test/n/voisins", handle: "@voisins@maillage.test", name: "Les Voisins", summary: "Quartier Est", url: "https://maillage.test/n/voisins", local: true },
    ]);
    expect((await t.client().get("/api/networks/voisins/partners")).body.partners.map((p: { handle: string }) => p.handle)).toEqual(["@lilas@maillage.test"]);
    expect((await t.client().get("/api/networks/nowhere/partners")).status).toBe(404);
    expect((await olivier.post(`/api/networks/voisins/partnerships/${incoming.id}/decline`)).status).toBe(409);
  });

  it("either side ends it: both ended, no partners listed", async () => {
    const ours = await partnershipWith(sophie, "lilas", "@voisins@maillage.test");
    expect((await marie.delete(`/api/networks/lilas/partnerships/${ours.id}`)).status).toBe(403);
    expect((await sophie.delete(`/api/networks/lilas/partnerships/${ours.id}`)).status).toBe(204);
    expect((await partnershipWith(olivier, "voisins", "@lilas@maillage.test")).state).toBe("ended");
    expect((await t.client().get("/api/networks/lilas/partners")).body.partners).toEqual([]);
    expect((await t.client().get("/api/networks/voisins/partners")).body.partners).toEqual([]);
    const twice = await sophie.delete(`/api/networks/lilas/partnerships/${ours.id}`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("partnership_not_active");
  });

  it("a new request after the end can be declined: both declined", async () => {
    const asked = await olivier.post("/api/networks/voisins/partnerships", { partner: "@lilas@maillage.test", message: "On recommence ?" });
    expect(asked.body.partnership.state).toBe("outgoing");
    const incoming = await partnershipWith(sophie, "lilas", "@voisins@maillage.test");
    expect(incoming).toMatchObject({ state: "incoming", message: "On recommence ?", decidedAt: null });
    const declined = await sophie.post(`/api/networks/lilas/partnerships/${incoming.id}/decline`);
    expect(declined.body.partnership.state).toBe("declined");
    expect((await partnershipWith(olivier, "voisins", "@lilas@maillage.test")).state).toBe("declined");
  });

  it("the asking side may withdraw its request", async () => {
    const asked = await sophie.post("/api/networks/lilas/partnerships", { partner: "tilleuls" });
    expect((await sophie.delete(`/api/networks/lilas/partnerships/${asked.body.partnership.id}`)).status).toBe(204);
    const list = await admin.get("/api/networks/tilleuls/partnerships");
    expect(list.body.partnerships).toMatchObject([{ state: "ended", partner: { handle: "@lilas@maillage.test" } }]);
  });
});
