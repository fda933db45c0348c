// The newsletter: written by an animator with the network's blocks, previewed,
// tested, sent once to 200 members through a real SMTP server that refuses
// some recipients for a while (they get it on retry) and one for good.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, withNetwork, type Client, type TestApp } from "../../helpers/app.ts";
import { drain, headerOf, startTestSmtp, testMailWorker, type TestSmtp } from "../../helpers/smtp.ts";
import { mailOutboxTable, mailPreferenceTable, memberTable, membershipTable, networkTable } from "../../../db/schema/index.ts";
import type { MailWorker } from "../../../server/domain/mail/worker.ts";

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
    const [first, second] = await Promise.all([
      admin.post(`/api/networks/lilas/newsletters/${issueId}/send`),
      admin.post(`/api/networks/lilas/newsletters/${issueId}/send`),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
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
