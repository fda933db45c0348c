// Announcements API: posting, reading with visibility rules, editing and
// deleting with their permissions, sponsors acting for a neighbour, replies
// and reactions from the fediverse, and bad input.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actLogTable, memberTable, remoteActorTable, remotePostTable, remoteReactionTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let marie: Client; // member of lilas
let paul: Client; // member of lilas
let olivier: Client; // member of voisins only
let anonymous: Client;

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  olivier = await joinWith(t, admin, "olivier", "voisins");
  anonymous = t.client();
  await t.seedKeysOf("network", "lilas");
  for (const handle of ["sophie", "marie"]) await t.seedKeysOf("member", handle);
});
afterAll(() => t.close());

const post = (client: Client, body: Record<string, unknown>, slug = "lilas") => client.post(`/api/networks/${slug}/announcements`, body);
const list = async (client: Client, query = "") => (await client.get(`/api/networks/lilas/announcements${query}`)).body.announcements as any[];

describe("posting", () => {
  it("a member posts; network visibility by default; the text is escaped, with links and hashtags", async () => {
    const res = await post(marie, { content: "Troc de graines samedi <b>10 h</b>\nDétails : https://example.org/troc. #jardin" });
    expect(res.status).toBe(201);
    const a = res.body.announcement;
    expect(a).toMatchObject({ visibility: "network", author: { handle: "marie", displayName: "Marie" }, likes: 0, boosts: 0, replies: [] });
    expect(a.url).toBe(`${APP_ORIGIN}/n/lilas/a/${a.id}`);
    expect(a.postedBy).toBeUndefined();
    expect(a.contentHtml).toContain("&lt;b&gt;10 h&lt;/b&gt;<br>");
    expect(a.contentHtml).toContain('<a href="https://example.org/troc" rel="nofollow noopener noreferrer" target="_blank">https://example.org/troc</a>.');
    expect(a.contentHtml).toContain('class="mention hashtag" rel="tag">#<span>jardin</span></a>');
  });

  it("refuses empty or too long content, naming the field", async () => {
    for (const content of ["", "   \n ", "x".repeat(5001)]) {
      const res = await post(marie, { content, visibility: "public" });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe("content");
    }
    expect((await post(marie, {})).body.error.field).toBe("content");
    expect((await post(marie, { content: "Bonjour", visibility: "everyone" })).body.error.field).toBe("visibility");
    expect((await post(marie, { content: "x".repeat(5000) })).status).toBe(201);
  });

  it("non-members may not post, anonymous visitors must log in, unknown networks are 404", async () => {
    expect((await post(olivier, { content: "Bonjour les Lilas" })).status).toBe(403);
    expect((await post(anonymous, { content: "Bonjour" })).status).toBe(401);
    expect((await post(sophie, { content: "Bonjour" }, "nowhere")).status).toBe(404);
  });

  it("only animators post in the network's name", async () => {
    const denied = await post(marie, { content: "Au nom du réseau", asNetwork: true });
    expect(denied.status).toBe(403);
    expect(denied.body.error.field).toBe("asNetwork");
    const res = await post(sophie, { content: "Café-rencontre samedi", visibility: "public", asNetwork: true });
    expect(res.status).toBe(201);
    expect(res.body.announcement).toMatchObject({ author: null, postedBy: "sophie", visibility: "public" });
  });
});

