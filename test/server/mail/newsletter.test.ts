// The newsletter: written by an animator with the network's blocks, previewed,
// tested, sent once to 200 members through a real SMTP server that refuses
// some recipients for a while (they get it on retry) and one for good; the
// emails of those who asked go to their sponsor (once per address); a sent
// issue is published as an announcement, and a public one federates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../../helpers/federated-app.ts";
import { drain, headerOf, startTestSmtp, testMailWorker, type TestSmtp } from "../../helpers/smtp.ts";
import { mailOutboxTable, mailPreferenceTable, mailSettingsTable, memberTable, membershipTable, networkTable, sponsorshipTable } from "../../../db/schema/index.ts";
import type { MailWorker } from "../../../server/domain/mail/worker.ts";
import { MAIL_CHANNEL } from "../../../server/domain/mail/outbox.ts";

let t: TestApp;
let smtp: TestSmtp;
let worker: MailWorker;
let closeTransport: () => void;
let admin: Client;
let issueId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url });
  const w = testMailWorker(t.handle.db, t.config, { ratePerSecond: 400 });
  worker = w.worker;
  closeTransport = () => w.transport.close();
  admin = await withNetwork(t);
  const db = t.handle.db;
  await db.update(memberTable).set({ email: "camille@example.org" }).where(eq(memberTable.handle, "camille"));
  const [network] = await db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
  // 200 members with an address, 3 without, one who opted out of the newsletter.
  const members = await db
    .insert(memberTable)
    .values([
      ...Array.from({ length: 200 }, (_, i) => ({ handle: `v${i}`, displayName: `Voisin ${i}`, email: `v${i}@example.org` })),
      ...Array.from({ length: 3 }, (_, i) => ({ handle: `sans${i}`, displayName: `Sans courriel ${i}` })),
      { handle: "non", displayName: "Pas de lettre", email: "non@example.org" },
    ])
    .returning();
  await db.insert(membershipTable).values(members.map((m) => ({ networkId: network.id, memberId: m.id })));
  const non = members.find((m) => m.handle === "non")!;
  await db.insert(mailPreferenceTable).values({ memberId: non.id, category: "newsletter", mode: "none" });
});
afterAll(async () => {
  closeTransport();
  await smtp.close();
  await t.close();
});

describe("writing", () => {
  it("refuses an issue without a subject, naming the field, and offers ready blocks", async () => {
    const bad = await admin.post("/api/networks/lilas/newsletters", { subject: "  ", body: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "subject_required", field: "subject" });
    const blocks = await admin.get("/api/networks/lilas/newsletters/blocks");
    expect(blocks.body.blocks.map((b: { key: string }) => b.key)).toEqual(["events", "cafe", "offers", "resources", "exchanges"]);
    const body = `Bonjour à toutes et à tous !\n\n${blocks.body.blocks.map((b: { markdown: string }) => b.markdown).join("\n")}\n<script>alert(1)</script>`;
    const res = await admin.post("/api/networks/lilas/newsletters", { subject: "La lettre de décembre", body });
    expect(res.status).toBe(201);
    issueId = res.body.issue.id;
    expect(res.body.issue.html).toContain("<h2>Prochains rendez-vous</h2>");
    expect(res.body.issue.html).not.toContain("<script>");
  });

  it("previews the email and sends a test to the animator only", async () => {
    const preview = await admin.get(`/api/networks/lilas/newsletters/${issueId}/preview`);
    expect(preview.body.html).toContain("Les Lilas");
    expect(preview.body.html).toContain("Prochains rendez-vous");
    expect((await admin.post(`/api/networks/lilas/newsletters/${issueId}/test`)).status).toBe(202);
    await drain(worker);
    expect(smtp.received.map((r) => r.to[0])).toEqual(["camille@example.org"]);
    expect(smtp.received[0].mail.subject).toBe("[Essai] La lettre de décembre");
    // Members see nothing before it is sent.
    const members = await t.client().get("/api/networks/lilas/newsletters");
    expect(members.body.issues).toEqual([]);
  });

  it("lists, for the printed version, members without email", async () => {
    const res = await admin.get("/api/networks/lilas/newsletters/print-list");
    expect(res.body.groups).toEqual([{ sponsor: null, members: ["Sans courriel 0", "Sans courriel 1", "Sans courriel 2"] }]);
  });
});

