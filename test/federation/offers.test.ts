// Offers over ActivityPub, in one instance around a fake fediverse: what we
// send (a Note Mastodon reads well, with FEP-0837 terms; Update and Delete on
// edit and withdrawal), what a Mastodon reply becomes (an interest only the
// author sees), and offers another Maillage network announces (in our list,
// marked with their network; updated, deleted; answered by a direct reply).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followingTable, networkTable, offerTable, remoteActorTable, remotePostTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { federatedOfferOutbox } from "../../federation/offers/outbox.ts";
import { sweepOffers } from "../../server/domain/offers/expiry.ts";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "..", "fixtures", "offers", name), "utf8");
const AP = "application/activity+json";
const VF = "https://w3id.org/valueflows/ont/vf#";

let t: FederatedTestApp;
let sophie: Client;
let marie: Client;
let paul: Client;
let alice: RemoteActorKeys;
let fontaine: RemoteActorKeys;
let lucie: RemoteActorKeys;

async function deliver(activity: unknown, signer: RemoteActorKeys, path = "/inbox") {
  const res = await t.app.request(await signedPost(`${APP_ORIGIN}${path}`, activity, signer));
  expect(res.status, await res.clone().text()).toBe(202);
  return t.drain();
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  await t.seedKeysOf("network", "lilas");
  for (const handle of ["marie", "paul"]) await t.seedKeysOf("member", handle);
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice", name: "Alice" });
  fontaine = await t.remote.addActor({ id: "https://ailleurs.example/n/fontaine", type: "Group", name: "La Fontaine", sharedInbox: null });
  lucie = await t.remote.addActor({ id: "https://ailleurs.example/m/lucie", name: "Lucie", sharedInbox: null });
  await deliver({ "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}#follow/1`, type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/lilas` }, alice, "/n/lilas/inbox");
});
afterAll(() => t.close());

describe("what we send", () => {
  let offer: any;
  let delivered: any[];

  it("a public offer: the Group announces a Note with a bold title, the text, place, hashtags, link and FEP-0837 terms", async () => {
    offer = (await marie.post("/api/networks/lilas/offers", {
      kind: "offer", theme: "pret-de-materiel", title: "Perceuse à prêter", body: "Avec ses mèches.", place: "Bâtiment C",
      availability: "Le week-end", availableUntil: "2026-12-24", visibility: "public",
    })).body.offer;
    delivered = (await t.drain()).map((d) => d.activity);
    const announce = delivered.find((a) => a.type === "Announce");
    expect(announce).toMatchObject({ actor: `${APP_ORIGIN}/n/lilas`, to: "https://www.w3.org/ns/activitystreams#Public" });
    // The boost carries the offer's id (FEDERATION.md, "What we send"); followers fetch the Note.
    expect(announce.object).toBe(offer.url);
    const note = await (await t.app.request(offer.url, { headers: { accept: AP } })).json();
    expect(note).toMatchObject({ type: "Note", id: offer.url, url: offer.url, name: "Perceuse à prêter", attributedTo: `${APP_ORIGIN}/m/marie`, audience: `${APP_ORIGIN}/n/lilas` });
    expect(note.content).toMatch(/^<p><strong>Je propose : Perceuse à prêter<\/strong><\/p><p>Avec ses mèches\.<\/p>/);
    expect(note.content).toContain("📍 Bâtiment C");
    expect(note.content).toContain("Le week-end, jusqu’au 24 décembre 2026");
    expect(note.content).toContain(`<a href="${offer.url}">Voir l’offre sur la page du réseau Les Lilas</a>`);
    expect(note.tag.map((h: any) => h.name)).toEqual(["#PrêtDeMatériel", "#Offre", "#LesLilas"]);
    expect(note.location).toMatchObject({ type: "Place", name: "Bâtiment C" });
    expect(note).toMatchObject({ purpose: "offer", publishes: { type: "Intent", action: "transfer", resourceConformsTo: `${APP_ORIGIN}/themes/pret-de-materiel` } });
  });

  it("its id serves the same Note with FEP-0837 terms in a context of their own", async () => {
    const res = await t.app.request(offer.url, { headers: { accept: AP } });
    expect(res.status).toBe(200);
    const note = await res.json();
    expect(note["@context"]).toContainEqual(expect.objectContaining({ vf: VF, purpose: "vf:purpose" }));
    expect(note).toMatchObject({ type: "Note", purpose: "offer", publishes: { type: "Intent", resourceConformsTo: `${APP_ORIGIN}/themes/pret-de-materiel` } });
  });

  it("an edit federates an Update, a withdrawal a Delete; then the object is gone", async () => {
    await marie.patch(`/api/offers/${offer.id}`, { title: "Perceuse et mèches à prêter" });
    const [update] = (await t.drain()).map((d) => d.activity);
    expect(update).toMatchObject({ type: "Update", actor: `${APP_ORIGIN}/m/marie`, object: { id: offer.url, name: "Perceuse et mèches à prêter" } });
    await marie.post(`/api/offers/${offer.id}/withdraw`);
    const [del] = (await t.drain()).map((d) => d.activity);
    expect(del).toMatchObject({ type: "Delete", object: { type: "Tombstone", id: offer.url } });
    const gone = await t.app.request(offer.url, { headers: { accept: AP } });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ type: "Tombstone", id: offer.url, formerType: "Note" });
  });
});

