// A Create or Update is published by the queue worker from the item as it is
// when its job runs (federation/publish-jobs.ts): the post answers with only a
// small job queued, and a change made before the job runs (a delete, a
// withdrawal, network-only) is never undone by it; one item's jobs keep their order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";

let t: FederatedTestApp;
let sophie: Client;
let alice: RemoteActorKeys;

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  await t.seedKeysOf("network", "lilas");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  const follow = { "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}#follow`, type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/lilas` };
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}/n/lilas/inbox`, follow, alice))).status).toBe(202);
  await t.drain();
});
afterAll(() => t.close());

const announce = (content: string) => sophie.post("/api/networks/lilas/announcements", { content, visibility: "public", asNetwork: true });

describe("a deferred publication", () => {
  it("is one small job when the post answers; the worker sends the Create", async () => {
    const posted = (await announce("Atelier vélo samedi")).body.announcement;
    const queued = t.queue.entries.map((e) => e.message);
    expect(queued).toEqual([{ type: "maillage:publish", kind: "announcement", verb: "create", id: posted.id }]);
    expect((await t.drain()).map((d) => d.activity.type)).toEqual(["Create"]);
    const outbox = await (await t.app.request(`${APP_ORIGIN}/n/lilas/outbox?cursor=0`, { headers: { accept: "application/activity+json" } })).json();
    expect(JSON.stringify(outbox)).toContain(posted.url);
  });

  it("keeps an item's order: a Create then its Update", async () => {
    const posted = (await announce("Troc de graines")).body.announcement;
    expect((await sophie.patch(`/api/announcements/${posted.id}`, { content: "Troc de graines, dimanche" })).status).toBe(200);
    const sent = await t.drain();
    expect(sent.map((d) => d.activity.type)).toEqual(["Create", "Update"]);
    expect(JSON.stringify(sent[1].activity)).toContain("dimanche");
  });

  it("sends nothing but the Delete of an announcement deleted before its job ran", async () => {
    const posted = (await announce("Annonce vite retirée")).body.announcement;
    expect((await sophie.delete(`/api/announcements/${posted.id}`)).status).toBe(204);
    const sent = await t.drain();
    expect(sent.map((d) => d.activity.type)).toEqual(["Delete"]);
    expect(JSON.stringify(sent)).not.toContain("vite retirée");
  });

  it("sends nothing but the Delete of an offer withdrawn before its job ran", async () => {
    const offer = (await sophie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Perceuse à donner", visibility: "public" })).body.offer;
    expect((await sophie.post(`/api/offers/${offer.id}/withdraw`)).body.offer.status).toBe("withdrawn");
    const sent = await t.drain();
    expect(sent.map((d) => d.activity.type)).toEqual(["Delete"]);
    expect(JSON.stringify(sent)).not.toContain("Perceuse");
  });

  it("sends nothing of a resource made network-only before its job ran, but its Delete", async () => {
    const res = await sophie.post("/api/networks/lilas/commons", { kind: "kit", title: "Kit du local 7Q9Z", visibility: "public" });
    expect(res.status).toBe(201);
    expect((await sophie.patch(`/api/resources/${res.body.resource.id}`, { visibility: "network" })).status).toBe(200);
    const sent = await t.drain();
    expect(sent.map((d) => d.activity.type)).toEqual(["Delete"]);
    expect(JSON.stringify(sent)).not.toContain("7Q9Z");
  });
});
