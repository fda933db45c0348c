// Private messages, mentions, offer conversations with people elsewhere, and
// blocks — in one instance around a fake fediverse (signed inbox POSTs, the
// deliveries it would make), on PGlite or PostgreSQL (TEST_DATABASE_URL).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationTable, memberBlockTable, offerMessageTable, offerTable, privateMessageTable, remoteActorTable, remotePostTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;
const MARIE = `${APP_ORIGIN}/m/marie`;

let t: FederatedTestApp;
let admin: Client;
let sophie: Client;
let marie: Client;
let paul: Client;
let alice: RemoteActorKeys; // Mastodon
let zoe: RemoteActorKeys; // another Mastodon account
let n = 0;

async function post(activity: unknown, signer: RemoteActorKeys, expected = 202, inbox = "/inbox") {
  const res = await t.app.request(await signedPost(`${APP_ORIGIN}${inbox}`, activity, signer));
  expect(res.status, await res.clone().text()).toBe(expected);
  return t.drain();
}

/** A Create(Note) by `from`, Mastodon-style; `to`/`cc`, mentions and inReplyTo as given. */
function note(from: RemoteActorKeys, fields: { to: string[]; cc?: string[]; mention?: string[]; inReplyTo?: string; content: string }) {
  const id = `${from.id}/statuses/${++n}`;
  const object = {
    id, type: "Note", attributedTo: from.id, to: fields.to, cc: fields.cc ?? [], inReplyTo: fields.inReplyTo ?? null,
    url: id.replace("/users/", "/@"), content: `<p>${fields.content}</p>`, published: new Date().toISOString(),
    tag: (fields.mention ?? []).map((href) => ({ type: "Mention", href, name: href })),
  };
  return { "@context": AS, id: `${id}/activity`, type: "Create", actor: from.id, to: fields.to, cc: fields.cc ?? [], object };
}

const conversations = async (c: Client) => (await c.get("/api/me/conversations")).body;

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  await t.seedKeysOf("network", "lilas");
  for (const handle of ["marie", "paul"]) await t.seedKeysOf("member", handle);
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice", preferredUsername: "alice", name: "Alice" });
  zoe = await t.remote.addActor({ id: "https://mastodon.example/users/zoe", preferredUsername: "zoe", name: "Zoé" });
});
afterAll(() => t.close());