describe("expiry", () => {
  it("an expired public offer federates a Delete; a network one sends nothing", async () => {
    const open = (await marie.post("/api/networks/lilas/offers", { kind: "request", theme: "covoiturage", title: "Aller à la gare", visibility: "public" })).body.offer;
    await marie.post("/api/networks/lilas/offers", { kind: "request", theme: "covoiturage", title: "Secret", visibility: "network" });
    await t.drain();
    const outbox = federatedOfferOutbox(t.federation, APP_ORIGIN);
    const result = await sweepOffers(t.db, { origin: APP_ORIGIN, outbox }, new Date(Date.now() + 200 * 86_400_000));
    expect(result.expired).toBeGreaterThanOrEqual(2);
    const sent = (await t.drain()).map((d) => d.activity);
    expect(sent.map((a) => `${a.type} ${(a.object as any).id}`)).toContain(`Delete ${open.url}`);
    expect(JSON.stringify(sent)).not.toContain("Secret");
  });
});

describe("a reply from Mastodon", () => {
  it("becomes an interest only the author sees, sanitised, never a public reply", async () => {
    const offer = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Perceuse", visibility: "public" })).body.offer;
    await t.drain();
    await deliver(JSON.parse(fixture("mastodon-reply-to-offer.json").replaceAll("{{OFFER_URL}}", offer.url)), alice);
    const seen = (await marie.get(`/api/offers/${offer.id}`)).body.offer;
    expect(seen.interested).toBe(1);
    const [conversation] = seen.conversations;
    expect(conversation.remoteResponder).toMatchObject({ id: alice.id, name: "Alice" });
    expect(conversation.messages[0].html).toContain("je peux passer jeudi soir ?");
    expect(conversation.messages[0].html).not.toContain("<script");
    expect((await marie.get("/api/me/notifications")).body.notifications[0]).toMatchObject({ kind: "offers.interest", from: "Alice" });
    for (const other of [paul, sophie, t.client()]) {
      const res = await other.get(`/api/offers/${offer.id}`);
      expect(res.body.offer.conversations).toEqual([]);
      expect(res.text).not.toContain("jeudi soir");
    }
    expect(await t.db.select().from(remotePostTable).where(eq(remotePostTable.inReplyTo, offer.url))).toEqual([]);
  });
});

