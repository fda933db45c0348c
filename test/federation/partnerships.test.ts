// Partnerships with a remote network over signed HTTP: we ask and they
// accept, they ask and we accept or decline, either side ends it.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, followingTable, membershipTable, partnershipTable, remotePostTable, type Member } from "../../db/schema/index.ts";
import { partnerRecipients } from "../../federation/access.ts";
import { partnershipPort } from "../../federation/partnerships.ts";
import { decidePartnership, listPartners, requestPartnership } from "../../server/domain/partnerships.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const GROUP = `${ORIGIN}/n/les-lilas`;
const AS = "https://www.w3.org/ns/activitystreams";

let app: TestInstance;
let lilasId: string;
let sophie: Member;
let fontaine: RemoteActorKeys;
let platanes: RemoteActorKeys;
let cedres: RemoteActorKeys;

const port = () => partnershipPort(ORIGIN, app.db, app.federation);
const partnership = async (partner: string) =>
  (await app.db.select().from(partnershipTable).where(and(eq(partnershipTable.networkId, lilasId), eq(partnershipTable.partnerActorId, partner))))[0];
const followers = (actor: string) => app.db.select().from(followerTable).where(eq(followerTable.remoteActorId, actor));
const following = (actor: string) => app.db.select().from(followingTable).where(eq(followingTable.remoteActorId, actor));

async function deliver(activity: Record<string, unknown>, signer: RemoteActorKeys) {
  const response = await app.post(await signedPost(`${GROUP}/inbox`, { "@context": AS, ...activity }, signer));
  await app.drain();
  return response;
}
const sentTo = (actor: RemoteActorKeys, type: string) => app.remote.deliveriesOfType(type).filter((d) => d.inbox === actor.inbox);

beforeAll(async () => {
  app = await createTestInstance();
  // Approving followers must not hold partners' follows back.
  lilasId = (await seedNetwork(app.db, { slug: "les-lilas", name: "Les Lilas", approvesFollowers: true })).id;
  sophie = await seedMember(app.db, "sophie", lilasId);
  await app.db.update(membershipTable).set({ role: "animator" }).where(eq(membershipTable.memberId, sophie.id));
  const group = (id: string) => app.remote.addActor({ id, type: "Group", sharedInbox: null });
  fontaine = await group("https://autre.example/n/fontaine");
  platanes = await group("https://loin.example/n/platanes");
  cedres = await group("https://loin.example/n/cedres");
});
afterAll(() => app.close());

describe("we ask a remote network", () => {
  it("sends a Follow carrying the request and keeps it outgoing", async () => {
    const asked = await requestPartnership(app.db, port(), sophie, "les-lilas", { partner: fontaine.id, message: "Échangeons nos fiches" });
    expect(asked).toMatchObject({ ok: true, value: { state: "outgoing", partner: { actorId: fontaine.id, handle: "@fontaine@autre.example", local: false } } });
    await app.drain();
    const [follow] = sentTo(fontaine, "Follow");
    expect(follow.activity).toMatchObject({ actor: GROUP, object: fontaine.id, name: "partnership", content: "<p>Échangeons nos fiches</p>" });
    expect(follow.headers.get("signature") ?? follow.headers.get("signature-input")).toBeTruthy();
    expect(await partnerRecipients(app.db, lilasId)).toEqual([]);
  });

  it("becomes active on their Accept, and their follow back is accepted at once", async () => {
    const [follow] = sentTo(fontaine, "Follow");
    expect((await deliver({ id: `${fontaine.id}#accept/1`, type: "Accept", actor: fontaine.id, object: follow.activity.id }, fontaine)).status).toBe(202);
    expect((await partnership(fontaine.id)).state).toBe("active");
    expect((await following(fontaine.id))[0].state).toBe("accepted");
    const back = { id: `${fontaine.id}#follow/back`, type: "Follow", actor: fontaine.id, object: GROUP };
    await deliver(back, fontaine);
    expect((await followers(fontaine.id))[0]).toMatchObject({ state: "accepted", followId: back.id });
    expect((sentTo(fontaine, "Accept")[0].activity.object as { id: string }).id).toBe(back.id);
    expect((await partnerRecipients(app.db, lilasId)).map((r) => r.id?.href)).toEqual([fontaine.id]);
    const partners = await listPartners(app.db, port(), "les-lilas");
    expect(partners).toMatchObject({ ok: true, value: [{ actorId: fontaine.id, handle: "@fontaine@autre.example", local: false }] });
  });

  it("ends it: Undo(Follow) sent, rows gone, no partner delivery", async () => {
    app.remote.deliveries.length = 0;
    const row = await partnership(fontaine.id);
    expect(await decidePartnership(app.db, port(), sophie, "les-lilas", row.id, "end")).toMatchObject({ ok: true, value: { state: "ended" } });
    await app.drain();
    const [undo] = sentTo(fontaine, "Undo");
    expect(undo.activity).toMatchObject({ actor: GROUP, object: { type: "Follow", actor: GROUP, object: fontaine.id } });
    expect(await following(fontaine.id)).toHaveLength(0);
    expect(await followers(fontaine.id)).toHaveLength(0);
    expect(await partnerRecipients(app.db, lilasId)).toEqual([]);
    // Their Undo of their follow, crossing ours, changes nothing more.
    await deliver({ id: `${fontaine.id}#undo/1`, type: "Undo", actor: fontaine.id, object: { type: "Follow", id: `${fontaine.id}#follow/back`, actor: fontaine.id, object: GROUP } }, fontaine);
    expect((await partnership(fontaine.id)).state).toBe("ended");
  });

  it("is declined by their Reject", async () => {
    app.remote.deliveries.length = 0;
    await requestPartnership(app.db, port(), sophie, "les-lilas", { partner: fontaine.id });
    await app.drain();
    const [follow] = sentTo(fontaine, "Follow");
    await deliver({ id: `${fontaine.id}#reject/1`, type: "Reject", actor: fontaine.id, object: follow.activity.id }, fontaine);
    expect((await partnership(fontaine.id)).state).toBe("declined");
    expect(await following(fontaine.id)).toHaveLength(0);
  });

  it("refuses what is not a remote network", async () => {
    const person = await app.remote.addActor({ id: "https://autre.example/users/paul" });
    expect(await requestPartnership(app.db, port(), sophie, "les-lilas", { partner: person.id })).toMatchObject({
      ok: false,
      error: { code: "partner_not_a_network", field: "partner" },
    });
    expect(await requestPartnership(app.db, port(), sophie, "les-lilas", { partner: "https://autre.example/n/personne" })).toMatchObject({
      ok: false,
      error: { code: "partner_not_found", field: "partner" },
    });
  });
});

