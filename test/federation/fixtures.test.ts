// Payload shapes from Mastodon, Misskey, Pleroma/Akkoma, GoToSocial and
// Mobilizon (test/fixtures/, see its README): each is parsed by Fedify and
// handled by our inbox, delivered with a real HTTP signature.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Activity } from "@fedify/vocab";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, remoteActorTable, remotePostTable } from "../../db/schema/index.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedNetwork, type TestInstance } from "./support/instance.ts";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const load = (path: string): Record<string, any> => JSON.parse(readFileSync(join(fixtures, path), "utf8"));
const implementations = ["mastodon", "misskey", "pleroma", "gotosocial", "mobilizon"] as const;

let app: TestInstance;

beforeAll(async () => {
  app = await createTestInstance();
  await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  const litepub = load("contexts/litepub-0.1.jsonld");
  app.remote.serve("https://pleroma.example/schemas/litepub-0.1.jsonld", litepub);
  app.remote.serve("https://litepub.social/litepub/context.jsonld", litepub);
});
afterAll(() => app.close());

describe.each(implementations)("%s payloads", (implementation) => {
  const actorDocument = load(`${implementation}/actor.json`);
  const payload = (name: string) => load(`${implementation}/${name}.json`);
  let actor: RemoteActorKeys;

  beforeAll(async () => {
    actor = await app.remote.addActor({ id: actorDocument.id, keyId: actorDocument.publicKey.id, document: actorDocument });
  });

  async function deliver(activity: Record<string, any>) {
    app.remote.deliveries.length = 0;
    const response = await app.post(await signedPost(`${ORIGIN}/inbox`, activity, actor));
    expect(response.status, await response.clone().text()).toBe(202);
    await app.drain();
  }

  it.each(["follow", "undo-follow", "create-reply", "update-note", "delete-actor"])("parses %s", async (name) => {
    const activity = await Activity.fromJsonLd(payload(name), { documentLoader: app.remote.documentLoader, contextLoader: app.remote.documentLoader });
    expect(activity.actorId?.href).toBe(actor.id);
  });

  it("Follow: stores the follower and sends Accept", async () => {
    const follow = payload("follow");
    await deliver(follow);
    const [row] = await app.db.select().from(followerTable).where(eq(followerTable.remoteActorId, actor.id));
    expect(row).toMatchObject({ state: "accepted", followId: follow.id });
    const [accept] = app.remote.deliveriesOfType("Accept");
    expect(accept.inbox).toBe(actorDocument.inbox);
    expect(accept.activity.object).toMatchObject({ id: follow.id, type: "Follow" });
  });

  it("Undo(Follow): removes the follower", async () => {
    await deliver(payload("undo-follow"));
    expect(await app.db.select().from(followerTable).where(eq(followerTable.remoteActorId, actor.id))).toHaveLength(0);
  });

  it("Create(Note) reply: stores it, sanitised", async () => {
    const create = payload("create-reply");
    await deliver(create);
    const [post] = await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, create.object.id));
    expect(post).toMatchObject({ authorId: actor.id, inReplyTo: `${ORIGIN}/n/les-tilleuls/annonces/1` });
    expect(post.contentHtml).not.toMatch(/<(script|img|iframe)|on\w+=|target=|data-/);
    for (const link of post.contentHtml.match(/<a [^>]*>/g) ?? []) expect(link).toContain('rel="nofollow noopener"');
  });

  it("Update(Note): applies the author's edit", async () => {
    const update = payload("update-note");
    const id = update.object.id;
    const [before] = await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id));
    await deliver(update);
    const [after] = await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id));
    expect(after.contentHtml).not.toBe(before.contentHtml);
    expect(after.updated).not.toBeNull();
  });

  it("Delete(actor): forgets the actor and its posts", async () => {
    await deliver(payload("delete-actor"));
    expect(await app.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, actor.id))).toHaveLength(0);
    expect(await app.db.select().from(remotePostTable).where(and(eq(remotePostTable.authorId, actor.id)))).toHaveLength(0);
  });
});