describe("reading", () => {
  it("non-members and visitors see public announcements only; members see all", async () => {
    await post(sophie, { content: "Pour les partenaires", visibility: "partners" });
    const forMembers = await list(marie);
    expect(new Set(forMembers.map((a) => a.visibility))).toEqual(new Set(["network", "partners", "public"]));
    for (const outsider of [olivier, anonymous]) {
      const seen = await list(outsider);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((a) => a.visibility === "public")).toBe(true);
      expect(seen.every((a) => a.postedBy === undefined)).toBe(true);
    }
    expect((await list(admin)).length).toBe(forMembers.length);
  });

  it("pages newest first with before=ISO, and refuses a bad date", async () => {
    const all = await list(marie);
    const times = all.map((a) => Date.parse(a.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const older = await list(marie, `?before=${encodeURIComponent(all[1].createdAt)}`);
    expect(older[0].id).toBe(all[2].id);
    const bad = await marie.get("/api/networks/lilas/announcements?before=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("before");
    expect((await anonymous.get("/api/networks/nowhere/announcements")).status).toBe(404);
  });

  it("one announcement by id, 404 when unknown or not visible", async () => {
    const [hidden] = (await list(marie)).filter((a) => a.visibility === "network");
    const [shown] = await list(anonymous);
    expect((await anonymous.get(`/api/announcements/${shown.id}`)).body).toMatchObject({ announcement: { id: shown.id }, network: { slug: "lilas", name: "Les Lilas" } });
    expect((await anonymous.get(`/api/announcements/${hidden.id}`)).status).toBe(404);
    expect((await olivier.get(`/api/announcements/${hidden.id}`)).status).toBe(404);
    expect((await marie.get(`/api/announcements/${hidden.id}`)).status).toBe(200);
    expect((await marie.get("/api/announcements/00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await marie.get("/api/announcements/not-an-id")).status).toBe(404);
  });

  it("shows replies from the fediverse under the announcement, with likes and boosts", async () => {
    const { announcement } = (await post(sophie, { content: "Fête des voisins le 20", visibility: "public", asNetwork: true })).body;
    const alice = { id: "https://mastodon.example/users/alice", type: "Person", host: "mastodon.example", handle: "@alice@mastodon.example", name: "Alice", inbox: "https://mastodon.example/users/alice/inbox" };
    await t.db.insert(remoteActorTable).values(alice);
    const reply = (id: string, visibility: "public" | "direct") => ({
      id: `${alice.id}/statuses/${id}`, authorId: alice.id, type: "Note", inReplyTo: announcement.url,
      contentHtml: `<p>Réponse ${id}</p>`, visibility, url: `https://mastodon.example/@alice/${id}`,
    });
    await t.db.insert(remotePostTable).values([reply("1", "public"), reply("2", "direct")]);
    await t.db.insert(remoteReactionTable).values([
      { activityId: `${alice.id}#likes/1`, type: "like", actorId: alice.id, objectId: announcement.url },
      { activityId: `${alice.id}#announces/1`, type: "announce", actorId: alice.id, objectId: announcement.url },
    ]);
    const forVisitor = (await list(anonymous)).find((a) => a.id === announcement.id);
    expect(forVisitor).toMatchObject({ likes: 1, boosts: 1 });
    expect(forVisitor.replies).toEqual([
      {
        id: `${alice.id}/statuses/1`, url: "https://mastodon.example/@alice/1", contentHtml: "<p>Réponse 1</p>", published: expect.any(String),
        author: { id: alice.id, handle: "@alice@mastodon.example", name: "Alice", url: alice.id, iconUrl: null },
      },
    ]);
    // A private answer is for the network's members.
    expect((await list(marie)).find((a) => a.id === announcement.id).replies).toHaveLength(2);
  });
});

describe("editing and deleting", () => {
  it("the author edits; others may not, animators may; bad input is refused", async () => {
    const { announcement } = (await post(marie, { content: "Perdu un chat roux", visibility: "public" })).body;
    const edited = await marie.patch(`/api/announcements/${announcement.id}`, { content: "Chat roux retrouvé, merci !" });
    expect(edited.status).toBe(200);
    expect(edited.body.announcement).toMatchObject({ content: "Chat roux retrouvé, merci !", updatedAt: expect.any(String) });
    expect((await paul.patch(`/api/announcements/${announcement.id}`, { content: "Pas à moi" })).status).toBe(403);
    expect((await olivier.patch(`/api/announcements/${announcement.id}`, { content: "Pas à moi" })).status).toBe(403);
    expect((await sophie.patch(`/api/announcements/${announcement.id}`, { content: "Modéré" })).status).toBe(200);
    expect((await marie.patch(`/api/announcements/${announcement.id}`, { content: "" })).body.error.field).toBe("content");
    // Who may read it was decided when posting: a wider audience would be a new announcement.
    const widened = await marie.patch(`/api/announcements/${announcement.id}`, { content: "Chat roux", visibility: "public" });
    expect(widened.status).toBe(400);
    expect(widened.body.error.field).toBe("visibility");
    expect((await marie.patch(`/api/announcements/${announcement.id}`, { content: "x".repeat(5001) })).body.error.field).toBe("content");
    expect((await marie.patch("/api/announcements/00000000-0000-0000-0000-000000000000", { content: "Oui" })).status).toBe(404);
    expect((await anonymous.patch(`/api/announcements/${announcement.id}`, { content: "Oui" })).status).toBe(401);
  });

  it("the author or an animator deletes; then it is gone", async () => {
    const { announcement } = (await post(marie, { content: "À supprimer" })).body;
    expect((await olivier.delete(`/api/announcements/${announcement.id}`)).status).toBe(404); // cannot even see it
    expect((await paul.delete(`/api/announcements/${announcement.id}`)).status).toBe(403);
    expect((await marie.delete(`/api/announcements/${announcement.id}`)).status).toBe(204);
    expect((await marie.delete(`/api/announcements/${announcement.id}`)).status).toBe(404);
    expect((await marie.get(`/api/announcements/${announcement.id}`)).status).toBe(404);
  });
});

describe("sponsors", () => {
  it("post and edit for a sponsored neighbour, recorded as by X for Y", async () => {
    await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "marie" });
    marie.actingFor = "jeanne";
    const res = await post(marie, { content: "Je prête ma perceuse", visibility: "public" });
    marie.actingFor = undefined;
    expect(res.status).toBe(201);
    expect(res.body.announcement).toMatchObject({ author: { handle: "jeanne" }, postedBy: "marie" });
    // The sponsor edits it without naming the neighbour; an outsider cannot act for her.
    expect((await marie.patch(`/api/announcements/${res.body.announcement.id}`, { content: "Perceuse prêtée" })).status).toBe(200);
    olivier.actingFor = "jeanne";
    expect((await post(olivier, { content: "Usurpation" })).status).toBe(403);
    olivier.actingFor = undefined;
    const [jeanne] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "jeanne"));
    const acts = await t.db.select().from(actLogTable).where(eq(actLogTable.forMemberId, jeanne.id));
    const [marieRow] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "marie"));
    expect(acts.filter((a) => a.action.startsWith("announcement.")).map((a) => [a.action, a.byMemberId])).toEqual([
      ["announcement.post", marieRow.id],
      ["announcement.edit", marieRow.id],
    ]);
  });
});