describe("a remote network asks us", () => {
  const request = (group: RemoteActorKeys, n: number) => ({
    id: `${group.id}#follow/${n}`,
    type: "Follow",
    actor: group.id,
    object: GROUP,
    name: "partnership",
    content: "<p>Bonjour <b>les Lilas</b></p>",
  });

  it("keeps the request for the animators, apart from followers", async () => {
    app.remote.deliveries.length = 0;
    expect((await deliver(request(platanes, 1), platanes)).status).toBe(202);
    expect(await partnership(platanes.id)).toMatchObject({ state: "incoming", message: "Bonjour les Lilas", requestActivityId: `${platanes.id}#follow/1` });
    expect(await followers(platanes.id)).toHaveLength(0);
    expect(app.remote.deliveries).toHaveLength(0);
    // A Group's plain Follow is an ordinary (here: pending) follow.
    await deliver({ id: `${cedres.id}#follow/plain`, type: "Follow", actor: cedres.id, object: GROUP }, cedres);
    expect(await partnership(cedres.id)).toBeUndefined();
    expect((await followers(cedres.id))[0].state).toBe("pending");
  });

  it("on acceptance: Accept of their Follow, our follow back, both active", async () => {
    const row = await partnership(platanes.id);
    expect(await decidePartnership(app.db, port(), sophie, "les-lilas", row.id, "accept")).toMatchObject({ ok: true, value: { state: "active" } });
    await app.drain();
    expect((sentTo(platanes, "Accept")[0].activity.object as { id: string }).id).toBe(`${platanes.id}#follow/1`);
    const [back] = sentTo(platanes, "Follow");
    expect(back.activity).toMatchObject({ actor: GROUP, object: platanes.id, name: "partnership" });
    expect((await followers(platanes.id))[0].state).toBe("accepted");
    await deliver({ id: `${platanes.id}#accept/1`, type: "Accept", actor: platanes.id, object: back.activity.id }, platanes);
    expect((await following(platanes.id))[0].state).toBe("accepted");
    expect((await partnerRecipients(app.db, lilasId)).map((r) => r.id?.href)).toEqual([platanes.id]);
  });

  it("their Undo ends it, and we undo our follow too", async () => {
    app.remote.deliveries.length = 0;
    await deliver({ id: `${platanes.id}#undo/1`, type: "Undo", actor: platanes.id, object: request(platanes, 1) }, platanes);
    expect((await partnership(platanes.id)).state).toBe("ended");
    expect(sentTo(platanes, "Undo")[0].activity).toMatchObject({ actor: GROUP, object: { type: "Follow", object: platanes.id } });
    expect(await followers(platanes.id)).toHaveLength(0);
    expect(await following(platanes.id)).toHaveLength(0);
    expect(await partnerRecipients(app.db, lilasId)).toEqual([]);
  });

  it("a new request can be declined: Reject, nothing stored as follower", async () => {
    app.remote.deliveries.length = 0;
    await deliver(request(platanes, 2), platanes);
    const row = await partnership(platanes.id);
    expect(row.state).toBe("incoming");
    expect(await decidePartnership(app.db, port(), sophie, "les-lilas", row.id, "decline")).toMatchObject({ ok: true, value: { state: "declined" } });
    await app.drain();
    expect((sentTo(platanes, "Reject")[0].activity.object as { id: string }).id).toBe(`${platanes.id}#follow/2`);
    expect(await followers(platanes.id)).toHaveLength(0);
    expect(await decidePartnership(app.db, port(), sophie, "les-lilas", row.id, "accept")).toMatchObject({
      ok: false,
      error: { code: "partnership_not_incoming" },
    });
  });

  it("a request withdrawn by Undo ends it", async () => {
    await deliver(request(platanes, 3), platanes);
    await deliver({ id: `${platanes.id}#undo/3`, type: "Undo", actor: platanes.id, object: `${platanes.id}#follow/3` }, platanes);
    expect((await partnership(platanes.id)).state).toBe("ended");
  });
});