describe("a direct message from Mastodon (fixture)", () => {
  let conversationId: string;

  it("reaches the member as a private conversation, sanitised, with an unread count and a notification; never as a post", async () => {
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "messages", "mastodon-direct.json"), "utf8"));
    await post(fixture, alice);
    const list = await conversations(marie);
    expect(list.unread).toBe(1);
    expect(list.conversations).toHaveLength(1);
    const [c] = list.conversations;
    expect(c).toMatchObject({ with: { id: alice.id, name: "Alice" }, unread: 1, blocked: false, last: { outgoing: false, kind: "direct" } });
    expect(c.last.excerpt).toContain("vous auriez encore la perceuse");
    conversationId = c.id;
    const [notification] = (await marie.get("/api/me/notifications")).body.notifications;
    expect(notification).toMatchObject({ kind: "messages.direct", subject: { type: "conversation", id: c.id, path: `/messages/${c.id}` }, from: "Alice" });
    // Not a post: nothing in remote_post, nothing in anyone's feed, nobody else's messages.
    expect((await t.db.select({ n: count() }).from(remotePostTable))[0].n).toBe(0);
    expect((await conversations(paul)).conversations).toEqual([]);
    expect((await paul.get(`/api/me/conversations/${c.id}`)).status).toBe(404);
  });

  it("reading it marks it read; the HTML is sanitised", async () => {
    const thread = (await marie.get(`/api/me/conversations/${conversationId}`)).body;
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0].html).toContain("Bonjour Marie");
    expect(thread.messages[0].html).not.toContain("<script");
    expect((await conversations(marie)).unread).toBe(0);
  });

  it("the same activity twice is filed once", async () => {
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "messages", "mastodon-direct.json"), "utf8"));
    await post(fixture, alice);
    expect((await marie.get(`/api/me/conversations/${conversationId}`)).body.messages).toHaveLength(1);
  });

  it("the answer is a direct Note to Alice only, mentioning her, in reply to her message, to her own inbox", async () => {
    const res = await marie.post(`/api/me/conversations/${conversationId}/messages`, { message: "Oui, passez samedi !" });
    expect(res.status).toBe(201);
    const [delivery] = (await t.drain()).filter((d) => d.activity.type === "Create");
    expect(delivery.inbox).toBe(`${alice.id}/inbox`);
    const object = delivery.activity.object as any;
    expect(object).toMatchObject({ type: "Note", attributedTo: MARIE, to: alice.id, inReplyTo: "https://mastodon.example/users/alice/statuses/113201337000000042" });
    expect(object.cc).toBeUndefined();
    expect(JSON.stringify(delivery.activity)).not.toContain("Public");
    expect(JSON.stringify(delivery.activity)).not.toContain("followers");
    expect(object.tag).toMatchObject({ type: "Mention", href: alice.id });
    expect(object.content).toContain("Oui, passez samedi !");
    expect(object.id).toMatch(new RegExp(`^${MARIE}#note/`));
  });

  it("her reply to our Note continues the conversation", async () => {
    const [ours] = (await marie.get(`/api/me/conversations/${conversationId}`)).body.messages.filter((m: any) => m.outgoing);
    await post(note(alice, { to: [MARIE], mention: [MARIE], inReplyTo: `${MARIE}#note/${ours.id}`, content: "Super, à samedi." }), alice);
    const thread = (await marie.get(`/api/me/conversations/${conversationId}`)).body.messages;
    expect(thread.map((m: any) => m.outgoing)).toEqual([false, true, false]);
  });

  it("a message its author deletes goes from the conversation", async () => {
    await post(note(alice, { to: [MARIE], mention: [MARIE], content: "Oups, pas pour vous" }), alice);
    const id = `${alice.id}/statuses/${n}`;
    expect(JSON.stringify((await marie.get(`/api/me/conversations/${conversationId}`)).body)).toContain("Oups");
    await post({ "@context": AS, id: `${id}#delete`, type: "Delete", actor: alice.id, object: { id, type: "Tombstone" } }, alice);
    expect(JSON.stringify((await marie.get(`/api/me/conversations/${conversationId}`)).body)).not.toContain("Oups");
  });

  it("bad input: an empty or too long answer, someone else's conversation, an unknown one", async () => {
    expect((await marie.post(`/api/me/conversations/${conversationId}/messages`, { message: " " })).body.error).toMatchObject({ code: "message_empty", field: "message" });
    expect((await marie.post(`/api/me/conversations/${conversationId}/messages`, { message: "x".repeat(5001) })).status).toBe(400);
    expect((await paul.post(`/api/me/conversations/${conversationId}/messages`, { message: "coucou" })).status).toBe(404);
    expect((await marie.get("/api/me/conversations/not-a-uuid")).status).toBe(404);
    expect((await t.client().get("/api/me/conversations")).status).toBe(401);
  });
});

describe("mentions", () => {
  it("a public post by an account the member does not follow that mentions them: a mention, not in the feed", async () => {
    await post(note(zoe, { to: [PUBLIC], cc: [`${zoe.id}/followers`, MARIE], mention: [MARIE], content: "Merci @marie pour le coup de main !" }), zoe);
    const list = await conversations(marie);
    const withZoe = list.conversations.find((c: any) => c.with.id === zoe.id);
    expect(withZoe).toMatchObject({ unread: 1, last: { kind: "mention" } });
    const thread = (await marie.get(`/api/me/conversations/${withZoe.id}`)).body.messages;
    expect(thread[0].url).toMatch(/^https:\/\/mastodon\.example\/@zoe\//);
    expect((await marie.get("/api/me/feed")).body.posts).toEqual([]);
  });

  it("a mention of an unknown member is ignored, nothing filed", async () => {
    const before = (await t.db.select({ n: count() }).from(privateMessageTable))[0].n;
    await post(note(zoe, { to: [`${APP_ORIGIN}/m/personne`], mention: [`${APP_ORIGIN}/m/personne`], content: "Allô ?" }), zoe);
    expect((await t.db.select({ n: count() }).from(privateMessageTable))[0].n).toBe(before);
    expect((await t.db.select({ n: count() }).from(remotePostTable))[0].n).toBe(1);
  });

  it("followers-only posts of followed accounts are marked as such in the feed; their direct messages are not in it", async () => {
    await marie.post("/api/me/following", { target: alice.id });
    await t.drain();
    const [follow] = t.remote.deliveriesOfType("Follow").slice(-1);
    await post({ "@context": AS, id: `${alice.id}#accept/1`, type: "Accept", actor: alice.id, object: follow.activity.id }, alice);
    await post(note(alice, { to: [`${alice.id}/followers`], content: "Pour mes abonnés seulement" }), alice);
    await post(note(alice, { to: [MARIE], mention: [MARIE], content: "Rien que pour toi" }), alice);
    const posts = (await marie.get("/api/me/feed")).body.posts;
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ visibility: "followers" });
    expect(JSON.stringify(posts)).not.toContain("Rien que pour toi");
  });

  it("a direct message from a blocked server gets 403 and nothing is stored", async () => {
    const spam = await t.remote.addActor({ id: "https://spam.example/users/x", name: "X" });
    expect((await admin.post("/api/admin/domain-blocks", { host: "spam.example" })).status).toBe(201);
    const before = (await t.db.select({ n: count() }).from(conversationTable))[0].n;
    await post(note(spam, { to: [MARIE], mention: [MARIE], content: "Achetez !" }), spam, 403);
    expect((await t.db.select({ n: count() }).from(conversationTable))[0].n).toBe(before);
  });
});

