// The commons on the wire, through the whole app in process (fake fediverse):
// what a partner Group receives, who may fetch the Article and its files, and
// what we take in from a partner Group (Create, Update, Delete of its Article).
import { signRequest } from "@fedify/fedify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkTable, partnershipTable, remoteActorTable } from "../../db/schema/index.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

const AP = "application/activity+json";
const PARTNER = "https://ailleurs.example/n/fontaine";
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

let t: FederatedTestApp;
let sophie: Client; // animator of lilas
let partner: RemoteActorKeys;
let stranger: RemoteActorKeys;
let fiche: { id: string; url: string; files: { url: string }[] };
let secret: { id: string; url: string };
const created: Record<string, any>[] = [];

const signedGet = (url: string, signer?: RemoteActorKeys, accept = AP) => {
  const request = new Request(url, { headers: { accept } });
  return signer ? signRequest(request, signer.privateKey, new URL(signer.keyId)) : Promise.resolve(request);
};
const fetchAs = async (url: string, signer?: RemoteActorKeys, accept = AP) => t.app.request(await signedGet(url, signer, accept));

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  await t.seedKeysOf("network", "lilas");
  partner = await t.remote.addActor({ id: PARTNER, type: "Group", name: "La Fontaine", sharedInbox: null });
  stranger = await t.remote.addActor({ id: "https://elsewhere.example/users/eve" });
  const [lilas] = await t.db.select().from(networkTable);
  await t.db.insert(remoteActorTable).values({ id: PARTNER, type: "Group", host: "ailleurs.example", name: "La Fontaine", inbox: partner.inbox });
  await t.db.insert(partnershipTable).values({ networkId: lilas.id, partnerActorId: PARTNER, state: "active" });
  const up = await sophie.upload("/api/networks/lilas/media", pdf, "fiche.pdf", { purpose: "document" });
  const res = await sophie.post("/api/networks/lilas/commons", {
    kind: "fiche",
    title: "Éco-gestes au quotidien",
    summary: "Dix gestes simples",
    body: "Éteindre la **lumière**.",
    tags: ["écogestes"],
    authors: ["Sophie"],
    visibility: "partners",
    media: [up.body.media.id],
  });
  expect(res.status).toBe(201);
  fiche = res.body.resource;
  secret = (await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Code du local 4812", visibility: "network" })).body.resource;
  created.push(...(await t.drain()).map((d) => d.activity));
});
afterAll(() => t.close());

describe("a partners resource, sent", () => {
  it("reaches the partner Group as a Create of an Article with name, the subtitle in summaryMap, content, source, file and licence in the HTML", () => {
    expect(created.map((a) => [a.type, a.actor, a.to])).toEqual([["Create", `${APP_ORIGIN}/n/lilas`, PARTNER]]);
    const article = created[0].object;
    expect(article).toMatchObject({ type: "Article", id: fiche.url, url: fiche.url, name: "Éco-gestes au quotidien", summaryMap: { fr: "Dix gestes simples" }, attributedTo: `${APP_ORIGIN}/n/lilas` });
    expect(article).not.toHaveProperty("summary"); // a content warning on Note-first servers
    expect(article.content).toContain("<strong>lumière</strong>");
    expect(article.content).toContain('href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license"');
    expect(article.source).toMatchObject({ content: "Éteindre la **lumière**.", mediaType: "text/markdown" });
    expect(article.attachment).toEqual([{ type: "Document", mediaType: "application/pdf", name: "fiche.pdf", url: fiche.files[0].url }]);
    expect(JSON.stringify(created)).not.toContain("local 4812");
  });

  it("is served with schema:license to a signed request from the partner's instance only", async () => {
    expect((await fetchAs(fiche.url)).status).toBe(401);
    expect((await fetchAs(fiche.url, stranger)).status).toBe(401);
    const res = await fetchAs(fiche.url, partner);
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served["@context"]).toContainEqual({ schema: "http://schema.org/" });
    expect(served).toMatchObject({ type: "Article", "schema:license": "https://creativecommons.org/licenses/by-sa/4.0/", "schema:learningResourceType": "fiche", "schema:author": ["Sophie"] });
  });

  it("has its file refused to an unsigned request and to a non-partner instance, served to the partner instance", async () => {
    const file = fiche.files[0].url;
    expect((await fetchAs(file, undefined, "*/*")).status).toBe(404);
    expect((await fetchAs(file, stranger, "*/*")).status).toBe(404);
    const res = await fetchAs(file, partner, "*/*");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });
});

