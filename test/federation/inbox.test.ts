// Inbound basics: replies stored (sanitised), Update/Delete from their
// authors, Like/Announce counted, the rest acknowledged, duplicates once.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followingTable, privateMessageTable, remoteActorTable, remotePostTable, remoteReactionTable } from "../../db/schema/index.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const ANNOUNCEMENT = `${ORIGIN}/n/les-tilleuls/annonces/7`;

let app: TestInstance;
let alice: RemoteActorKeys;
let bob: RemoteActorKeys;

beforeAll(async () => {
  app = await createTestInstance();
  const network = await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  await seedMember(app.db, "claire", network.id);
  alice = await app.remote.addActor({ id: "https://mastodon.example/users/alice" });
  bob = await app.remote.addActor({ id: "https://pleroma.example/users/bob" });
});
afterAll(() => app.close());

async function deliver(activity: unknown, signer: RemoteActorKeys = alice, path = "/inbox") {
  const response = await app.post(await signedPost(`${ORIGIN}${path}`, activity, signer));
  await app.drain();
  return response;
}

const note = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "Note",
  attributedTo: alice.id,
  to: [PUBLIC],
  cc: [`${alice.id}/followers`],
  published: "2025-03-01T10:00:00Z",
  content: "<p>Merci !</p>",
  ...extra,
});

const create = (object: Record<string, any>, actor = alice) => ({ "@context": AS, id: `${object.id}/activity`, type: "Create", actor: actor.id, object });
const post = async (id: string) => (await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id)))[0];
const reactions = async (type: "like" | "announce") =>
  (await app.db.select({ n: count() }).from(remoteReactionTable).where(eq(remoteReactionTable.type, type)))[0].n;

describe("Create", () => {
  it("stores a reply to one of our objects, with sanitised HTML", async () => {
    const id = "https://mastodon.example/users/alice/statuses/1";
    const response = await deliver(
      create(
        note(id, {
          inReplyTo: ANNOUNCEMENT,
          content: undefined,
          contentMap: {
            fr: '<p>Bonjour <script>alert(1)</script><a href="https://x.example/" target="_blank">lien</a><img src="x" onerror="alert(2)"> <a href="javascript:alert(3)">js</a></p>',
          },
        }),
      ),
    );
    expect(response.status).toBe(202);
    const stored = await post(id);
    expect(stored).toMatchObject({ authorId: alice.id, type: "Note", inReplyTo: ANNOUNCEMENT, visibility: "public", language: "fr" });
    expect(stored.contentHtml).toBe('<p>Bonjour <a href="https://x.example/" rel="nofollow noopener">lien</a> <a rel="nofollow noopener">js</a></p>');
    expect(stored.published.toISOString()).toBe("2025-03-01T10:00:00.000Z");
  });

  it("processes a duplicate activity once, even through two inboxes", async () => {
    const id = "https://mastodon.example/users/alice/statuses/2";
    const activity = create(note(id, { inReplyTo: ANNOUNCEMENT }));
    await deliver(activity);
    expect((await deliver(activity, alice, "/n/les-tilleuls/inbox")).status).toBe(202);
    expect(await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id))).toHaveLength(1);
    // A side effect that would repeat: a Follow delivered twice is answered once.
    app.remote.deliveries.length = 0;
    const follow = { "@context": AS, id: `${alice.id}#follows/dup`, type: "Follow", actor: alice.id, object: `${ORIGIN}/n/les-tilleuls` };
    await deliver(follow, alice, "/n/les-tilleuls/inbox");
    await deliver(follow);
    expect(app.remote.deliveriesOfType("Accept")).toHaveLength(1);
  });

  it("files a direct post to a member in their private messages, never as a post", async () => {
    const id = "https://mastodon.example/users/alice/statuses/3";
    await deliver(
      create(note(id, { to: [`${ORIGIN}/m/claire`], cc: [], tag: [{ type: "Mention", href: `${ORIGIN}/m/claire`, name: "@claire@maillage.example" }] })),
    );
    expect(await post(id)).toBeUndefined();
    const [message] = await app.db.select().from(privateMessageTable).where(eq(privateMessageTable.apId, id));
    expect(message).toMatchObject({ outgoing: false, kind: "direct" });
  });

  it("ignores posts that do not concern us, and posts created by someone else than their author", async () => {
    await deliver(create(note("https://mastodon.example/users/alice/statuses/4")));
    expect(await post("https://mastodon.example/users/alice/statuses/4")).toBeUndefined();
    await deliver(create(note("https://mastodon.example/users/alice/statuses/5", { inReplyTo: ANNOUNCEMENT }), bob), bob);
    expect(await post("https://mastodon.example/users/alice/statuses/5")).toBeUndefined();
  });
});

