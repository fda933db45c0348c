// Announcements on the wire: what followers and partners receive for each
// change (Create / Announce / Update / Delete), how the Note reads on
// Mastodon (HTML, hashtags, link), and who may fetch it by its id.
import { signRequest } from "@fedify/fedify";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, membershipTable, partnershipTable, remoteActorTable, type Member } from "../../db/schema/index.ts";
import { federatedOutbox } from "../../federation/announcement-outbox.ts";
import { deleteAnnouncement, editAnnouncement, postAnnouncement, type Publishing } from "../../server/domain/announcements.ts";
import { selfActor } from "../../server/domain/acts.ts";
import type { RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const GROUP = `${ORIGIN}/n/les-tilleuls`;
const CLAIRE = `${ORIGIN}/m/claire`;

let app: TestInstance;
let publishing: Publishing;
let animator: Member;
let claire: Member;
let alice: RemoteActorKeys; // follows the network
let erin: RemoteActorKeys; // follows claire
let partner: RemoteActorKeys; // a partner network elsewhere

async function remember(actor: RemoteActorKeys) {
  const doc = app.remote.documents.get(actor.id) as any;
  await app.db
    .insert(remoteActorTable)
    .values({ id: actor.id, type: doc.type, host: new URL(actor.id).host, inbox: doc.inbox, sharedInbox: doc.endpoints?.sharedInbox ?? null })
    .onConflictDoNothing();
}

beforeAll(async () => {
  app = await createTestInstance();
  publishing = { origin: ORIGIN, outbox: federatedOutbox(app.federation, ORIGIN) };
  const network = await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls du Parc" });
  animator = await seedMember(app.db, "sophie", network.id);
  await app.db.update(membershipTable).set({ role: "animator" }).where(eq(membershipTable.memberId, animator.id));
  claire = await seedMember(app.db, "claire", network.id);
  alice = await app.remote.addActor({ id: "https://mastodon.example/users/alice" });
  erin = await app.remote.addActor({ id: "https://misskey.example/users/erin", sharedInbox: null });
  partner = await app.remote.addActor({ id: "https://ailleurs.example/n/la-fontaine", type: "Group", sharedInbox: null });
  for (const a of [alice, erin, partner]) await remember(a);
  await app.db.insert(followerTable).values([
    { networkId: network.id, remoteActorId: alice.id, followId: `${alice.id}#follow`, state: "accepted" },
    { memberId: claire.id, remoteActorId: erin.id, followId: `${erin.id}#follow`, state: "accepted" },
  ]);
  await app.db.insert(partnershipTable).values({ networkId: network.id, partnerActorId: partner.id, state: "active" });
});
afterAll(() => app.close());

async function delivered<T>(change: () => Promise<T>) {
  app.remote.deliveries.length = 0;
  const result = await change();
  await app.drain();
  return { result, deliveries: app.remote.deliveries.map((d) => ({ inbox: d.inbox, ...d.activity })) as any[] };
}

const postAs = (member: Member, input: Parameters<typeof postAnnouncement>[3]) =>
  postAnnouncement(app.db, selfActor(member), "les-tilleuls", input, publishing).then((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  });

describe("a public announcement by the network", () => {
  let id: string;
  let url: string;

  it("is a Create(Note) from the Group to its followers, readable on Mastodon", async () => {
    const { result, deliveries } = await delivered(() =>
      postAs(animator, { content: "Café-rencontre samedi à 10 h <salle des fêtes>\n\nInscriptions : https://example.org/cafe #café", visibility: "public", asNetwork: true }),
    );
    ({ id, url } = result);
    expect(url).toBe(`${GROUP}/a/${id}`);
    expect(deliveries).toHaveLength(1);
    const [create] = deliveries;
    expect(create).toMatchObject({ inbox: "https://mastodon.example/inbox", type: "Create", actor: GROUP, to: PUBLIC, cc: `${GROUP}/followers` });
    const note = create.object;
    expect(note).toMatchObject({ type: "Note", id: url, url, attributedTo: GROUP, audience: GROUP, to: PUBLIC, cc: `${GROUP}/followers`, published: expect.any(String) });
    expect(note.content).toBe(note.contentMap.fr);
    expect(note.content).toContain("<p>Café-rencontre samedi à 10 h &lt;salle des fêtes&gt;</p><p>Inscriptions : ");
    expect(note.content).toContain('<a href="https://example.org/cafe" rel="nofollow noopener noreferrer" target="_blank">https://example.org/cafe</a>');
    expect(note.content).toContain(`#<span>Annonce</span></a> <a href="${GROUP}?tag=LesTilleulsDuParc" class="mention hashtag" rel="tag">#<span>LesTilleulsDuParc</span></a>`);
    expect(note.content).toContain(`<a href="${url}">Voir l’annonce sur la page du réseau Les Tilleuls du Parc</a>`);
    expect(note.tag).toEqual([
      { type: "Hashtag", href: `${GROUP}?tag=Annonce`, name: "#Annonce" },
      { type: "Hashtag", href: `${GROUP}?tag=LesTilleulsDuParc`, name: "#LesTilleulsDuParc" },
      { type: "Hashtag", href: `${GROUP}?tag=caf%C3%A9`, name: "#café" },
    ]);
  });

  it("is served at its id to ActivityPub clients, and listed in the Group's outbox", async () => {
    const res = await app.get(new URL(url).pathname);
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served).toMatchObject({ type: "Note", id: url, attributedTo: GROUP, audience: GROUP, cc: `${GROUP}/followers` });
    expect([PUBLIC, "as:Public"]).toContain(served.to); // Fedify compacts the served document
    const page = await (await app.get("/n/les-tilleuls/outbox?cursor=0")).json();
    expect(page.orderedItems).toEqual([expect.objectContaining({ type: "Create", object: url })]);
  });

  it("an edit is an Update(Note) with `updated`; a deletion a Delete(Tombstone)", async () => {
    const edit = await delivered(() => editAnnouncement(app.db, selfActor(animator), id, { content: "Café reporté à dimanche" }, publishing));
    expect(edit.deliveries).toHaveLength(1);
    expect(edit.deliveries[0]).toMatchObject({ type: "Update", actor: GROUP, object: { id: url, updated: expect.any(String) } });
    expect(edit.deliveries[0].object.content).toContain("<p>Café reporté à dimanche</p>");
    const removal = await delivered(() => deleteAnnouncement(app.db, selfActor(animator), id, publishing));
    expect(removal.deliveries).toHaveLength(1);
    expect(removal.deliveries[0]).toMatchObject({ type: "Delete", actor: GROUP, object: { type: "Tombstone", id: url } });
    expect((await app.get(new URL(url).pathname)).status).toBe(404);
    expect(await (await app.get("/n/les-tilleuls/outbox")).json()).toMatchObject({ totalItems: 0 });
  });
});

