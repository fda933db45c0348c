// Moderation of accounts from elsewhere, through the API with the federation
// on: a member reports a Mastodon account that replied to them and asks to
// forward it; a `Flag` goes out from the instance actor through the queue,
// without the reporter's name; the animators block the account's server for
// the network (its replies are then dropped) and ask the admin to block it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkBlockTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client;
let marie: Client;
let troll: RemoteActorKeys;
let offer: any;
let n = 0;

async function reply(to: string, text: string) {
  n += 1;
  const activity = {
    "@context": "https://www.w3.org/ns/activitystreams", id: `${troll.id}/statuses/${n}/activity`, type: "Create", actor: troll.id,
    object: { id: `${troll.id}/statuses/${n}`, type: "Note", attributedTo: troll.id, inReplyTo: to, content: `<p>${text}</p>`, to: `${APP_ORIGIN}/m/marie` },
  };
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, activity, troll))).status).toBe(202);
  await t.drain();
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  troll = await t.remote.addActor({ id: "https://troll.example/users/grincheux" });
  offer = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Un canapé", visibility: "public" })).body.offer;
  await t.drain();
  await reply(offer.url, "Personne n'en veut, de ton canapé");
});
afterAll(() => t.close());

describe("an account from elsewhere", () => {
  it("reported with forward: a Flag from the instance actor reaches its server, naming the account and not the reporter", async () => {
    const res = await marie.post("/api/reports", { subjectType: "remote_actor", subjectId: troll.id, reason: "incivility", comment: "Moqueries sous mes offres", forward: true });
    expect(res.status).toBe(201);
    const flags = (await t.drain()).filter((d) => d.activity.type === "Flag");
    expect(flags).toHaveLength(1);
    expect(flags[0].activity).toMatchObject({ actor: `${APP_ORIGIN}/actor`, object: troll.id, content: "Moqueries sous mes offres" });
    expect(flags[0].inbox).toBe("https://troll.example/inbox");
    expect(JSON.stringify(flags[0].activity)).not.toMatch(/marie/i);
    const [report] = (await sophie.get("/api/networks/lilas/moderation")).body.reports;
    expect(report).toMatchObject({ target: { actor: troll.id, member: null }, forward: true });
    expect(report.forwardedAt).not.toBeNull();
    // Already forwarded: the animators cannot send it twice.
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "forward" })).body.error.code).toBe("already_forwarded");
    // Hide, warn, suspend are for our members' content and members.
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "warn", reason: "x" })).body.error.field).toBe("action");
  });

  it("blocked for the network (its whole server): its replies are dropped; the admin is asked to block the domain", async () => {
    const [report] = (await sophie.get("/api/networks/lilas/moderation")).body.reports;
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "block_remote", scope: "server", reason: "Moqueries répétées" })).status).toBe(200);
    expect(await t.db.select().from(networkBlockTable)).toMatchObject([{ target: "troll.example", kind: "host" }]);
    const other = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Une lampe", visibility: "public" })).body.offer;
    const deliveries = await t.drain();
    expect(deliveries.some((d) => d.inbox.startsWith("https://troll.example/"))).toBe(false);
    await reply(other.url, "Et ta lampe, pareil");
    expect((await marie.get(`/api/offers/${other.id}`)).text).not.toContain("ta lampe");

    const again = (await sophie.post("/api/reports", { subjectType: "remote_actor", subjectId: troll.id, reason: "incivility" })).body.report;
    const [open] = (await sophie.get("/api/networks/lilas/moderation")).body.reports;
    expect(open.id).toBe(again.id);
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${open.id}/actions`, { action: "request_domain_block", reason: "Tout le serveur est hostile" })).status).toBe(200);
    const notes = (await admin.get("/api/me/notifications")).body.notifications;
    expect(notes.find((x: any) => x.kind === "moderation.domain_block_requested")).toMatchObject({ subject: { title: "troll.example" }, from: "Les Lilas" });
    const log = (await sophie.get("/api/networks/lilas/moderation/log")).body.entries.map((e: any) => e.action);
    expect(log).toEqual(["request_domain_block", "block_remote"]);
  });
});