describe("a public resource", () => {
  it("goes to the Group's followers as Public; each edit is an Update, a visibility narrowed to the network a Delete", async () => {
    const alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
    const follow = { "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}#follow`, type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/lilas` };
    expect((await t.app.request(await signedPost(`${APP_ORIGIN}/n/lilas/inbox`, follow, alice))).status).toBe(202);
    await t.drain();
    const kit = (await sophie.post("/api/networks/lilas/commons", { kind: "kit", title: "Kit compost", visibility: "public" })).body.resource;
    const create = (await t.drain()).filter((d) => d.inbox === alice.inbox || d.inbox === "https://mastodon.example/inbox");
    expect(create.map((d) => [d.activity.type, (d.activity.object as { type: string }).type, d.activity.to])).toEqual([["Create", "Article", "https://www.w3.org/ns/activitystreams#Public"]]);
    expect((await fetchAs(kit.url)).status).toBe(200);
    await sophie.patch(`/api/resources/${kit.id}`, { title: "Kit compost collectif" });
    const update = (await t.drain()).map((d) => d.activity);
    expect(update.map((a) => [a.type, (a.object as { name?: string }).name])).toContainEqual(["Update", "Kit compost collectif"]);
    await sophie.patch(`/api/resources/${kit.id}`, { visibility: "network" });
    const narrowed = (await t.drain()).map((d) => d.activity);
    expect(narrowed.map((a) => [a.type, (a.object as { type: string }).type])).toContainEqual(["Delete", "Tombstone"]);
    // Gone for the outside, which was sent the Delete.
    expect((await fetchAs(kit.url)).status).toBe(410);
  });

  it("narrowed to partners: a Delete to the followers who may no longer see it, the Create to the partner only, and out of the public outbox", async () => {
    const outboxText = async () => {
      const outbox = await (await fetchAs(`${APP_ORIGIN}/n/lilas/outbox`)).json();
      const first = typeof outbox.first === "string" ? await (await fetchAs(outbox.first)).json() : outbox.first;
      return JSON.stringify([outbox, first]);
    };
    const seeds = (await sophie.post("/api/networks/lilas/commons", { kind: "kit", title: "Grainothèque", visibility: "public" })).body.resource;
    await t.drain();
    expect(await outboxText()).toContain(seeds.url);

    expect((await sophie.patch(`/api/resources/${seeds.id}`, { visibility: "partners" })).status).toBe(200);
    const sent = await t.drain();
    const toAlice = sent.filter((d) => d.inbox.startsWith("https://mastodon.example/"));
    expect(toAlice.map((d) => [d.activity.type, (d.activity.object as { type: string; id: string }).type, (d.activity.object as { id: string }).id])).toEqual([["Delete", "Tombstone", seeds.url]]);
    const toPartner = sent.filter((d) => d.inbox === partner.inbox);
    expect(toPartner.map((d) => [d.activity.type, d.activity.to])).toEqual([["Create", PARTNER]]);
    expect(sent.filter((d) => d.activity.type === "Delete" && d.inbox === partner.inbox)).toEqual([]);
    expect(await outboxText()).not.toContain(seeds.url);
    expect((await fetchAs(seeds.url)).status).toBe(401);
    expect((await fetchAs(seeds.url, partner)).status).toBe(200);
  });
});

describe("a network-only resource", () => {
  it("is in no delivery, no outbox, no ActivityPub fetch, no public library, and no other network's view", async () => {
    expect(JSON.stringify(created)).not.toContain(secret.url);
    for (const signer of [undefined, partner]) expect((await fetchAs(secret.url, signer)).status).toBe(404);
    const outbox = await (await fetchAs(`${APP_ORIGIN}/n/lilas/outbox?cursor=0`)).text();
    expect(outbox).not.toContain(secret.url);
    expect(JSON.stringify((await t.client().get("/api/networks/lilas/commons")).body)).not.toContain("local 4812");
    expect((await t.client().get(`/api/resources/${secret.id}`)).status).toBe(404);
    expect((await t.client().get(`/api/resources/${secret.id}/versions`)).status).toBe(404);
    // Members still get its web page at that address.
    expect((await fetchAs(secret.url, undefined, "text/html")).status).toBe(200);
  });
});

describe("a partner's resource, received", () => {
  const id = `${PARTNER}/r/jardin`;
  const article = (name: string) => ({
    "@context": ["https://www.w3.org/ns/activitystreams", { schema: "http://schema.org/" }],
    id,
    type: "Article",
    attributedTo: PARTNER,
    to: [PARTNER.replace("fontaine", "x"), `${APP_ORIGIN}/n/lilas`],
    name,
    summary: "Démarrer un jardin partagé",
    content: "<p>Des <b>graines</b><script>alert(1)</script></p>",
    source: { content: "Des **graines**", mediaType: "text/markdown" },
    attachment: { type: "Document", mediaType: "application/pdf", url: `${PARTNER}/media/1/plan.pdf`, name: "plan.pdf" },
    "schema:license": "https://creativecommons.org/licenses/by-sa/4.0/",
    "schema:learningResourceType": "kit",
    "schema:author": ["Fanny"],
    "schema:isBasedOn": [{ type: "Article", id: "https://tiers.example/n/x/r/1", name: "Jardin v1", attributedTo: { type: "Group", id: "https://tiers.example/n/x", name: "Réseau X" }, "schema:license": "https://creativecommons.org/licenses/by-sa/4.0/" }],
  });
  const deliver = async (type: string, object: unknown, signer = partner) => {
    const activity = { "@context": "https://www.w3.org/ns/activitystreams", id: `${signer.id}#${type}-${Math.random()}`, type, actor: signer.id, object };
    expect((await t.app.request(await signedPost(`${APP_ORIGIN}/n/lilas/inbox`, activity, signer))).status).toBe(202);
    await t.drain();
  };
  const library = async () => (await sophie.get("/api/networks/lilas/commons?scope=partners")).body.items;

  it("is fetched from its id and joins the library with its source, licence and attribution chain", async () => {
    t.remote.serve(id, article("Kit jardin partagé"));
    await deliver("Create", { ...article("Kit jardin partagé"), "schema:license": undefined });
    expect(await library()).toEqual([
      expect.objectContaining({ ref: id, kind: "kit", title: "Kit jardin partagé", licence: "CC-BY-SA-4.0", source: expect.objectContaining({ id: PARTNER, name: "La Fontaine", local: false }), attribution: ["Adapté de « Jardin v1 » du réseau Réseau X, CC BY-SA 4.0"] }),
    ]);
    const shown = (await sophie.get(`/api/commons/shared?ref=${encodeURIComponent(id)}`)).body.resource;
    expect(shown.bodyHtml).toBe("<p>Des <strong>graines</strong></p>\n");
    expect(shown.files).toEqual([{ url: `${PARTNER}/media/1/plan.pdf`, contentType: "application/pdf", name: "plan.pdf" }]);
    expect((await t.client().get(`/api/commons/shared?ref=${encodeURIComponent(id)}`)).status).toBe(404);
  });

  it("follows its Group's Update, ignores anyone else's, and after Delete leaves adopted references 'no longer available'", async () => {
    expect((await sophie.post("/api/networks/lilas/commons/adopted", { origin: id })).status).toBe(201);
    t.remote.serve(id, article("Kit jardin partagé, v2"));
    await deliver("Update", article("Kit jardin partagé, v2"));
    expect((await library())[0].title).toBe("Kit jardin partagé, v2");
    const forged = await t.remote.addActor({ id: "https://ailleurs.example/n/autre", type: "Group" });
    await deliver("Delete", id, forged);
    expect((await sophie.get("/api/networks/lilas/commons/adopted")).body.references[0]).toMatchObject({ title: "Kit jardin partagé, v2", available: true });
    await deliver("Delete", { type: "Tombstone", id }, partner);
    expect((await sophie.get("/api/networks/lilas/commons/adopted")).body.references[0]).toMatchObject({ title: "Kit jardin partagé, v2", available: false });
    expect(await library()).toEqual([]);
  });

  it("is not taken in from a Group that is not a partner", async () => {
    const other = await t.remote.addActor({ id: "https://loin.example/n/loin", type: "Group" });
    const doc = { ...article("Pas pour nous"), id: `${other.id}/r/1`, attributedTo: other.id };
    t.remote.serve(doc.id, doc);
    await deliver("Create", doc, other);
    expect(await library()).toEqual([]);
  });
});

describe("a booking Offer from another instance", () => {
  const offer = (signer: RemoteActorKeys, object: string, start: string, end: string) => ({
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${signer.id}#offer-${Math.random()}`,
    type: "Offer",
    actor: signer.id,
    object,
    startTime: start,
    endTime: end,
    content: "<p>Pour la fête</p>",
    to: `${APP_ORIGIN}/n/lilas`,
  });
  const send = async (activity: Record<string, unknown>, signer: RemoteActorKeys) => {
    expect((await t.app.request(await signedPost(`${APP_ORIGIN}/n/lilas/inbox`, activity, signer))).status).toBe(202);
    return t.drain();
  };

  it("from a partner Group becomes a request; the animators' answer goes back as Accept; strangers and past dates are refused", async () => {
    const barnum = (await sophie.post("/api/networks/lilas/commons", { kind: "materiel", title: "Barnum", visibility: "partners" })).body.resource;
    await t.drain();
    const calendar = async () => (await sophie.get(`/api/resources/${barnum.id}/bookings`)).body.bookings;
    const other = await t.remote.addActor({ id: "https://loin.example/n/loin", type: "Group" });
    await send(offer(other, barnum.url, "2031-01-01T10:00:00Z", "2031-01-02T10:00:00Z"), other);
    await send(offer(partner, barnum.url, "2020-01-01T10:00:00Z", "2020-01-02T10:00:00Z"), partner);
    await send(offer(partner, fiche.url, "2031-01-01T10:00:00Z", "2031-01-02T10:00:00Z"), partner); // a fiche is not bookable
    expect(await calendar()).toEqual([]);
    const asked = offer(partner, barnum.url, "2031-01-01T10:00:00Z", "2031-01-02T10:00:00Z");
    await send(asked, partner);
    const [request] = await calendar();
    expect(request).toMatchObject({ state: "requested", message: "Pour la fête", network: { id: PARTNER, name: "La Fontaine" } });
    expect((await sophie.post(`/api/bookings/${request.id}/accept`)).status).toBe(200);
    const answers = (await t.drain()).map((d) => d.activity);
    expect(answers).toEqual([expect.objectContaining({ type: "Accept", actor: `${APP_ORIGIN}/n/lilas`, object: asked.id, to: PARTNER })]);
  });
});