describe("Update and Delete", () => {
  const id = "https://mastodon.example/users/alice/statuses/10";

  beforeAll(async () => {
    await deliver(create(note(id, { inReplyTo: ANNOUNCEMENT })));
  });

  it("keeps when a reply was published and last edited, as its author's server says", async () => {
    const edited = `${id}-edited`;
    await deliver(create(note(edited, { inReplyTo: ANNOUNCEMENT, published: "2025-03-01T09:00:00Z", updated: "2025-03-01T09:30:00Z" })));
    const stored = await post(edited);
    expect([stored.published.toISOString(), stored.updated?.toISOString()]).toEqual(["2025-03-01T09:00:00.000Z", "2025-03-01T09:30:00.000Z"]);
    expect((await post(id)).updated).toBeNull();
  });

  it("applies an Update from the author only", async () => {
    const update = (actor: RemoteActorKeys, content: string) => ({
      "@context": AS,
      id: `${id}#updates/${crypto.randomUUID()}`,
      type: "Update",
      actor: actor.id,
      object: note(id, { inReplyTo: ANNOUNCEMENT, content, updated: "2025-03-02T10:00:00Z" }),
    });
    await deliver(update(bob, "<p>Pirate</p>"), bob);
    expect((await post(id)).contentHtml).toBe("<p>Merci !</p>");
    await deliver(update(alice, "<p>Merci beaucoup !</p>"));
    const updated = await post(id);
    expect(updated.contentHtml).toBe("<p>Merci beaucoup !</p>");
    expect(updated.updated?.toISOString()).toBe("2025-03-02T10:00:00.000Z");
  });

  it("applies a Delete from the author only", async () => {
    const del = (actor: RemoteActorKeys) => ({ "@context": AS, id: `${id}#delete/${actor.id}`, type: "Delete", actor: actor.id, object: { id, type: "Tombstone" } });
    await deliver(del(bob), bob);
    expect(await post(id)).toBeDefined();
    await deliver(del(alice));
    expect(await post(id)).toBeUndefined();
  });

  it("refreshes the actor on Update(Person)", async () => {
    const doc = { ...(app.remote.documents.get(bob.id) as object), name: "Bob (nouveau nom)" };
    await deliver({ "@context": [AS, "https://w3id.org/security/v1"], id: `${bob.id}#update/1`, type: "Update", actor: bob.id, object: doc }, bob);
    const [row] = await app.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, bob.id));
    expect(row.name).toBe("Bob (nouveau nom)");
  });
});

describe("Like and Announce", () => {
  it("counts a Like of our object once, and forgets it on Undo", async () => {
    const like = { "@context": AS, id: "https://mastodon.example/users/alice#likes/1", type: "Like", actor: alice.id, object: ANNOUNCEMENT };
    await deliver(like);
    await deliver(like);
    expect(await reactions("like")).toBe(1);
    await deliver({ "@context": AS, id: "https://mastodon.example/users/alice#likes/1/undo", type: "Undo", actor: alice.id, object: like });
    expect(await reactions("like")).toBe(0);
  });

  it("counts an Announce of our object", async () => {
    await deliver({ "@context": AS, id: "https://pleroma.example/activities/a1", type: "Announce", actor: bob.id, object: ANNOUNCEMENT, to: [PUBLIC] }, bob);
    expect(await reactions("announce")).toBe(1);
  });

  it("brings in a post announced by a group we follow (FEP-1b12)", async () => {
    const group = await app.remote.addActor({ id: "https://other.example/n/la-fontaine", type: "Group" });
    const carol = await app.remote.addActor({ id: "https://other.example/m/carol" });
    const id = "https://other.example/m/carol/annonces/3";
    const object = { ...note(id), attributedTo: carol.id, audience: group.id, content: "<p>Vide-grenier samedi</p>" };
    app.remote.serve(id, { "@context": AS, ...object });
    await app.db.insert(remoteActorTable).values({ id: group.id, type: "Group", host: "other.example", inbox: group.inbox });
    await app.db.insert(followingTable).values({ remoteActorId: group.id, followId: `${ORIGIN}/m/claire#follow/2`, state: "accepted" });
    await deliver({ "@context": AS, id: `${group.id}#announce/1`, type: "Announce", actor: group.id, object, to: [PUBLIC] }, group);
    expect(await post(id)).toMatchObject({ authorId: carol.id, announcedById: group.id, contentHtml: "<p>Vide-grenier samedi</p>" });
  });
});

describe("everything else", () => {
  it("acknowledges an unhandled type with 202 and stores nothing", async () => {
    const before = await app.db.select({ n: count() }).from(remotePostTable);
    const response = await deliver({ "@context": AS, id: "https://mastodon.example/users/alice#listen/1", type: "Listen", actor: alice.id, object: "https://music.example/1" });
    expect(response.status).toBe(202);
    expect(await app.db.select({ n: count() }).from(remotePostTable)).toEqual(before);
  });

  it("acknowledges a type unknown to ActivityStreams with 202", async () => {
    const activity = { "@context": [AS, { Bite: "https://ns.mia.jetzt/as#Bite" }], id: "https://mastodon.example/users/alice#bite/1", type: "Bite", actor: alice.id, target: `${ORIGIN}/m/claire` };
    expect((await deliver(activity)).status).toBe(202);
  });
});

describe("Delete of an actor", () => {
  it("forgets the actor, its follows and its posts", async () => {
    const dora = await app.remote.addActor({ id: "https://gone.example/users/dora" });
    await deliver(create({ ...note("https://gone.example/users/dora/statuses/1", { inReplyTo: ANNOUNCEMENT }), attributedTo: dora.id }, dora), dora);
    expect(await post("https://gone.example/users/dora/statuses/1")).toBeDefined();
    await deliver({ "@context": AS, id: `${dora.id}#delete`, type: "Delete", actor: dora.id, object: dora.id, to: [PUBLIC] }, dora);
    expect(await app.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, dora.id))).toHaveLength(0);
    expect(await post("https://gone.example/users/dora/statuses/1")).toBeUndefined();
  });

  it("accepts the usual unverifiable Delete whose actor is already gone (410) and forgets it", async () => {
    const ed = await app.remote.addActor({ id: "https://gone.example/users/ed" });
    await deliver(create({ ...note("https://gone.example/users/ed/statuses/1", { inReplyTo: ANNOUNCEMENT }), attributedTo: ed.id }, ed), ed);
    app.remote.gone.add(ed.id);
    const response = await deliver({ "@context": AS, id: `${ed.id}#delete`, type: "Delete", actor: ed.id, object: ed.id }, ed);
    expect(response.status).toBe(202);
    expect(await app.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, ed.id))).toHaveLength(0);
  });
});