describe("an offer answered from Mastodon", () => {
  let offer: any;
  let reply: string;

  it("the author's message, agreement, done and thanks reach Alice as direct Notes, each in reply to the previous one", async () => {
    offer = (await paul.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Escabeau", visibility: "public" })).body.offer;
    await t.drain();
    const r = note(alice, { to: [`${APP_ORIGIN}/m/paul`], mention: [`${APP_ORIGIN}/m/paul`], inReplyTo: offer.url, content: "Je suis intéressée !" });
    reply = r.object.id;
    await post(r, alice);
    const [conversation] = (await paul.get(`/api/offers/${offer.id}`)).body.offer.conversations;
    expect(conversation.remoteResponder).toMatchObject({ id: alice.id });
    // Not a private message of Paul's: it belongs to the offer.
    expect((await conversations(paul)).conversations).toEqual([]);

    expect((await paul.post(`/api/offers/${offer.id}/conversations/${conversation.id}/messages`, { message: "Passez demain." })).status).toBe(201);
    const [m1] = (await t.drain()).filter((d) => d.activity.type === "Create").map((d) => d.activity.object as any);
    expect(m1).toMatchObject({ attributedTo: `${APP_ORIGIN}/m/paul`, to: alice.id, inReplyTo: reply });
    expect(m1.content).toContain("Passez demain.");
    expect(m1.content).toContain(offer.url);

    expect((await paul.post(`/api/offers/${offer.id}/agree`, { conversations: [conversation.id] })).status).toBe(200);
    const m2 = (await t.drain()).filter((d) => d.activity.type === "Create").map((d) => d.activity.object as any)[0];
    expect(m2).toMatchObject({ to: alice.id, inReplyTo: m1.id });
    expect(m2.content).toContain("Accord trouvé");

    expect((await paul.post(`/api/offers/${offer.id}/done`)).status).toBe(200);
    const m3 = (await t.drain()).filter((d) => d.activity.type === "Create" && (d.activity.object as any)?.to === alice.id).map((d) => d.activity.object as any)[0];
    expect(m3).toMatchObject({ inReplyTo: m2.id });
    expect(m3.content).toContain("Échange réalisé");

    expect((await paul.post(`/api/offers/${offer.id}/thanks`, { to: "@alice@mastodon.example", note: "Merci Alice !" })).status).toBe(201);
    const m4 = (await t.drain()).filter((d) => d.activity.type === "Create").map((d) => d.activity.object as any)[0];
    expect(m4).toMatchObject({ to: alice.id, inReplyTo: m3.id });
    expect(m4.content).toContain("Merci Alice !");
  });

  it("her answer to one of Paul's Notes comes back into the same conversation", async () => {
    const [conversation] = (await paul.get(`/api/offers/${offer.id}`)).body.offer.conversations;
    const last = conversation.messages.at(-1);
    await post(note(alice, { to: [`${APP_ORIGIN}/m/paul`], mention: [`${APP_ORIGIN}/m/paul`], inReplyTo: `${APP_ORIGIN}/m/paul#note/${last.id}`, content: "Merci à vous !" }), alice);
    const after = (await paul.get(`/api/offers/${offer.id}`)).body.offer.conversations;
    expect(after).toHaveLength(1);
    expect(after[0].messages.at(-1).html).toContain("Merci à vous !");
    expect((await conversations(paul)).conversations).toEqual([]);
  });

  it("a reply to an offer that does not exist, or that is for the network only: 202, nothing stored", async () => {
    const before = (await t.db.select({ n: count() }).from(offerMessageTable))[0].n;
    await post(note(zoe, { to: [PUBLIC], inReplyTo: `${APP_ORIGIN}/n/lilas/o/00000000-0000-4000-8000-000000000000`, content: "Et ça ?" }), zoe);
    const secret = (await paul.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Secret", visibility: "network" })).body.offer;
    await post(note(zoe, { to: [PUBLIC], inReplyTo: `${APP_ORIGIN}/n/lilas/o/${secret.id}`, content: "Je l'ai deviné" }), zoe);
    expect((await t.db.select({ n: count() }).from(offerMessageTable))[0].n).toBe(before);
    expect((await paul.get(`/api/offers/${secret.id}`)).body.offer.conversations).toEqual([]);
  });
});

describe("an offer from another Maillage answered by our member", () => {
  it("the member's interest goes to its author; the author's answer comes back into the conversation", async () => {
    const lucie = await t.remote.addActor({ id: "https://ailleurs.example/m/lucie", preferredUsername: "lucie", name: "Lucie", sharedInbox: null });
    const fontaine = "https://ailleurs.example/n/fontaine";
    for (const [id, type] of [[lucie.id, "Person"], [fontaine, "Group"]]) {
      await t.db.insert(remoteActorTable).values({ id, type, host: "ailleurs.example", handle: `@${id.split("/").at(-1)}@ailleurs.example`, name: id, inbox: `${id}/inbox` }).onConflictDoNothing();
    }
    const [offer] = await t.db.insert(offerTable).values({
      apId: "https://ailleurs.example/n/fontaine/o/1", remoteAuthorId: lucie.id, remoteNetworkId: fontaine, kind: "offer", themeSlug: "conseils", title: "Conseils jardin", visibility: "public",
    }).returning();
    expect((await paul.post(`/api/offers/${offer.id}/responses`, { message: "Je veux bien des conseils" })).status).toBe(201);
    const sent = (await t.drain()).filter((d) => d.activity.type === "Create").map((d) => d.activity.object as any)[0];
    expect(sent).toMatchObject({ to: lucie.id, inReplyTo: offer.apId });
    await post(note(lucie, { to: [`${APP_ORIGIN}/m/paul`], mention: [`${APP_ORIGIN}/m/paul`], inReplyTo: sent.id, content: "Avec plaisir, passez me voir." }), lucie, 202, "/m/paul/inbox");
    // Then to her own message, as servers thread their own answers.
    const first = `${lucie.id}/statuses/${n}`;
    await post(note(lucie, { to: [`${APP_ORIGIN}/m/paul`], mention: [`${APP_ORIGIN}/m/paul`], inReplyTo: first, content: "Le samedi de préférence." }), lucie);
    const [conversation] = (await paul.get(`/api/offers/${offer.id}`)).body.offer.conversations;
    expect(conversation.messages.map((m: any) => m.fromAuthor)).toEqual([false, true, true]);
    expect(conversation.messages[1].html).toContain("passez me voir");
    expect((await conversations(paul)).conversations).toEqual([]);
  });
});

describe("blocks", () => {
  let blockId: string;

  it("a member blocks a remote account: its messages, mentions and offer answers stop, silently", async () => {
    const res = await marie.post("/api/me/blocks", { actor: zoe.id });
    expect(res.status).toBe(201);
    expect(res.body.block).toMatchObject({ account: { id: zoe.id } });
    blockId = res.body.block.id;
    expect((await marie.post("/api/me/blocks", { actor: zoe.id })).body.block.id).toBe(blockId);
    const before = (await conversations(marie)).conversations.find((c: any) => c.with.id === zoe.id);
    expect(before.blocked).toBe(true);
    await post(note(zoe, { to: [MARIE], mention: [MARIE], content: "Tu m'ignores ?" }), zoe);
    const thread = (await marie.get(`/api/me/conversations/${before.id}`)).body.messages;
    expect(JSON.stringify(thread)).not.toContain("ignores");
    const offer = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Tondeuse", visibility: "public" })).body.offer;
    await t.drain();
    await post(note(zoe, { to: [`${APP_ORIGIN}/m/marie`], inReplyTo: offer.url, content: "Moi !" }), zoe);
    expect((await marie.get(`/api/offers/${offer.id}`)).body.offer.conversations).toEqual([]);
    // She cannot answer a blocked account either, until she unblocks it.
    expect((await marie.post(`/api/me/conversations/${before.id}/messages`, { message: "?" })).status).toBe(409);
  });

  it("between members: neither sees the other's offers, nor answers them", async () => {
    const mine = (await paul.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Brouette de Paul", visibility: "network" })).body.offer;
    const hers = (await marie.post("/api/networks/lilas/offers", { kind: "request", theme: "pret-de-materiel", title: "Cherche brouette", visibility: "network" })).body.offer;
    const res = await paul.post("/api/me/blocks", { handle: "marie" });
    expect(res.status).toBe(201);
    expect(res.body.block).toMatchObject({ member: { handle: "marie", displayName: "Marie" } });
    const titles = async (c: Client) => (await c.get("/api/networks/lilas/offers?q=brouette")).body.offers.map((o: any) => o.title);
    expect(await titles(marie)).toEqual(["Cherche brouette"]);
    expect(await titles(paul)).toEqual(["Brouette de Paul"]);
    expect(await titles(sophie)).toHaveLength(2);
    expect((await marie.get(`/api/offers/${mine.id}`)).status).toBe(404);
    expect((await paul.get(`/api/offers/${hers.id}`)).status).toBe(404);
    expect((await marie.post(`/api/offers/${mine.id}/responses`, { message: "Je la prends" })).status).toBe(404);
    const list = (await paul.get("/api/me/blocks")).body.blocks;
    expect(list).toHaveLength(1);
    expect((await marie.get("/api/me/blocks")).body.blocks.map((b: any) => b.member?.handle ?? b.account.id)).toEqual([zoe.id]);
    expect((await paul.delete(`/api/me/blocks/${list[0].id}`)).status).toBe(204);
    expect((await titles(marie)).sort()).toEqual(["Brouette de Paul", "Cherche brouette"]);
  });

  it("bad input: nobody, both, oneself, an unknown member or account, someone else's block", async () => {
    expect((await paul.post("/api/me/blocks", {})).body.error).toMatchObject({ code: "block_target" });
    expect((await paul.post("/api/me/blocks", { handle: "marie", actor: zoe.id })).status).toBe(400);
    expect((await paul.post("/api/me/blocks", { handle: "paul" })).body.error).toMatchObject({ code: "block_self", field: "handle" });
    expect((await paul.post("/api/me/blocks", { handle: "personne" })).status).toBe(404);
    expect((await paul.post("/api/me/blocks", { actor: "https://nowhere.example/u/1" })).status).toBe(404);
    expect((await paul.delete(`/api/me/blocks/${blockId}`)).status).toBe(404);
    expect((await paul.delete("/api/me/blocks/nope")).status).toBe(404);
  });

  it("unblocking lets messages in again", async () => {
    expect((await marie.delete(`/api/me/blocks/${blockId}`)).status).toBe(204);
    await post(note(zoe, { to: [MARIE], mention: [MARIE], content: "Me revoilà" }), zoe);
    const withZoe = (await conversations(marie)).conversations.find((c: any) => c.with.id === zoe.id);
    expect(withZoe).toMatchObject({ blocked: false, unread: 1 });
  });
});

describe("the member's data", () => {
  it("the export has the conversations, their messages and the blocks; deleting the account removes them", async () => {
    await marie.post("/api/me/blocks", { actor: zoe.id });
    const data = (await marie.get("/api/me/export")).body;
    expect(data.messages.conversations.length).toBe(2);
    expect(data.messages.messages.some((m: any) => m.body === "Oui, passez samedi !")).toBe(true);
    expect(data.blocks.map((b: any) => b.account?.id)).toEqual([zoe.id]);
    const res = await marie.delete("/api/me", { password: "marie has a long password" });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect((await t.db.select({ n: count() }).from(conversationTable))[0].n).toBe(0);
    expect((await t.db.select({ n: count() }).from(memberBlockTable).where(eq(memberBlockTable.blockedActorId, zoe.id)))[0].n).toBe(0);
  });
});
