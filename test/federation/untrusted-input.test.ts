// What other servers send is cleaned before it is stored: characters
// PostgreSQL cannot store are stripped (never a failed listener, never a 5xx),
// and URLs that are not http(s) (`javascript:`, `data:`) are not kept.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, remoteActorTable, remotePostTable } from "../../db/schema/index.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const ANNOUNCEMENT = `${ORIGIN}/n/les-tilleuls/annonces/7`;
const MALLORY = "https://evil.example/users/mallory";
const NETWORK = `${ORIGIN}/n/les-tilleuls`;

let app: TestInstance;
let mallory: RemoteActorKeys;

beforeAll(async () => {
  app = await createTestInstance();
  const network = await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  await seedMember(app.db, "claire", network.id);
  mallory = await app.remote.addActor({
    id: MALLORY,
    document: {
      "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
      id: MALLORY,
      type: "Person",
      preferredUsername: "mal\u0000lory\u0007",
      name: "Mallory\u0000 <b>the\u0001 bold</b>",
      summary: "Bio\u0000",
      url: "javascript:alert(document.cookie)",
      icon: { type: "Image", url: "data:image/svg+xml,<svg onload=alert(1)>" },
      inbox: `${MALLORY}/inbox`,
      endpoints: { sharedInbox: "https://evil.example/inbox" },
      publicKey: { id: `${MALLORY}#main-key`, owner: MALLORY, publicKeyPem: "{{PUBLIC_KEY_PEM}}" },
    },
  });
});
afterAll(() => app.close());

async function deliver(activity: unknown) {
  const response = await app.post(await signedPost(`${ORIGIN}/inbox`, activity, mallory));
  await app.drain();
  return response;
}

describe("untrusted text and URLs from other servers", () => {
  it("a reply with NUL and control characters and a javascript: url is stored cleaned, without the url", async () => {
    const id = `${MALLORY}/statuses/1`;
    const note = {
      id,
      type: "Note",
      attributedTo: MALLORY,
      to: [PUBLIC],
      inReplyTo: ANNOUNCEMENT,
      name: "Ti\u0000tle",
      summary: "Warn\u0000ing \ud800",
      content: "<p>Mer\u0000ci\u0008 !</p>",
      url: "javascript:alert(1)",
      published: "2025-03-01T10:00:00Z",
    };
    const response = await deliver({ "@context": AS, id: `${id}/activity`, type: "Create", actor: MALLORY, object: note, to: [PUBLIC] });
    expect(response.status).toBe(202);
    const [row] = await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id));
    expect(row).toMatchObject({ contentHtml: "<p>Merci !</p>", name: "Title", url: null });
    expect(row.summary).toBe("Warning \ufffd");
  });

  it("the author is remembered with a clean handle and name, and no javascript: page nor data: icon", async () => {
    const [actor] = await app.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, MALLORY));
    expect(actor).toMatchObject({ handle: "@mallory@evil.example", name: "Mallory the bold", summary: "Bio", url: null, iconUrl: null });
  });

  it("a reply whose id is not an http(s) URL is not kept", async () => {
    const id = "javascript:alert(3)";
    const note = { id, type: "Note", attributedTo: MALLORY, to: [PUBLIC], inReplyTo: ANNOUNCEMENT, content: "<p>x</p>" };
    const response = await deliver({ "@context": AS, id: `${MALLORY}/statuses/3/activity`, type: "Create", actor: MALLORY, object: note, to: [PUBLIC] });
    expect(response.status).toBeLessThan(500);
    expect(await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id))).toEqual([]);
  });

  it("an http(s) url is kept", async () => {
    const id = `${MALLORY}/statuses/2`;
    const note = { id, type: "Note", attributedTo: MALLORY, to: [PUBLIC], inReplyTo: ANNOUNCEMENT, content: "<p>Ok</p>", url: "https://evil.example/@mallory/2" };
    expect((await deliver({ "@context": AS, id: `${id}/activity`, type: "Create", actor: MALLORY, object: note, to: [PUBLIC] })).status).toBe(202);
    const [row] = await app.db.select().from(remotePostTable).where(eq(remotePostTable.id, id));
    expect(row.url).toBe("https://evil.example/@mallory/2");
  });
});

// Found by the inbox fuzz test: a Follow signed by Mallory whose `actor` is
// not Mallory's own absolute http(s) IRI must not make anybody a follower.
describe("a signed Follow whose actor is not the signer", () => {
  let serial = 0;
  it.each([
    ["a NUL character", "\u0000"],
    ["an empty string", ""],
    ["a blank", " "],
    ["a relative URL", "/users/mallory"],
    ["a relative path", "mallory"],
    ["a fragment", "#main-key"],
    ["another actor on the signer's server", "https://evil.example/users/alice"],
    ["another server's actor", "https://mastodon.example/users/alice"],
  ])("actor is %s: refused or ignored, no follower stored", async (_name, actor) => {
    await app.db.delete(followerTable);
    const response = await deliver({ "@context": AS, id: `${MALLORY}#follows/${++serial}`, type: "Follow", actor, object: NETWORK });
    expect(response.status).toBeLessThan(500);
    expect(await app.db.select().from(followerTable)).toEqual([]);
  });

  it("the same Follow with the signer as actor does store a follower (so the cases above mean something)", async () => {
    const response = await deliver({ "@context": AS, id: `${MALLORY}#follows/ok`, type: "Follow", actor: MALLORY, object: NETWORK });
    expect(response.status).toBe(202);
    expect((await app.db.select().from(followerTable)).map((f) => f.remoteActorId)).toEqual([MALLORY]);
  });
});