describe("a member's public announcement", () => {
  it("is Created by the member for its followers and Announced by the Group (FEP-1b12)", async () => {
    const { result, deliveries } = await delivered(() => postAs(claire, { content: "Je prête ma tondeuse", visibility: "public" }));
    const announce = deliveries.find((d) => d.type === "Announce");
    // The Group's boost carries the Note's id (receivers fetch it); the member's Create carries the Note.
    expect(announce).toMatchObject({ inbox: "https://mastodon.example/inbox", actor: GROUP, object: result.url });
    const create = deliveries.find((d) => d.type === "Create");
    expect(create).toMatchObject({ inbox: erin.inbox, actor: CLAIRE, object: { type: "Note", id: result.url, attributedTo: CLAIRE, audience: GROUP } });
    expect(deliveries).toHaveLength(2);
    const edit = await delivered(() => editAnnouncement(app.db, selfActor(claire), result.id, { content: "Tondeuse prêtée" }, publishing));
    expect(edit.deliveries.map((d) => [d.type, d.actor]).sort()).toEqual([["Update", CLAIRE], ["Update", CLAIRE]]);
    // An animator moderating still has the author's actor send the Delete (only an author may delete its object).
    const removal = await delivered(() => deleteAnnouncement(app.db, selfActor(animator), result.id, publishing));
    expect(removal.deliveries.map((d) => [d.type, d.actor, d.object.type])).toEqual([
      ["Delete", CLAIRE, "Tombstone"],
      ["Delete", CLAIRE, "Tombstone"],
    ]);
  });
});

describe("a partners announcement", () => {
  it("goes to the partner Groups only, and is fetched only with a signature from a partner's host", async () => {
    const { result, deliveries } = await delivered(() => postAs(animator, { content: "Formation commune jeudi", visibility: "partners", asNetwork: true }));
    expect(deliveries.map((d) => [d.inbox, d.type, d.to])).toEqual([[partner.inbox, "Create", partner.id]]);
    const path = new URL(result.url).pathname;
    expect((await app.get(path)).status).toBe(401);
    const signed = await signRequest(new Request(result.url, { headers: { accept: "application/activity+json" } }), partner.privateKey, new URL(partner.keyId));
    const res = await app.federation.fetch(signed, { contextData: app.contextData });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: result.url, to: partner.id });
    const stranger = await app.remote.addActor({ id: "https://elsewhere.example/users/eve" });
    const other = await signRequest(new Request(result.url, { headers: { accept: "application/activity+json" } }), stranger.privateKey, new URL(stranger.keyId));
    expect((await app.federation.fetch(other, { contextData: app.contextData })).status).toBe(401);
    expect(await (await app.get("/n/les-tilleuls/outbox")).json()).toMatchObject({ totalItems: 0 });
  });
});

describe("a network announcement", () => {
  it("produces no activity at all, on post, edit or delete, and is never served", async () => {
    const before = app.queue.entries.length;
    const { result, deliveries } = await delivered(() => postAs(claire, { content: "Réservé aux voisins : code du local 1234" }));
    expect(deliveries).toEqual([]);
    expect((await app.get(new URL(result.url).pathname)).status).toBe(404);
    expect((await delivered(() => editAnnouncement(app.db, selfActor(claire), result.id, { content: "Code changé : 5678" }, publishing))).deliveries).toEqual([]);
    expect((await delivered(() => deleteAnnouncement(app.db, selfActor(claire), result.id, publishing))).deliveries).toEqual([]);
    expect(app.queue.entries.length).toBe(before);
  });
});
