// Authorized fetch of partner-only objects (mayFetch), domain blocks and
// allowlist mode, with real HTTP signatures.
import { Note } from "@fedify/vocab";
import { signRequest } from "@fedify/fedify";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainBlockTable, followerTable, networkAllowedHostTable, partnershipTable, remoteActorTable, remotePostTable, remoteReactionTable } from "../../db/schema/index.ts";
import { mayFetch, partnerRecipients } from "../../federation/access.ts";
import { followRemote } from "../../federation/follows.ts";
import { publish } from "../../federation/publish.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedNetwork, type TestInstance } from "./support/instance.ts";

const AS = "https://www.w3.org/ns/activitystreams";

let app: TestInstance;
let lilasId: string;
let acaciasId: string;
let partnerGroup: RemoteActorKeys;
let partnerPerson: RemoteActorKeys;
let stranger: RemoteActorKeys;

async function remember(actor: RemoteActorKeys) {
  const doc = app.remote.documents.get(actor.id) as { type: string; inbox: string; endpoints?: { sharedInbox?: string } };
  await app.db
    .insert(remoteActorTable)
    .values({ id: actor.id, type: doc.type, host: new URL(actor.id).host, inbox: doc.inbox, sharedInbox: doc.endpoints?.sharedInbox ?? null })
    .onConflictDoNothing();
}
async function seedFollower(networkId: string, actor: RemoteActorKeys) {
  await remember(actor);
  await app.db.insert(followerTable).values({ networkId, remoteActorId: actor.id, followId: `${actor.id}#f/${crypto.randomUUID()}`, state: "accepted" });
}
async function activePartner(networkId: string, group: RemoteActorKeys) {
  await remember(group);
  await app.db.insert(partnershipTable).values({ networkId, partnerActorId: group.id, state: "active", decidedAt: new Date() });
}
const follow = (actor: RemoteActorKeys, slug: string, extra: Record<string, unknown> = {}) => ({
  "@context": AS,
  id: `${actor.id}#follows/${crypto.randomUUID()}`,
  type: "Follow",
  actor: actor.id,
  object: `${ORIGIN}/n/${slug}`,
  ...extra,
});
async function deliver(slug: string, activity: unknown, signer: RemoteActorKeys) {
  const response = await app.post(await signedPost(`${ORIGIN}/n/${slug}/inbox`, activity, signer));
  await app.drain();
  return response;
}
const followerOf = async (networkId: string, actor: RemoteActorKeys) =>
  (await app.db.select().from(followerTable).where(and(eq(followerTable.networkId, networkId), eq(followerTable.remoteActorId, actor.id))))[0];

/** A RequestContext for a GET of a partner-only object, signed by `signer` or not. */
async function requestContext(signer?: RemoteActorKeys) {
  let request = new Request(`${ORIGIN}/n/les-lilas/annonces/1`, { headers: { accept: "application/activity+json" } });
  if (signer) request = await signRequest(request, signer.privateKey, new URL(signer.keyId));
  return app.federation.createContext(request, app.contextData);
}

beforeAll(async () => {
  app = await createTestInstance();
  lilasId = (await seedNetwork(app.db, { slug: "les-lilas", name: "Les Lilas" })).id;
  acaciasId = (await seedNetwork(app.db, { slug: "les-acacias", name: "Les Acacias", federationMode: "allowlist" })).id;
  partnerGroup = await app.remote.addActor({ id: "https://partenaire.example/n/groupe", type: "Group" });
  partnerPerson = await app.remote.addActor({ id: "https://partenaire.example/users/bob" });
  stranger = await app.remote.addActor({ id: "https://autre.example/users/zoe" });
  await activePartner(lilasId, partnerGroup);
  await activePartner(acaciasId, partnerGroup);
});
afterAll(() => app.close());

describe("mayFetch (authorized fetch of partner-only objects)", () => {
  it("serves public objects to anyone and network objects to no one", async () => {
    expect(await mayFetch(await requestContext(), lilasId, "public")).toBe(true);
    expect(await mayFetch(await requestContext(partnerGroup), lilasId, "network")).toBe(false);
  });

  it("serves partner objects to signed requests from a partner's host only", async () => {
    expect(await mayFetch(await requestContext(partnerGroup), lilasId, "partners")).toBe(true);
    expect(await mayFetch(await requestContext(partnerPerson), lilasId, "partners")).toBe(true);
    expect(await mayFetch(await requestContext(), lilasId, "partners")).toBe(false);
    expect(await mayFetch(await requestContext(stranger), lilasId, "partners")).toBe(false);
  });

  it("lists active partners as recipients", async () => {
    expect((await partnerRecipients(app.context(), lilasId)).map((r) => r.inboxId?.href)).toEqual([`${partnerGroup.id}/inbox`]);
    await app.db.update(partnershipTable).set({ state: "ended" }).where(eq(partnershipTable.networkId, lilasId));
    expect(await mayFetch(await requestContext(partnerGroup), lilasId, "partners")).toBe(false);
    expect(await partnerRecipients(app.db, lilasId)).toEqual([]);
    await app.db.update(partnershipTable).set({ state: "active" }).where(eq(partnershipTable.networkId, lilasId));
  });
});

