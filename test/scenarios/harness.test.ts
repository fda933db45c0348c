// The multi-instance harness itself: two real instances on their own loopback
// addresses over HTTPS, found by IP-host handles through Fedify, with admins
// and members made through the CLI and the API, surviving a restart.
import { createFederation, MemoryKvStore } from "@fedify/fedify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, startInstances, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";

let fleet: Fleet;
let a: Instance;
let b: Instance;
let animator: ApiClient;

beforeAll(async () => {
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", description: "Entraide rue des Lilas" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  animator = b.animator;
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

const asJson = { accept: "application/activity+json" };

describe("each instance on its own address, over HTTPS", () => {
  it("serves its network as a Group at https://IP/n/slug, with ids on its own origin", async () => {
    const res = await fetch(`${a.origin}/n/lilas`, { headers: asJson });
    expect(res.status).toBe(200);
    const group = await res.json();
    expect(group).toMatchObject({ id: "https://127.0.0.2/n/lilas", type: "Group", preferredUsername: "lilas", inbox: "https://127.0.0.2/n/lilas/inbox" });
    expect(group.endpoints.sharedInbox).toBe("https://127.0.0.2/inbox");
  });

  it("answers WebFinger for acct:slug@IP and NodeInfo", async () => {
    const res = await fetch(`${b.origin}/.well-known/webfinger?resource=${encodeURIComponent("acct:tilleuls@127.0.0.3")}`);
    expect(res.status).toBe(200);
    const jrd = await res.json();
    expect(jrd.subject).toBe("acct:tilleuls@127.0.0.3");
    expect(jrd.links).toContainEqual(expect.objectContaining({ rel: "self", href: "https://127.0.0.3/n/tilleuls" }));
    const links = await (await fetch(`${b.origin}/.well-known/nodeinfo`)).json();
    const nodeinfo = await (await fetch(links.links[0].href)).json();
    expect(nodeinfo).toMatchObject({ software: { name: "maillage" }, openRegistrations: false });
  });

  it("is found by an IP-host handle through Fedify's own look-up (WebFinger over https), as a server does", async () => {
    // The same call the servers make (ctx.lookupObject), in test mode.
    const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
    const ctx = federation.createContext(new URL("https://127.0.0.9"), undefined);
    const found = await ctx.lookupObject("@tilleuls@127.0.0.3");
    expect(found?.id?.href).toBe("https://127.0.0.3/n/tilleuls");
    const member = await ctx.lookupObject("bruno@127.0.0.3");
    expect(member?.id?.href).toBe("https://127.0.0.3/m/bruno");
  });

  it("gives logged-in API clients: the admin from the CLI, members from CLI invitations and /api/signup", async () => {
    const me = await animator.get("/api/me");
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain("bruno");
    const session = await b.admin.get("/api/session");
    expect(session.body.member.handle).toBe("admin-b");
    expect(session.body.memberships).toEqual([]);
    expect((await animator.get("/api/session")).body.memberships).toEqual([{ network: expect.objectContaining({ slug: "tilleuls" }), role: "animator" }]);
    // Writes carry the CSRF token: without it they are refused.
    const bare = b.client();
    bare.cookie = animator.cookie;
    expect((await bare.patch("/api/me", { bio: "x" })).status).toBe(403);
  });
});

describe("stop and start", () => {
  it("comes back on the same data and database: same keys, same sessions", async () => {
    const before = await (await fetch(`${b.origin}/n/tilleuls`, { headers: asJson })).json();
    await b.restart();
    const after = await (await fetch(`${b.origin}/n/tilleuls`, { headers: asJson })).json();
    expect(after.publicKey.publicKeyPem).toBe(before.publicKey.publicKeyPem);
    expect((await animator.get("/api/session")).body.member.handle).toBe("bruno");
    expect(b.output()).toContain("B stopped");
  });
});
