// A fan-out reaches each inbox once, yet the block rules still judge every
// follower on its own: a follower on a blocked host, or with its inbox or
// shared inbox there, gets nothing, and does not cost the others sharing an
// inbox with it their delivery.
import { Note } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainBlockTable, followerTable, remoteActorTable } from "../../db/schema/index.ts";
import { publish } from "../../federation/publish.ts";
import { createTestInstance, ORIGIN, seedNetwork, type TestInstance } from "./support/instance.ts";

let app: TestInstance;

beforeAll(async () => {
  app = await createTestInstance();
  const network = await seedNetwork(app.db, { slug: "les-peupliers", name: "Les Peupliers" });
  await app.db.insert(domainBlockTable).values({ host: "abuse.example" });
  // Ids and inboxes on the blocked host sort first: a follower picked to stand for a whole shared inbox would be one of them.
  for (const [id, inbox, sharedInbox] of [
    ["https://abuse.example/users/x", "https://mastodon.example/inbox/x", "https://mastodon.example/inbox"],
    ["https://mastodon.example/users/zed", "https://abuse.example/inbox/zed", "https://mastodon.example/inbox"],
    ["https://mastodon.example/users/alice", "https://mastodon.example/users/alice/inbox", "https://mastodon.example/inbox"],
    ["https://relay.example/users/y", "https://relay.example/users/y/inbox", "https://abuse.example/inbox"],
    ["https://gts.example/users/bob", "https://gts.example/users/bob/inbox", null],
    ["https://gts.example/users/eve", "https://gts.example/users/eve/inbox", null],
  ] as const) {
    await app.remote.addActor({ id, inbox, sharedInbox });
    await app.db.insert(remoteActorTable).values({ id, type: "Person", host: new URL(id).host, inbox, sharedInbox });
    await app.db.insert(followerTable).values({ networkId: network.id, remoteActorId: id, followId: `${id}#f/1`, state: "accepted" });
  }
});
afterAll(() => app.close());

describe("a public post to followers sharing inboxes with blocked ones", () => {
  it("reaches each allowed inbox once and nothing on the blocked host", async () => {
    app.remote.deliveries.length = 0;
    const object = new Note({ id: new URL("/n/les-peupliers/annonces/1", ORIGIN), attribution: new URL(`${ORIGIN}/n/les-peupliers`), content: "<p>Troc de plants</p>" });
    const result = await publish(app.context(), { verb: "create", object, visibility: "public", networkSlug: "les-peupliers" });
    await app.drain();
    expect(result.sent).toBe(true);
    expect(app.remote.deliveries.map((d) => d.inbox).sort()).toEqual([
      "https://gts.example/users/bob/inbox",
      "https://gts.example/users/eve/inbox",
      "https://mastodon.example/inbox",
    ]);
  });
});
