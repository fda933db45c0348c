// A member's posts with a measure against them, as followers elsewhere see
// them: suspended with "withdraw their posts", their public offer,
// announcement and resource are deleted elsewhere (Delete through the queue)
// and hidden here; when the suspension ends they come back (Create), without
// what was hidden for itself. Removed from the network, their posts leave for
// good. Suspended without withdrawing, nothing moves.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberTable, suspensionTable } from "../../db/schema/index.ts";
import { federatedModerationOutbox } from "../../federation/moderation/outbox.ts";
import { federatedOfferOutbox } from "../../federation/offers/outbox.ts";
import { endSuspensions } from "../../server/domain/moderation/withdrawal.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

let t: FederatedTestApp;
let sophie: Client; // animator
let rose: Client;
let marc: Client;
let visitor: Client;
let alice: RemoteActorKeys;
let offer: any;
let announcement: any;
let resource: any;
let alreadyHidden: any;

const ports = () => ({
  offers: { origin: APP_ORIGIN, outbox: federatedOfferOutbox(t.federation, APP_ORIGIN) },
  outbox: federatedModerationOutbox(t.federation, APP_ORIGIN),
});
const objectsOf = (activities: any[], type: string) =>
  activities.filter((a) => a.type === type).map((a) => (typeof a.object === "string" ? a.object : a.object.id)).sort();
const visible = async () => {
  const texts = await Promise.all(["/api/networks/lilas/offers", "/api/networks/lilas/announcements", "/api/networks/lilas/commons"].map(async (p) => (await visitor.get(p)).text));
  return [offer, announcement, resource].filter((item) => texts.some((text) => text.includes(item.id))).length;
};

async function measure(body: Record<string, unknown>) {
  const report = (await rose.post("/api/reports", { subjectType: "member", subjectId: "marc", reason: "incivility" })).body.report;
  const res = await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, body);
  expect(res.status, res.text).toBe(200);
  return (await t.drain()).map((d) => d.activity);
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  marc = await joinWith(t, sophie, "marc");
  visitor = t.client();
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marc");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  const follow = { "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}#follow`, type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/lilas` };
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}/n/lilas/inbox`, follow, alice))).status).toBe(202);
  await sophie.request("PUT", "/api/networks/lilas/commons/settings", { membersMayAdd: true });
  offer = (await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Un vélo", visibility: "public" })).body.offer;
  announcement = (await marc.post("/api/networks/lilas/announcements", { content: "Vide-grenier dimanche", visibility: "public" })).body.announcement;
  resource = (await marc.post("/api/networks/lilas/commons", { kind: "fiche", title: "Réparer un vélo", visibility: "public" })).body.resource;
  alreadyHidden = (await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Crèmes à vendre", visibility: "public" })).body.offer;
  await t.drain();
  // One offer was hidden for itself before: the suspension's end must not give it back.
  await rose.post("/api/reports", { subjectType: "offer", subjectId: alreadyHidden.id, reason: "promotion" });
  const report = (await sophie.get("/api/networks/lilas/moderation")).body.reports.find((r: any) => r.subject.id === alreadyHidden.id);
  expect((await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "hide", reason: "Vente" })).status).toBe(200);
  await t.drain();
});
afterAll(() => t.close());

describe("a member's posts and the measures against them", () => {
  it("suspended without withdrawing: nothing moves", async () => {
    const sent = await measure({ action: "suspend", reason: "Un avertissement", until: new Date(Date.now() + 86400_000).toISOString() });
    expect(objectsOf(sent, "Delete")).toEqual([]);
    expect(await visible()).toBe(3);
    await t.db.delete(suspensionTable);
  });

  it("suspended with their posts withdrawn: deleted elsewhere, hidden here, still theirs to see", async () => {
    const sent = await measure({ action: "suspend", reason: "Insultes", until: new Date(Date.now() + 86400_000).toISOString(), withdraw: true });
    expect(objectsOf(sent, "Delete")).toEqual([offer.url, announcement.url, resource.url].sort());
    expect(await visible()).toBe(0);
    expect((await marc.get(`/api/announcements/${announcement.id}`)).body).toMatchObject({ hidden: { reason: "Insultes" } });
    // One notice for the measure, none per post.
    const kinds = (await marc.get("/api/me/notifications")).body.notifications.map((n: any) => n.kind);
    expect(kinds.filter((k: string) => k === "moderation.hidden")).toHaveLength(1); // the offer hidden for itself
    expect(kinds).toContain("moderation.suspended");
  });

  it("before its end nothing comes back; once ended, the posts are published again, not the one hidden for itself", async () => {
    expect(await endSuspensions(t.db, ports())).toEqual({ ended: 0, restored: 0 });
    expect(await endSuspensions(t.db, ports(), new Date(Date.now() + 2 * 86400_000))).toEqual({ ended: 1, restored: 3 });
    const sent = (await t.drain()).map((d) => d.activity);
    const published = JSON.stringify(sent.filter((a) => a.type === "Create" || a.type === "Announce"));
    for (const item of [offer, announcement, resource]) expect(published).toContain(item.id);
    expect(published).not.toContain(alreadyHidden.id);
    expect(await visible()).toBe(3);
    expect((await marc.post("/api/networks/lilas/announcements", { content: "Merci" })).status).toBe(201);
  });

  it("removed from the network: their posts leave for good", async () => {
    const sent = await measure({ action: "remove", reason: "Insultes répétées" });
    expect(objectsOf(sent, "Delete")).toEqual(expect.arrayContaining([offer.url, announcement.url, resource.url]));
    expect(await visible()).toBe(0);
    const [m] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "marc"));
    expect(m).toBeDefined();
    expect(await endSuspensions(t.db, ports(), new Date(Date.now() + 30 * 86400_000))).toEqual({ ended: 0, restored: 0 });
    expect(await visible()).toBe(0);
  });
});
