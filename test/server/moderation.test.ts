// Moderation through the API: a member reports what they can see (an offer,
// an announcement, a member), with bad input named by its field; the network's
// animators find it in their queue with the item as it was, act on it
// (dismiss, hide, warn, suspend, remove), each action in the log; the author
// of a hidden offer sees it hidden with the reason and asks for a review; the
// reporter learns the outcome only; nobody but the animators learns who reported.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerTable, reportTable } from "../../db/schema/index.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let rose: Client; // member of lilas, reports
let marc: Client; // member of lilas, reported
let nadia: Client; // member of tilleuls only
let offer: { id: string; title: string };
let secret: { id: string };

const notices = async (client: Client) => (await client.get("/api/me/notifications")).body.notifications as { kind: string; from: string; subject: { type: string; title: string; path: string } }[];
const reportCount = async () => (await t.handle.db.select({ n: count() }).from(reportTable))[0].n;
const queue = async () => (await sophie.get("/api/networks/lilas/moderation")).body.reports as any[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  marc = await joinWith(t, sophie, "marc");
  nadia = await joinWith(t, admin, "nadia", "tilleuls");
  offer = (await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Promo sur mes cosmétiques", body: "Achetez ma marque !", visibility: "public" })).body.offer;
  secret = (await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Entre voisins", visibility: "network" })).body.offer;
});
afterAll(() => t.close());

describe("reporting", () => {
  it("a member reports an offer: acknowledged, the animators are told in the app, naming nobody", async () => {
    const res = await rose.post("/api/reports", { subjectType: "offer", subjectId: offer.id, reason: "promotion", comment: "Publicité commerciale" });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ subject: { type: "offer", id: offer.id, title: "Promo sur mes cosmétiques" }, reason: "promotion", status: "open", outcome: null });
    const [notice] = await notices(sophie);
    expect(notice).toMatchObject({ kind: "moderation.report", from: "", subject: { type: "report", title: "Promo sur mes cosmétiques", path: "/n/lilas/moderation" } });
    expect(await notices(marc)).toEqual([]);
  });

  it("reporting again returns the first report; nothing new is written", async () => {
    const before = await reportCount();
    const again = await rose.post("/api/reports", { subjectType: "offer", subjectId: offer.id, reason: "spam" });
    expect(again.status).toBe(200);
    expect(again.body.report.reason).toBe("promotion");
    expect(await reportCount()).toBe(before);
  });

  it("bad input is named by its field, and nothing is written", async () => {
    const before = await reportCount();
    const cases: [unknown, number, string][] = [
      [{ subjectType: "offer", subjectId: offer.id, reason: "rudeness" }, 400, "reason"],
      [{ subjectType: "offer", subjectId: offer.id, reason: "other", comment: "x".repeat(2001) }, 400, "comment"],
      [{ subjectType: "poster", subjectId: offer.id, reason: "other" }, 400, "subjectType"],
    ];
    for (const [body, status, field] of cases) {
      const res = await marc.post("/api/reports", body);
      expect([res.status, res.body.error.field]).toEqual([status, field]);
    }
    // Something the reporter cannot see, or that does not exist: 404 alike.
    for (const subjectId of [secret.id, "00000000-0000-4000-8000-000000000000"]) {
      const res = await nadia.post("/api/reports", { subjectType: "offer", subjectId, reason: "spam" });
      expect([res.status, res.body.error.code]).toEqual([404, "report_subject_not_found"]);
    }
    expect((await nadia.post("/api/reports", { subjectType: "member", subjectId: "marc", reason: "spam" })).status).toBe(404);
    expect((await t.client().post("/api/reports", { subjectType: "offer", subjectId: offer.id, reason: "spam" })).status).toBe(401);
    expect(await reportCount()).toBe(before);
  });

  it("an announcement and a member can be reported; the snapshot keeps the item as it was", async () => {
    const a = (await marc.post("/api/networks/lilas/announcements", { content: "Venez tous à mon meeting politique" })).body.announcement;
    expect((await rose.post("/api/reports", { subjectType: "announcement", subjectId: a.id, reason: "promotion" })).status).toBe(201);
    await marc.patch(`/api/announcements/${a.id}`, { content: "Rien à voir" });
    const m = await rose.post("/api/reports", { subjectType: "member", subjectId: "marc", reason: "pressure", comment: "Il insiste en message" });
    expect(m.status).toBe(201);
    const reports = await queue();
    const ann = reports.find((r) => r.subject.type === "announcement");
    expect(ann.snapshot.text).toBe("Venez tous à mon meeting politique");
    // Earlier reports on the same person are beside each report.
    const aboutMarc = reports.find((r) => r.subject.type === "member");
    expect(aboutMarc.target.member).toEqual({ handle: "marc", displayName: "Marc" });
    expect(aboutMarc.earlier.map((e: { title: string }) => e.title).sort()).toEqual(["Promo sur mes cosmétiques", "Venez tous à mon meeting politique"]);
    expect(aboutMarc.reporter).toEqual({ handle: "rose", displayName: "Rose" });
  });
});