describe("domain blocks", () => {
  let eve: RemoteActorKeys;
  let mallory: RemoteActorKeys;
  let friend: RemoteActorKeys;

  beforeAll(async () => {
    eve = await app.remote.addActor({ id: "https://blocked.example/users/eve", sharedInbox: "https://blocked.example/inbox" });
    mallory = await app.remote.addActor({ id: "https://social.blocked.example/users/mallory" });
    friend = await app.remote.addActor({ id: "https://ami.example/users/ana", sharedInbox: "https://ami.example/inbox" });
    // Eve followed before the block.
    await seedFollower(lilasId, eve);
    await seedFollower(lilasId, friend);
    await app.db.insert(domainBlockTable).values({ host: "blocked.example" });
  });

  it("refuses a signed Follow from a blocked host or its subdomains with 403, storing and sending nothing", async () => {
    app.remote.deliveries.length = 0;
    for (const actor of [eve, mallory]) {
      const response = await deliver("les-lilas", follow(actor, "les-lilas"), actor);
      expect(response.status).toBe(403);
    }
    expect(await followerOf(lilasId, mallory)).toBeUndefined();
    expect(app.remote.deliveries).toHaveLength(0);
    // The same request from a host that is not blocked is accepted.
    expect((await deliver("les-lilas", follow(stranger, "les-lilas"), stranger)).status).toBe(202);
    expect((await followerOf(lilasId, stranger)).state).toBe("accepted");
  });

  it("delivers nothing to a blocked host", async () => {
    app.remote.deliveries.length = 0;
    const note = new Note({ id: new URL("/n/les-lilas/annonces/2", ORIGIN), content: "<p>Fête des voisins</p>" });
    await publish(app.context(), { verb: "create", object: note, visibility: "public", networkSlug: "les-lilas" });
    await app.drain();
    const inboxes = app.remote.deliveries.map((d) => d.inbox);
    expect(inboxes).toContain("https://ami.example/inbox");
    expect(inboxes.some((i) => new URL(i).host.endsWith("blocked.example"))).toBe(false);
    expect(await followRemote(app.context(), "n/les-lilas", eve.id)).toMatchObject({ ok: false, error: { code: "blocked_host" } });
  });

  it("takes a blocked partner out of partner delivery and authorized fetch", async () => {
    await app.db.insert(domainBlockTable).values({ host: "partenaire.example" });
    expect(await partnerRecipients(app.db, lilasId)).toEqual([]);
    expect(await mayFetch(await requestContext(partnerPerson), lilasId, "partners")).toBe(false);
    await app.db.delete(domainBlockTable).where(eq(domainBlockTable.host, "partenaire.example"));
  });
});

describe("allowlist mode", () => {
  let ana: RemoteActorKeys;
  let leo: RemoteActorKeys;

  beforeAll(async () => {
    await app.db.insert(networkAllowedHostTable).values({ networkId: acaciasId, host: "ami.example" });
    ana = await app.remote.addActor({ id: "https://ami.example/users/ana2" });
    leo = await app.remote.addActor({ id: "https://autre.example/users/leo", sharedInbox: null });
  });

  it("accepts follows from allowed hosts and partners' hosts only", async () => {
    app.remote.deliveries.length = 0;
    await deliver("les-acacias", follow(ana, "les-acacias"), ana);
    await deliver("les-acacias", follow(partnerPerson, "les-acacias"), partnerPerson);
    expect((await followerOf(acaciasId, ana)).state).toBe("accepted");
    expect((await followerOf(acaciasId, partnerPerson)).state).toBe("accepted");
    expect((await deliver("les-acacias", follow(leo, "les-acacias"), leo)).status).toBe(202);
    expect(await followerOf(acaciasId, leo)).toBeUndefined();
    expect(app.remote.deliveriesOfType("Reject").map((d) => d.inbox)).toEqual([`${leo.id}/inbox`]);
  });

  it("lets a partnership request through, for the animators to decide", async () => {
    const group = await app.remote.addActor({ id: "https://autre.example/n/cercle", type: "Group" });
    await deliver("les-acacias", follow(group, "les-acacias", { name: "partnership" }), group);
    const [row] = await app.db.select().from(partnershipTable).where(eq(partnershipTable.partnerActorId, group.id));
    expect(row).toMatchObject({ networkId: acaciasId, state: "incoming" });
  });

  it("delivers only to allowed hosts and partners", async () => {
    await seedFollower(acaciasId, leo); // followed before the network switched to allowlist mode
    app.remote.deliveries.length = 0;
    const note = new Note({ id: new URL("/n/les-acacias/annonces/1", ORIGIN), content: "<p>Troc de graines</p>" });
    await publish(app.context(), { verb: "create", object: note, visibility: "public", networkSlug: "les-acacias" });
    await app.drain();
    const hosts = new Set(app.remote.deliveries.map((d) => new URL(d.inbox).host));
    expect([...hosts].sort()).toEqual(["ami.example", "partenaire.example"]);
  });

  it("counts likes and keeps replies from allowed hosts only", async () => {
    const item = `${ORIGIN}/n/les-acacias/annonces/1`;
    for (const actor of [ana, leo]) {
      await deliver("les-acacias", { "@context": AS, id: `${actor.id}#likes/1`, type: "Like", actor: actor.id, object: item }, actor);
      const reply = { id: `${actor.id}/statuses/1`, type: "Note", attributedTo: actor.id, inReplyTo: item, content: "<p>Merci !</p>", to: [`${AS}#Public`] };
      await deliver("les-acacias", { "@context": AS, id: `${actor.id}/statuses/1/activity`, type: "Create", actor: actor.id, object: reply }, actor);
    }
    const likes = await app.db.select().from(remoteReactionTable).where(eq(remoteReactionTable.objectId, item));
    expect(likes.map((l) => l.actorId)).toEqual([ana.id]);
    const replies = await app.db.select().from(remotePostTable).where(eq(remotePostTable.inReplyTo, item));
    expect(replies.map((r) => r.authorId)).toEqual([ana.id]);
  });
});
