// The worker's sending: retries after temporary refusals and a server that is
// down, gives up on a permanent refusal, and survives a restart or a crash in
// the middle of a send without losing or doubling an email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "../../helpers/db.ts";
import { mailConfig, startTestSmtp, testMailWorker, drain, headerOf, type TestSmtp } from "../../helpers/smtp.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { mailOutboxTable, memberTable } from "../../../db/schema/index.ts";
import { enqueueMail } from "../../../server/domain/mail/outbox.ts";
import { MailWorker } from "../../../server/domain/mail/worker.ts";
import { fileTransport, smtpTransport, type MailTransport } from "../../../server/domain/mail/transport.ts";

let handle: DatabaseHandle;
let smtp: TestSmtp;

beforeAll(async () => {
  handle = await createTestDatabase();
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

/** `n` members with an address, and one email waiting for each. */
async function members(prefix: string, n: number) {
  const rows = await handle.db
    .insert(memberTable)
    .values(Array.from({ length: n }, (_, i) => ({ handle: `${prefix}${i}`, displayName: `Voisin ${i}`, email: `${prefix}${i}@example.org` })))
    .returning();
  await enqueueMail(handle.db, rows.map((m) => ({ memberId: m.id, to: m.email!, template: "notification", params: { kind: "offers.interest", title: `Offre ${m.handle}`, path: "/offers/1", from: "Marie" } })));
  return rows;
}

const site = (config = mailConfig(smtp.url)) => ({ origin: config.publicUrl.origin, from: config.mail.from, secretKey: config.secretKey });

describe("refusals", () => {
  it("200 emails: temporary refusals are delivered on retry, a permanent one is given up with its reason", async () => {
    const rows = await members("n", 200);
    const refusedOnce = new Set(rows.filter((_, i) => i % 7 === 0).map((m) => m.email!));
    const seen = new Set<string>();
    smtp.refuse = (address) => {
      if (address === "n13@example.org") return 550;
      if (refusedOnce.has(address) && !seen.has(address)) {
        seen.add(address);
        return 450;
      }
      return undefined;
    };
    const { worker, transport } = testMailWorker(handle.db, mailConfig(smtp.url), { ratePerSecond: 500 });
    await drain(worker);
    transport.close();
    smtp.refuse = undefined;
    for (const m of rows) expect(smtp.to(m.email!), m.email!).toHaveLength(m.email === "n13@example.org" ? 0 : 1);
    const [failed] = await handle.db.select().from(mailOutboxTable).where(eq(mailOutboxTable.toAddress, "n13@example.org"));
    expect(failed).toMatchObject({ status: "failed", params: {} });
    expect(failed.lastError).toMatch(/550/);
    const retried = await handle.db.select().from(mailOutboxTable).where(inArray(mailOutboxTable.toAddress, [...refusedOnce]));
    expect(retried.every((r) => r.status === "sent" && r.attempts === 2)).toBe(true);
    // Sent: the params (a one-time link, in other emails) are wiped.
    expect(retried.every((r) => Object.keys(r.params).length === 0)).toBe(true);
    const one = smtp.to("n1@example.org")[0];
    expect(one.mail.text).toContain("Marie est intéressé·e par « Offre n1 »");
    expect(one.mail.html).toContain("https://maillage.test/offers/1");
    expect(headerOf(one, "List-Unsubscribe")).toMatch(/\/api\/mail\/unsubscribe\/.+\.offers\./);
  });

  it("retries later when the SMTP server cannot be reached", async () => {
    const [m] = await members("down", 1);
    const worker = new MailWorker(handle.db, { site: site(), transport: smtpTransport("smtp://127.0.0.1:9"), ratePerSecond: 100, retryBaseMs: 60_000 });
    expect(await worker.runOnce()).toBe(1);
    const [row] = await handle.db.select().from(mailOutboxTable).where(eq(mailOutboxTable.memberId, m.id));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Nothing is due now; once due, a working server gets it.
    expect(await worker.runOnce()).toBe(0);
    await handle.db.update(mailOutboxTable).set({ nextAttemptAt: new Date() }).where(eq(mailOutboxTable.id, row.id));
    const { worker: again, transport } = testMailWorker(handle.db, mailConfig(smtp.url));
    await drain(again);
    transport.close();
    expect(smtp.to(m.email!)).toHaveLength(1);
  });
});

describe("restarts", () => {
  it("a worker stopped in the middle of a send: the next one sends the rest, none twice", async () => {
    const rows = await members("stop", 60);
    const { worker, transport } = testMailWorker(handle.db, mailConfig(smtp.url), { ratePerSecond: 20 });
    const abort = new AbortController();
    const running = worker.run(abort.signal);
    while (smtp.received.filter((r) => r.to[0].startsWith("stop")).length < 10) await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    await running;
    transport.close();
    const sentBefore = smtp.received.filter((r) => r.to[0].startsWith("stop")).length;
    expect(sentBefore).toBeLessThan(60);
    const { worker: next, transport: t2 } = testMailWorker(handle.db, mailConfig(smtp.url));
    await drain(next);
    t2.close();
    for (const m of rows) expect(smtp.to(m.email!)).toHaveLength(1);
  });

  it("a worker that dies mid-send: its emails are taken again once its lease ends, none doubled", async () => {
    const rows = await members("crash", 30);
    // A send that never returns: the process is gone while its rows are leased.
    const hung: MailTransport = { send: () => new Promise(() => {}), close: () => {} };
    // A lease long enough that a loaded machine still checks before it ends.
    const dying = new MailWorker(handle.db, { site: site(), transport: hung, ratePerSecond: 10, leaseMs: 5_000 });
    const leasedAt = Date.now();
    void dying.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    const leased = await handle.db.select().from(mailOutboxTable).where(inArray(mailOutboxTable.memberId, rows.map((r) => r.id)));
    expect(leased.filter((r) => r.lockedUntil !== null)).toHaveLength(10);
    const { worker, transport } = testMailWorker(handle.db, mailConfig(smtp.url));
    // Before the lease ends, the restarted worker leaves those alone.
    await worker.runOnce();
    expect(rows.filter((m) => smtp.to(m.email!).length === 1)).toHaveLength(20);
    await new Promise((r) => setTimeout(r, Math.max(0, leasedAt + 5_100 - Date.now())));
    await drain(worker);
    transport.close();
    for (const m of rows) expect(smtp.to(m.email!)).toHaveLength(1);
    const ids = smtp.received.map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("without SMTP_URL", () => {
  it("writes each email as an .eml file, named by its id (a retry overwrites, never doubles)", async () => {
    const [m] = await members("file", 1);
    const dir = mkdtempSync(join(tmpdir(), "maillage-eml-"));
    const worker = new MailWorker(handle.db, { site: site(), transport: fileTransport(dir), ratePerSecond: 100 });
    await worker.runOnce();
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const [row] = await handle.db.select().from(mailOutboxTable).where(eq(mailOutboxTable.memberId, m.id));
    expect(files[0]).toBe(`${row.id}.eml`);
    const eml = readFileSync(join(dir, files[0]), "utf8");
    expect(eml).toMatch(/^To: file0@example.org$/m);
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);
  });
});
