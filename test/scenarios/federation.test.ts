// Three real instances (test/helpers/instances.ts): A (127.0.0.2 by default, network
// "lilas"), B (.3, "tilleuls"), C (.4, "fontaine"), over HTTPS.
// First the harness itself: actors, WebFinger with IP-host handles, NodeInfo,
// API clients. Then: a member of A follows B by handle and sees B's public
// announcements; A and B become partners and B's partner-only announcement
// reaches A and not C; a network-only one reaches nobody; A blocks C's domain,
// which then gets nothing from A and is refused.
// The tests build on each other, in order (one set of instances per file).
import { createFederation, MemoryKvStore } from "@fedify/fedify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, C, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { announce, DELIVERY_TIMEOUT_MS, feed, fetchAsActivityPub, follow, following, inFeed, waitForInFeed, waitForLog, type Announcement } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance, c: Instance;
let amelie: ApiClient; // animator of lilas (A)
let alice: ApiClient; // member of lilas (A)
let bruno: ApiClient; // animator of tilleuls (B)
let benoit: ApiClient; // member of tilleuls (B)
let cyril: ApiClient; // animator of fontaine (C)
let celine: ApiClient; // member of fontaine (C)

beforeAll(async () => {
  const started = Date.now();
  // Per instance: a network and its animator through the CLI, the others invited through the API.
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", description: "Entraide rue des Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", description: "Quartier des Tilleuls", animator: "bruno" } },
    { ...C, network: { slug: "fontaine", name: "La Fontaine", description: "Autour de la fontaine", animator: "cyril" } },
  ]);
  [a, b, c] = fleet.instances;
  [amelie, bruno, cyril] = [a.animator, b.animator, c.animator];
  [alice, benoit, celine] = await Promise.all([a.invitedBy(amelie, "lilas", "alice"), b.invitedBy(bruno, "tilleuls", "benoit"), c.invitedBy(cyril, "fontaine", "celine")]);
  console.log(`federation: 3 instances with networks and members in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

const TILLEULS = `https://${B.ip}/n/tilleuls`;
const LILAS = `https://${A.ip}/n/lilas`;
const escaped = (ip: string) => ip.replaceAll(".", "\\.");

describe("the instances, each on its own address over HTTPS", () => {
  const asJson = { accept: "application/activity+json" };

  it("serve their networks as Groups at https://IP/n/slug, with ids on their own origin", async () => {
    const res = await fetch(`${a.origin}/n/lilas`, { headers: asJson });
    expect(res.status).toBe(200);
    const group = await res.json();
    expect(group).toMatchObject({ id: LILAS, type: "Group", preferredUsername: "lilas", inbox: `${LILAS}/inbox` });
    expect(group.endpoints.sharedInbox).toBe(`https://${A.ip}/inbox`);
  });

  it("answer WebFinger for acct:slug@IP, and NodeInfo", async () => {
    const res = await fetch(`${b.origin}/.well-known/webfinger?resource=${encodeURIComponent(`acct:tilleuls@${B.ip}`)}`);
    expect(res.status).toBe(200);
    const jrd = await res.json();
    expect(jrd.subject).toBe(`acct:tilleuls@${B.ip}`);
    expect(jrd.links).toContainEqual(expect.objectContaining({ rel: "self", href: TILLEULS }));
    const links = await (await fetch(`${c.origin}/.well-known/nodeinfo`)).json();
    const nodeinfo = await (await fetch(links.links[0].href)).json();
    expect(nodeinfo).toMatchObject({ software: { name: "maillage" }, openRegistrations: false });
  });

  it("are found by IP-host handles through Fedify's own look-up (WebFinger over https), as the servers do it", async () => {
    // The call the servers make (ctx.lookupObject), in test mode.
    const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
    const ctx = federation.createContext(new URL("https://127.0.0.9"), undefined);
    expect((await ctx.lookupObject(`@tilleuls@${B.ip}`))?.id?.href).toBe(TILLEULS);
    expect((await ctx.lookupObject(`alice@${A.ip}`))?.id?.href).toBe(`https://${A.ip}/m/alice`);
  });

  it("have logged-in API clients: the admin from the CLI, members from invitations and /api/signup, writes with the CSRF token", async () => {
    expect((await b.admin.expect(200, "GET", "/api/session")).body).toMatchObject({ member: { handle: "admin-b" }, memberships: [] });
    expect((await bruno.expect(200, "GET", "/api/session")).body.memberships).toEqual([{ network: expect.objectContaining({ slug: "tilleuls" }), role: "animator" }]);
    expect((await benoit.expect(200, "GET", "/api/session")).body.memberships).toEqual([{ network: expect.objectContaining({ slug: "tilleuls" }), role: "member" }]);
    const withoutToken = b.client();
    withoutToken.cookie = benoit.cookie;
    expect((await withoutToken.patch("/api/me", { bio: "x" })).status).toBe(403);
  });
});

describe("following a network on another instance", () => {
  it("a member on A follows network B by handle; B lists A's member as a follower", async () => {
    const accepted = await follow(alice, `@tilleuls@${B.ip}`, TILLEULS);
    expect(accepted.actor.handle).toBe(`@tilleuls@${B.ip}`);
    const followers = await bruno.expect(200, "GET", "/api/networks/tilleuls/followers");
    expect(followers.body.followers).toContainEqual(expect.objectContaining({ state: "accepted", actor: expect.objectContaining({ id: `https://${A.ip}/m/alice` }) }));
    // C's member follows B too: the non-partner that must not get partner-only posts.
    await follow(cyril, `tilleuls@${B.ip}`, TILLEULS);
  });

  it("B's public announcement reaches A's member's feed, as a Create from B's Group", async () => {
    const posted = await announce(bruno, "tilleuls", "Café des voisins samedi à 10 h, place des Tilleuls #café", "public");
    expect(posted.url).toMatch(new RegExp(`^https://${escaped(B.ip)}/n/tilleuls/`));
    const seen = await waitForInFeed(alice, posted);
    expect(seen.author.id).toBe(TILLEULS);
    expect(seen.contentHtml).toContain("Café des voisins samedi");
    // The object itself is served to anyone (public).
    const res = await fetchAsActivityPub(posted.url);
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(posted.url);
  });

  it("a member's public announcement is relayed by the Group (Announce, FEP-1b12)", async () => {
    const posted = await announce(benoit, "tilleuls", "Je prête ma perceuse, passez au 12", "public", false);
    const seen = await waitForInFeed(alice, posted);
    expect(seen.author.id).toBe(`https://${B.ip}/m/benoit`);
    expect(seen.via?.id).toBe(TILLEULS);
  });
});

describe("partnership between A and B", () => {
  it("A's animator asks B by handle; B's animator sees the request with A's description and accepts; both list each other", async () => {
    const asked = await amelie.expect(201, "POST", "/api/networks/lilas/partnerships", { partner: `@tilleuls@${B.ip}`, message: "Voisins, travaillons ensemble !" });
    expect(asked.body.partnership.state).toBe("outgoing");
    const incoming = await waitFor(
      "the partnership request to reach B",
      async () =>
        ((await bruno.expect(200, "GET", "/api/networks/tilleuls/partnerships")).body.partnerships as { id: string; state: string; message: string; partner: { actorId: string; summary: string | null } }[]).find(
          (p) => p.partner.actorId === LILAS && p.state === "incoming",
        ),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(incoming.message).toContain("travaillons ensemble");
    expect(incoming.partner.summary).toContain("Entraide rue des Lilas");
    const accepted = await bruno.expect(200, "POST", `/api/networks/tilleuls/partnerships/${incoming.id}/accept`);
    expect(accepted.body.partnership.state).toBe("active");
    await waitFor(
      "A's side of the partnership to become active",
      async () => ((await amelie.expect(200, "GET", "/api/networks/lilas/partnerships")).body.partnerships as { state: string; partner: { actorId: string } }[]).find((p) => p.partner.actorId === TILLEULS && p.state === "active"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    // Public lists of partners, on both sides.
    const partnersOfA = (await a.client().expect(200, "GET", "/api/networks/lilas/partners")).body.partners;
    expect(partnersOfA).toContainEqual(expect.objectContaining({ actorId: TILLEULS, local: false }));
    const partnersOfB = (await b.client().expect(200, "GET", "/api/networks/tilleuls/partners")).body.partners;
    expect(partnersOfB).toContainEqual(expect.objectContaining({ actorId: LILAS, local: false }));
  });

  let partnersOnly: Announcement;

  it("a partner-only announcement reaches the partner network A and not the non-partner C", async () => {
    partnersOnly = await announce(bruno, "tilleuls", "Entre partenaires : commande groupée de composteurs", "partners");
    // A: its member, who follows B, sees it.
    await waitForInFeed(alice, partnersOnly);
    // And every member of A sees it among what the partners share, followers of B or not.
    const shared = (await amelie.expect(200, "GET", "/api/networks/lilas/partner-posts")).body.posts as { id: string; contentHtml: string }[];
    expect(shared.some((p) => p.id === partnersOnly.url || p.contentHtml.includes("commande groupée de composteurs"))).toBe(true);
    await a.client().expect(401, "GET", "/api/networks/lilas/partner-posts");
    // C: a public announcement posted afterwards reaches C's member; by then the
    // partner-only one would have too, had it been sent there.
    const marker = await announce(bruno, "tilleuls", "Marqueur public après l'annonce aux partenaires", "public");
    await waitForInFeed(cyril, marker);
    expect(await inFeed(cyril, partnersOnly)).toBe(false);
  });

  it("the partner-only object is not served to an unsigned fetch", async () => {
    const res = await fetchAsActivityPub(partnersOnly.url);
    expect([401, 403, 404]).toContain(res.status);
  });
});

describe("network-only announcements", () => {
  it("reach nobody: not the follower on A, not the partner, not C; never served as JSON-LD", async () => {
    const internal = await announce(bruno, "tilleuls", "Réservé au réseau : code de la boîte à clés 4521", "network");
    const marker = await announce(bruno, "tilleuls", "Marqueur public après l'annonce interne", "public");
    await Promise.all([waitForInFeed(alice, marker), waitForInFeed(cyril, marker)]);
    for (const client of [alice, cyril]) {
      const posts = await feed(client);
      expect(posts.some((p) => p.id === internal.url || p.contentHtml.includes("boîte à clés"))).toBe(false);
    }
    expect((await fetchAsActivityPub(internal.url)).status).toBe(404);
    // B's own members see it.
    const list = (await benoit.expect(200, "GET", "/api/networks/tilleuls/announcements")).body.announcements as { url: string }[];
    expect(list.some((x) => x.url === internal.url)).toBe(true);
  });
});

describe("domain blocks", () => {
  let before: Announcement;

  it("before the block, C's member follows A and gets its public announcements", async () => {
    await follow(cyril, `@lilas@${A.ip}`, LILAS);
    // B's member follows A too: the witness that A's deliveries go out.
    await follow(benoit, `@lilas@${A.ip}`, LILAS);
    before = await announce(amelie, "lilas", "Avant le blocage : vide-grenier dimanche", "public");
    await Promise.all([waitForInFeed(cyril, before), waitForInFeed(benoit, before)]);
  });

  it("A's admin blocks C's domain", async () => {
    expect((await amelie.post("/api/admin/domain-blocks", { host: `${C.ip}` })).status).toBe(403);
    const blocked = await a.admin.expect(201, "POST", "/api/admin/domain-blocks", { host: `${C.ip}`, reason: "Test de blocage" });
    expect(blocked.body.block.host).toBe(`${C.ip}`);
    const list = await a.admin.expect(200, "GET", "/api/admin/domain-blocks");
    expect(list.body.blocks).toContainEqual(expect.objectContaining({ host: `${C.ip}`, reason: "Test de blocage" }));
  });

  it("the blocked domain gets nothing: A's next public announcement reaches B's follower, not C's", async () => {
    const after = await announce(amelie, "lilas", "Après le blocage : réunion mardi", "public");
    await waitForInFeed(benoit, after);
    expect(await inFeed(cyril, after)).toBe(false);
  });

  it("and is refused: a new follow from C never gets through, while one from B does", async () => {
    const attempt = await celine.post("/api/me/following", { target: `@lilas@${A.ip}` });
    // Refused at the look-up (A does not answer C), or the Follow is sent and refused by A's inbox.
    expect([201, 400, 403, 404]).toContain(attempt.status);
    console.log(`federation: C's follow attempt after the block answered ${attempt.status} ${attempt.text.slice(0, 200)}`);
    // Witness: a follow from B sent after C's is accepted...
    await follow(bruno, `@lilas@${A.ip}`, LILAS);
    // ...by then C's would have been too. It is not, and A does not list it.
    if (attempt.status === 201) expect((await following(celine)).find((f) => f.actor.id === LILAS)?.state).toBe("pending");
    const followers = (await amelie.expect(200, "GET", "/api/networks/lilas/followers")).body.followers as { actor: { id: string } }[];
    expect(followers.map((f) => f.actor.id)).toContain(`https://${B.ip}/m/bruno`);
    expect(followers.map((f) => f.actor.id)).not.toContain(`https://${C.ip}/m/celine`);
  });

  it("and its activities are refused (403): C's member's Undo(Follow) does not reach A", async () => {
    const listed = async () => ((await amelie.expect(200, "GET", "/api/networks/lilas/followers")).body.followers as { actor: { id: string } }[]).map((f) => f.actor.id);
    const cyrilOnA = (await listed()).includes(`https://${C.ip}/m/cyril`);
    const follows = await following(cyril);
    const toLilas = follows.find((f) => f.actor.id === LILAS)!;
    await cyril.expect(204, "DELETE", `/api/me/following/${toLilas.id}`);
    // A answers C's signed POST with 403 (and C will retry, in vain).
    await waitForLog(c, "A refusing C's Undo with 403", [/Failed to send activity/, new RegExp(escaped(A.ip)), /\b403\b/]);
    // Witness: B's member's Undo, sent after, is processed...
    const benoitToLilas = (await following(benoit)).find((f) => f.actor.id === LILAS)!;
    await benoit.expect(204, "DELETE", `/api/me/following/${benoitToLilas.id}`);
    await waitFor("A to drop B's member from its followers", async () => !(await listed()).includes(`https://${B.ip}/m/benoit`), { timeoutMs: DELIVERY_TIMEOUT_MS });
    // ...C's was not (if A kept C's follower when blocking, it is still there).
    expect((await listed()).includes(`https://${C.ip}/m/cyril`)).toBe(cyrilOnA);
  });
});