describe("the queue", () => {
  it("is the animators': members and other networks' animators get 403", async () => {
    expect((await marc.get("/api/networks/lilas/moderation")).status).toBe(403);
    expect((await marc.get("/api/networks/lilas/moderation/log")).status).toBe(403);
    const [first] = await queue();
    const res = await rose.post(`/api/networks/lilas/moderation/reports/${first.id}/actions`, { action: "dismiss" });
    expect(res.status).toBe(403);
    expect((await nadia.post(`/api/networks/tilleuls/moderation/reports/${first.id}/actions`, { action: "dismiss" })).status).toBe(403);
    expect((await t.client().get("/api/moderation")).status).toBe(401);
    expect((await sophie.get("/api/moderation")).status).toBe(403);
  });

  it("hide: the offer leaves the lists and its page for others; its author sees it hidden with the reason; the reporter learns the outcome", async () => {
    const report = (await queue()).find((r) => r.subject.id === offer.id);
    expect(report.snapshot).toMatchObject({ title: "Promo sur mes cosmétiques", text: "Achetez ma marque !", author: "Marc (@marc)" });
    const missing = await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "hide" });
    expect([missing.status, missing.body.error.field]).toEqual([400, "reason"]);
    const res = await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "hide", reason: "Publicité commerciale : contraire à la gratuité" });
    expect(res.status).toBe(200);
    expect(res.body.report.status).toBe("resolved");
    for (const client of [rose, nadia, t.client()]) {
      expect((await client.get(`/api/offers/${offer.id}`)).status).toBe(404);
      expect(JSON.stringify((await client.get("/api/networks/lilas/offers")).body)).not.toContain(offer.id);
    }
    const mine = await marc.get(`/api/offers/${offer.id}`);
    expect(mine.body.offer).toMatchObject({ status: "hidden", hidden: { reason: "Publicité commerciale : contraire à la gratuité", reviewRequestedAt: null } });
    expect((await notices(marc))[0]).toMatchObject({ kind: "moderation.hidden", subject: { title: "Promo sur mes cosmétiques" } });
    const [outcome] = (await rose.get("/api/me/reports")).body.reports.filter((r: { subject: { id: string } }) => r.subject.id === offer.id);
    expect(outcome).toMatchObject({ status: "closed", outcome: "action_taken" });
    expect(JSON.stringify(outcome)).not.toContain("Publicité commerciale :");
    expect((await notices(rose))[0]).toMatchObject({ kind: "moderation.resolved" });
  });

  it("the author asks for a review; the animators see it and show the offer again", async () => {
    const asked = await marc.post(`/api/hidden/offer/${offer.id}/review`, { note: "C'est un don, pas une vente" });
    expect(asked.status).toBe(200);
    expect((await marc.post(`/api/hidden/offer/${offer.id}/review`, { note: "encore" })).status).toBe(409);
    expect((await rose.post(`/api/hidden/offer/${offer.id}/review`, {})).status).toBe(404);
    const { reviews } = (await sophie.get("/api/networks/lilas/moderation")).body;
    expect(reviews).toEqual([expect.objectContaining({ subject: { type: "offer", id: offer.id }, note: "C'est un don, pas une vente", author: { handle: "marc", displayName: "Marc" } })]);
    expect((await notices(sophie))[0]).toMatchObject({ kind: "moderation.review_requested", from: "Marc" });
    expect((await rose.post(`/api/networks/lilas/moderation/hidden/offer/${offer.id}/unhide`, {})).status).toBe(403);
    expect((await sophie.post(`/api/networks/lilas/moderation/hidden/offer/${offer.id}/unhide`, { reason: "Relu : c'est un don" })).status).toBe(200);
    expect((await rose.get(`/api/offers/${offer.id}`)).body.offer.status).toBe("open");
  });

  it("dismiss: the reporter learns it was dismissed", async () => {
    const report = (await queue()).find((r) => r.subject.type === "announcement");
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "dismiss", reason: "Annonce d'une réunion publique de quartier" })).status).toBe(200);
    const mine = (await rose.get("/api/me/reports")).body.reports.find((r: { id: string }) => r.id === report.id);
    expect(mine.outcome).toBe("dismissed");
  });

  it("warn, then suspend: the member reads the warning privately; suspended, they read but neither post nor answer; an end in the past is refused", async () => {
    const report = (await queue()).find((r) => r.subject.type === "member");
    // A warning does not close a report of its own accord here: we report Marc again from Sophie to warn then suspend.
    const warn = await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "warn", reason: "Merci de ne plus insister en message" });
    expect(warn.status).toBe(200);
    const warning = (await notices(marc)).find((n) => n.kind === "moderation.warning")!;
    expect(warning.subject.title).toBe("Merci de ne plus insister en message");
    expect(JSON.stringify(await notices(marc))).not.toMatch(/rose/i);

    const second = (await sophie.post("/api/reports", { subjectType: "member", subjectId: "marc", reason: "incivility" })).body.report;
    const past = await sophie.post(`/api/networks/lilas/moderation/reports/${second.id}/actions`, { action: "suspend", reason: "Insultes", until: "2020-01-01T00:00:00Z" });
    expect([past.status, past.body.error.field, past.body.error.code]).toEqual([400, "until", "until_in_past"]);
    const until = new Date(Date.now() + 7 * 86400_000).toISOString();
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${second.id}/actions`, { action: "suspend", reason: "Insultes", until })).status).toBe(200);
    const post = await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Encore" });
    expect([post.status, post.body.error.code]).toEqual([403, "member_suspended"]);
    const answer = await marc.post(`/api/offers/${(await rose.post("/api/networks/lilas/offers", { kind: "request", theme: "don", title: "Une échelle" })).body.offer.id}/responses`, { message: "Moi" });
    expect(answer.body.error.code).toBe("member_suspended");
    expect((await marc.post("/api/networks/lilas/announcements", { content: "Bonjour" })).status).toBe(403);
    expect((await marc.get("/api/networks/lilas/offers")).status).toBe(200);
  });

  it("remove: the member leaves the network; the log says who did what, when and why, to the animation group only", async () => {
    const third = (await sophie.post("/api/reports", { subjectType: "offer", subjectId: secret.id, reason: "other" })).body.report;
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${third.id}/actions`, { action: "remove", reason: "Insultes répétées" })).status).toBe(200);
    expect((await marc.get("/api/networks/lilas/offers")).body.offers.map((o: { id: string }) => o.id)).not.toContain(secret.id);
    expect((await marc.post("/api/networks/lilas/announcements", { content: "Bonjour" })).body.error.code).toBe("not_a_member");
    const log = (await sophie.get("/api/networks/lilas/moderation/log")).body.entries;
    expect(log.map((e: { action: string }) => e.action)).toEqual(["remove", "suspend", "warn", "dismiss", "unhide", "review_requested", "hide"]);
    expect(log[0]).toMatchObject({ by: "Sophie", reason: "Insultes répétées", target: "Marc (@marc)" });
    expect((await admin.get("/api/networks/lilas/moderation/log")).status).toBe(200);
    // Acting again on a closed report, or on an unknown one.
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/00000000-0000-4000-8000-000000000000/actions`, { action: "dismiss" })).status).toBe(404);
    expect((await sophie.post(`/api/networks/lilas/moderation/reports/${third.id}/actions`, { action: "teleport" })).body.error.field).toBe("action");
  });
});

describe("personal data", () => {
  it("the export holds the reports a member made, and none about them", async () => {
    const mine = (await rose.get("/api/me/export")).body;
    expect(mine.reports.length).toBeGreaterThanOrEqual(3);
    const theirs = (await marc.get("/api/me/export")).body;
    expect(theirs.reports).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain("rose");
  });

  it("deleting an account deletes the reports it made", async () => {
    const [{ n }] = await t.handle.db.select({ n: count() }).from(reportTable);
    expect(n).toBeGreaterThan(0);
    await rose.delete("/api/me", { password: "rose has a long password" });
    const left = await t.handle.db.select().from(reportTable);
    expect(left.every((r) => r.reporterId !== null)).toBe(true);
    expect(left.some((r) => r.comment === "Publicité commerciale")).toBe(false);
    expect((await t.handle.db.select().from(offerTable).where(eq(offerTable.id, offer.id))).length).toBe(1);
  });
});

describe("safety rails", () => {
  let s: TestApp;
  let anim: Client;
  let newcomer: Client;

  beforeAll(async () => {
    s = await createTestApp();
    const boss = await withNetwork(s);
    anim = await joinWith(s, boss, "sophie", "lilas", "animator");
    newcomer = await joinWith(s, anim, "nina");
  });
  afterAll(() => s.close());

  it("first posts held for approval: off by default; on, a newcomer's first offer waits, hidden, in the queue; approved, the next ones go straight out", async () => {
    expect((await anim.get("/api/networks/lilas/moderation/settings")).body).toEqual({ holdFirstPosts: false });
    expect((await newcomer.put("/api/networks/lilas/moderation/settings", { holdFirstPosts: true })).status).toBe(403);
    expect((await anim.put("/api/networks/lilas/moderation/settings", { holdFirstPosts: "oui" })).body.error.field).toBe("holdFirstPosts");
    expect((await anim.put("/api/networks/lilas/moderation/settings", { holdFirstPosts: true })).body).toEqual({ holdFirstPosts: true });
    const first = (await newcomer.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Ma première offre" })).body.offer;
    expect(first).toMatchObject({ status: "hidden", hidden: { held: true } });
    expect((await anim.get("/api/networks/lilas/offers")).text).not.toContain(first.id);
    const { reviews } = (await anim.get("/api/networks/lilas/moderation")).body;
    expect(reviews).toEqual([expect.objectContaining({ subject: { type: "offer", id: first.id }, held: true, title: "Ma première offre", author: { handle: "nina", displayName: "Nina" } })]);
    expect((await notices(anim)).map((n) => n.kind)).toContain("moderation.held");
    // A second one before approval waits too; the animators' own never do.
    const second = (await newcomer.post("/api/networks/lilas/offers", { kind: "request", theme: "don", title: "Une deuxième" })).body.offer;
    expect(second.status).toBe("hidden");
    expect((await anim.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Celle de Sophie" })).body.offer.status).toBe("open");
    expect((await anim.post(`/api/networks/lilas/moderation/hidden/offer/${first.id}/unhide`, {})).status).toBe(200);
    expect((await newcomer.get(`/api/offers/${first.id}`)).body.offer.status).toBe("open");
    expect((await notices(newcomer))[0].kind).toBe("moderation.approved");
    const third = (await newcomer.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Une troisième" })).body.offer;
    expect(third.status).toBe("open");
    const log = (await anim.get("/api/networks/lilas/moderation/log")).body.entries.map((e: { action: string }) => e.action);
    expect(log).toEqual(["approve", "settings"]);
  });

  it("posting is limited per member, with a clear message; what is refused does not count", async () => {
    await anim.put("/api/networks/lilas/moderation/settings", { holdFirstPosts: false });
    for (let i = 0; i < 3; i++) expect((await newcomer.post("/api/networks/lilas/offers", { kind: "offer", theme: "inconnu", title: "x" })).status).toBe(400);
    let last;
    for (let i = 0; i < 25; i++) {
      last = await newcomer.post("/api/networks/lilas/announcements", { content: `Annonce ${i}` });
      if (last.status !== 201) break;
    }
    // 2 offers and 1 earlier announcement... at most 20 an hour in all, whatever the kind of post.
    expect(last!.status).toBe(429);
    expect(last!.body.error.code).toBe("posting_rate_limited");
    expect(last!.body.error.message).toMatch(/attendez|réessayez/i);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // The animators are not limited.
    expect((await anim.post("/api/networks/lilas/announcements", { content: "Café samedi" })).status).toBe(201);
  });
});