describe("offers from a followed network", () => {
  const announce = () => JSON.parse(fixture("maillage-announce-offer.json"));
  const remoteId = "https://ailleurs.example/n/fontaine/o/7d0c7f4a-3b1e-4f8e-9a77-2f5e8f0f9b11";

  it("appear in the list of the network that follows it, marked with their network; not elsewhere", async () => {
    // Its server serves the object (with the FEP-0837 terms Fedify does not keep).
    t.remote.serve(remoteId, { "@context": announce()["@context"], ...announce().object });
    // Unfollowed: ignored.
    await deliver(announce(), fontaine);
    expect(await t.db.select().from(offerTable).where(eq(offerTable.apId, remoteId))).toEqual([]);
    const [lilas] = await t.db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
    await t.db.insert(remoteActorTable).values({ id: fontaine.id, type: "Group", host: "ailleurs.example", name: "La Fontaine", inbox: fontaine.inbox });
    await t.db.insert(followingTable).values({ networkId: lilas.id, remoteActorId: fontaine.id, followId: `${APP_ORIGIN}/n/lilas#follow/1`, state: "accepted" });
    await deliver({ ...announce(), id: `${fontaine.id}#announce/again` }, fontaine);
    const listed = (await marie.get("/api/networks/lilas/offers?q=scie")).body.offers;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      title: "Scie sauteuse à prêter", kind: "offer", theme: { slug: "pret-de-materiel", labelFr: "Prêt de matériel" },
      place: "Résidence La Fontaine", url: remoteId, author: null,
      network: { slug: null, name: "La Fontaine", remote: true }, remoteAuthor: { id: lucie.id },
    });
    expect(listed[0].body).toContain("Avec trois lames neuves.");
    expect((await marie.get(`/api/networks/lilas/offers?network=${encodeURIComponent(fontaine.id)}`)).body.offers).toHaveLength(1);
    // Visitors see only the network's own public offers.
    expect((await t.client().get("/api/networks/lilas/offers?q=scie")).body.offers).toEqual([]);
  });

  it("one whose server does not answer in time is fetched again later, not lost", async () => {
    const id = "https://ailleurs.example/n/fontaine/o/0b7e4c1a-5d2f-4c3e-8a9b-1c2d3e4f5a6b";
    const object = { ...announce().object, id, name: "Perceuse à prêter" };
    t.remote.serve(id, { "@context": announce()["@context"], ...object });
    t.remote.unanswered.add(id);
    const delayedBefore = t.queue.delayed.length;
    await deliver({ ...announce(), id: `${fontaine.id}#announce/slow`, object }, fontaine);
    expect(await t.db.select().from(offerTable).where(eq(offerTable.apId, id))).toEqual([]);
    expect(t.queue.delayed).toHaveLength(delayedBefore + 1);
    // Its server answers again by the retry: the offer is kept then.
    t.remote.unanswered.delete(id);
    for (const entry of t.queue.entries) entry.readyAt = 0;
    await t.drain();
    const [kept] = await t.db.select().from(offerTable).where(eq(offerTable.apId, id));
    expect(kept).toMatchObject({ title: "Perceuse à prêter", remoteNetworkId: fontaine.id });
  });

  it("a member's « ça m'intéresse » is a direct reply to its author", async () => {
    const [row] = await t.db.select().from(offerTable).where(eq(offerTable.apId, remoteId));
    const res = await paul.post(`/api/offers/${row.id}/responses`, { message: "Je peux l'emprunter samedi ?" });
    expect(res.status).toBe(201);
    expect(res.body.offer.conversations[0].messages[0].body).toBe("Je peux l'emprunter samedi ?");
    const [sent] = await t.drain();
    expect(sent.inbox).toBe(lucie.inbox);
    expect(sent.activity).toMatchObject({ type: "Create", actor: `${APP_ORIGIN}/m/paul`, object: { type: "Note", inReplyTo: remoteId, to: lucie.id } });
    expect((sent.activity.object as any).content).toContain("Je peux l&#39;emprunter samedi ?");
  });

  it("its author's Update applies, and Delete removes it", async () => {
    const update = { "@context": "https://www.w3.org/ns/activitystreams", id: `${lucie.id}#update/1`, type: "Update", actor: lucie.id,
      object: { ...announce().object, "@context": undefined, name: "Scie sauteuse (prêtée jusqu'à lundi)", content: "<p>Accord trouvé</p>" } };
    delete update.object["@context"];
    await deliver(update, lucie);
    const [row] = await t.db.select().from(offerTable).where(eq(offerTable.apId, remoteId));
    expect(row).toMatchObject({ title: "Scie sauteuse (prêtée jusqu'à lundi)", status: "agreed" });
    await deliver({ "@context": "https://www.w3.org/ns/activitystreams", id: `${lucie.id}#delete/1`, type: "Delete", actor: lucie.id, object: { type: "Tombstone", id: remoteId } }, lucie);
    expect(await t.db.select().from(offerTable).where(eq(offerTable.apId, remoteId))).toEqual([]);
  });
});