// Accepting their request, we follow them back: what they then share with us
// (their back-fill) may arrive before their Accept of our follow does.
describe("a partner's shares arriving before their Accept", () => {
  it("are kept: an active partner is heard from even while our follow back waits", async () => {
    const tilleuls = await app.remote.addActor({ id: "https://voisins.example/n/tilleuls", type: "Group", sharedInbox: null });
    const benoit = await app.remote.addActor({ id: "https://voisins.example/m/benoit", type: "Person", sharedInbox: null });
    await deliver({ id: `${tilleuls.id}#follow/1`, type: "Follow", actor: tilleuls.id, object: GROUP, name: "partnership" }, tilleuls);
    const row = await partnership(tilleuls.id);
    expect(await decidePartnership(app.db, port(), sophie, "les-lilas", row.id, "accept")).toMatchObject({ ok: true, value: { state: "active" } });
    await app.drain();
    expect((await following(tilleuls.id))[0].state).toBe("pending");
    const note = {
      id: `${benoit.id}/notes/1`, type: "Note", attributedTo: benoit.id, content: "<p>Atelier vélo samedi</p>",
      to: [`${AS}#Public`], published: new Date().toISOString(),
    };
    await deliver({ id: `${tilleuls.id}#announce/1`, type: "Announce", actor: tilleuls.id, object: note, to: [`${AS}#Public`] }, tilleuls);
    const [kept] = await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, note.id));
    expect(kept).toMatchObject({ authorId: benoit.id, announcedById: tilleuls.id });
  });

  it("from a network neither followed nor a partner, an Announce is still ignored", async () => {
    const inconnus = await app.remote.addActor({ id: "https://ailleurs.example/n/inconnus", type: "Group", sharedInbox: null });
    const note = { id: `${inconnus.id}/notes/1`, type: "Note", attributedTo: inconnus.id, content: "<p>Pub</p>", to: [`${AS}#Public`] };
    await deliver({ id: `${inconnus.id}#announce/1`, type: "Announce", actor: inconnus.id, object: note, to: [`${AS}#Public`] }, inconnus);
    expect(await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, note.id))).toEqual([]);
  });
});

// Last: closing a second test instance restores the real global fetch.
describe("by handle", () => {
  it("finds the network through WebFinger (test mode: Fedify's own loader over the stub fetch)", async () => {
    const instance = await createTestInstance({ allowPrivateAddress: true });
    try {
      const network = await seedNetwork(instance.db, { slug: "les-lilas", name: "Les Lilas" });
      const animator = await seedMember(instance.db, "sophie", network.id);
      await instance.db.update(membershipTable).set({ role: "animator" }).where(eq(membershipTable.memberId, animator.id));
      const target = await instance.remote.addActor({ id: "https://autre.example/n/fontaine", type: "Group" });
      const asked = await requestPartnership(instance.db, partnershipPort(ORIGIN, instance.db, instance.federation), animator, "les-lilas", {
        partner: "@fontaine@autre.example",
      });
      expect(asked).toMatchObject({ ok: true, value: { state: "outgoing", partner: { actorId: target.id } } });
      await instance.drain();
      expect(instance.remote.deliveriesOfType("Follow").map((d) => d.inbox)).toEqual([target.inbox]);
    } finally {
      await instance.close();
    }
  });
});