describe("sending", () => {
  it("reaches every member with an address once, retries temporary refusals, gives up on a permanent one", async () => {
    const seen = new Set<string>();
    smtp.refuse = (address) => {
      if (address === "v42@example.org") return 550;
      if (/^v\d*[05]@/.test(address) && !seen.has(address)) {
        seen.add(address);
        return 451;
      }
      return undefined;
    };
    // The worker sleeps until told: the send wakes it (NOTIFY), as every email does.
    let woken = 0;
    const unlisten = await t.handle.listen(MAIL_CHANNEL, () => void woken++);
    const [first, second] = await Promise.all([
      admin.post(`/api/networks/lilas/newsletters/${issueId}/send`),
      admin.post(`/api/networks/lilas/newsletters/${issueId}/send`),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    for (const until = Date.now() + 5_000; !woken && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    await unlisten();
    expect(woken).toBeGreaterThan(0);
    const refused = first.status === 409 ? first : second;
    expect(refused.body.error).toMatchObject({ code: "newsletter_sent", field: "status" });
    const sent = first.status === 202 ? first : second;
    // The 200 neighbours with an address; not the one who opted out, not those without email.
    expect(sent.body.issue).toMatchObject({ status: "sent", recipientCount: 200 });
    await drain(worker, 400);
    smtp.refuse = undefined;
    const newsletters = smtp.received.filter((r) => r.mail.subject === "La lettre de décembre");
    const addresses = newsletters.map((r) => r.to[0]);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(addresses).toHaveLength(199);
    expect(addresses).not.toContain("v42@example.org");
    expect(addresses).not.toContain("non@example.org");
    expect(seen.size).toBeGreaterThan(30);
    const [failed] = await t.handle.db.select().from(mailOutboxTable).where(eq(mailOutboxTable.toAddress, "v42@example.org"));
    expect(failed.status).toBe("failed");
    const one = newsletters.find((r) => r.to[0] === "v7@example.org")!;
    expect(one.mail.html).toContain("Prochains rendez-vous");
    expect(one.mail.text).toContain("Prochains rendez-vous");
    expect(headerOf(one, "List-Unsubscribe")).toMatch(/\.newsletter\./);
    expect(headerOf(one, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    // Nothing reveals another member's address.
    expect(one.raw).not.toMatch(/v8@example\.org/);
  });

  it("is archived for members, and for everyone once public", async () => {
    const visitor = t.client();
    expect((await visitor.get("/api/networks/lilas/newsletters")).body.issues).toEqual([]);
    expect((await admin.patch(`/api/networks/lilas/newsletters/${issueId}`, { visibility: "public" })).status).toBe(200);
    expect((await visitor.get("/api/networks/lilas/newsletters")).body.issues.map((i: { subject: string }) => i.subject)).toEqual(["La lettre de décembre"]);
    expect((await admin.patch(`/api/networks/lilas/newsletters/${issueId}`, { body: "changé" })).status).toBe(409);
  });
});

describe("sponsors", () => {
  it("sends a neighbour's newsletter to their sponsor when they asked, once per address", async () => {
    const db = t.handle.db;
    const [network] = await db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
    const byHandle = async (handle: string) => (await db.select().from(memberTable).where(eq(memberTable.handle, handle)))[0];
    // A sponsor outside the network, for three neighbours (one of whom has an address of their own).
    const [parrain] = await db.insert(memberTable).values({ handle: "parrain", displayName: "Parrain", email: "parrain@example.org" }).returning();
    const [v1, v2, sans0, sans1, sans2] = await Promise.all(["v1", "v2", "sans0", "sans1", "sans2"].map(byHandle));
    await db.insert(sponsorshipTable).values([
      { sponsorId: v1.id, sponsoredId: sans0.id, networkId: network.id }, // a sponsor who is a member with an address
      { sponsorId: parrain.id, sponsoredId: sans1.id, networkId: network.id },
      { sponsorId: parrain.id, sponsoredId: sans2.id, networkId: network.id },
      { sponsorId: parrain.id, sponsoredId: v2.id, networkId: network.id },
    ]);
    await db.insert(mailSettingsTable).values([sans0, sans1, sans2, v2].map((m) => ({ memberId: m.id, viaSponsor: true })));

    const created = await admin.post("/api/networks/lilas/newsletters", { subject: "La lettre de janvier", body: "Bonne année !" });
    const sent = await admin.post(`/api/networks/lilas/newsletters/${created.body.issue.id}/send`);
    expect(sent.status).toBe(202);
    // v0…v199 with v2's going to the sponsor: 199 own addresses, and the sponsor's once.
    expect(sent.body.issue.recipientCount).toBe(200);
    await drain(worker, 400);
    const addresses = smtp.received.filter((r) => r.mail.subject === "La lettre de janvier").map((r) => r.to[0]);
    expect(addresses.filter((a) => a === "parrain@example.org")).toHaveLength(1);
    expect(addresses.filter((a) => a === "v1@example.org")).toHaveLength(1);
    expect(addresses).not.toContain("v2@example.org");
    expect(new Set(addresses).size).toBe(addresses.length);
    // The sponsor who is a member gets it as themselves (their language, their unsubscribe link).
    const rows = await db.select().from(mailOutboxTable).where(eq(mailOutboxTable.toAddress, "v1@example.org"));
    expect(rows.filter((r) => r.template === "newsletter").map((r) => r.memberId)).toEqual([v1.id, v1.id]);
  });
});

describe("published as an announcement", () => {
  let draftId: string;
  let marie: Client;
  beforeAll(async () => {
    marie = await joinWith(t, admin, "marie");
    draftId = (await admin.post("/api/networks/lilas/newsletters", { subject: "Brouillon", body: "Pas encore" })).body.issue.id;
  });
  const announce = (client: Client, id: string, body: Record<string, unknown> = {}) => client.post(`/api/networks/lilas/newsletters/${id}/announcement`, body);

  it("refuses an unsent issue naming its status, and a non-animator", async () => {
    const unsent = await announce(admin, draftId);
    expect(unsent.status).toBe(409);
    expect(unsent.body.error).toMatchObject({ code: "newsletter_not_sent", field: "status" });
    expect((await announce(marie, issueId)).status).toBe(403);
    expect((await announce(admin, issueId, { visibility: "partout" })).body.error.field).toBe("visibility");
  });

  it("appears in the network's announcements, in its name, with the archive's visibility by default; once", async () => {
    const res = await announce(admin, issueId);
    expect(res.status).toBe(201);
    // The issue was archived publicly (above).
    expect(res.body.announcement).toMatchObject({ visibility: "public", author: null });
    expect(res.body.announcement.contentHtml).toContain("La lettre de décembre");
    expect(res.body.announcement.contentHtml).toContain("Prochains rendez-vous");
    expect(res.body.announcement.contentHtml).not.toContain("<script>");
    const listed = (await marie.get("/api/networks/lilas/announcements")).body.announcements;
    expect(listed.map((a: { id: string }) => a.id)).toContain(res.body.announcement.id);
    expect((await admin.get(`/api/networks/lilas/newsletters/${issueId}`)).body).toMatchObject({ issue: { announcementId: res.body.announcement.id }, canWrite: true });
    const again = await announce(admin, issueId, { visibility: "network" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "newsletter_announced", field: "announcement" });
  });
});

describe("published as an announcement, federated", () => {
  const AP = "application/activity+json";
  let f: FederatedTestApp;
  let animator: Client;
  beforeAll(async () => {
    f = await createFederatedTestApp();
    animator = await withNetwork(f);
    await f.seedKeysOf("network", "lilas");
  });
  afterAll(() => f.close());

  const sentIssue = async (subject: string, visibility: "members" | "public") => {
    const id = (await animator.post("/api/networks/lilas/newsletters", { subject, body: `## ${subject}\n\nÀ bientôt`, visibility })).body.issue.id;
    expect((await animator.post(`/api/networks/lilas/newsletters/${id}/send`)).status).toBe(202);
    return id;
  };
  const outbox = async () => (await f.app.request(new URL("/n/lilas/outbox?cursor=0", APP_ORIGIN).href, { headers: { accept: AP } })).text();

  it("a public one is in the network's outbox like any announcement; a network one never", async () => {
    const open = await sentIssue("Lettre publique", "public");
    const closed = await sentIssue("Lettre des membres", "public");
    const shared = (await animator.post(`/api/networks/lilas/newsletters/${open}/announcement`, {})).body.announcement;
    const kept = (await animator.post(`/api/networks/lilas/newsletters/${closed}/announcement`, { visibility: "network" })).body.announcement;
    expect(shared.visibility).toBe("public");
    expect(kept.visibility).toBe("network");
    await f.drain(); // the worker publishes it, and lists it in the outbox
    const text = await outbox();
    expect(text).toContain(shared.id);
    // The Note other servers fetch carries the issue's text.
    const note = await (await f.app.request(shared.url, { headers: { accept: AP } })).json();
    expect(note).toMatchObject({ type: "Note", attributedTo: `${APP_ORIGIN}/n/lilas` });
    expect(note.content).toContain("Lettre publique");
    expect(note.content).toContain("À bientôt");
    expect(text).not.toContain(kept.id);
    // A members-only archive defaults to a network announcement.
    const members = await sentIssue("Lettre privée", "members");
    expect((await animator.post(`/api/networks/lilas/newsletters/${members}/announcement`, {})).body.announcement.visibility).toBe("network");
  });
});
