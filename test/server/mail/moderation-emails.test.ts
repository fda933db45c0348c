// A new report reaches the animators by email as well as in the app (their
// "moderation" email preference, at once by default), naming the item and
// the queue, never the reporter; an animator who chose "none" gets none.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberTable } from "../../../db/schema/index.ts";
import type { MailWorker } from "../../../server/domain/mail/worker.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../../helpers/app.ts";
import { drain, startTestSmtp, testMailWorker, type TestSmtp } from "../../helpers/smtp.ts";

let t: TestApp;
let smtp: TestSmtp;
let worker: MailWorker;
let closeTransport: () => void;
let sophie: Client;
let paul: Client;
let rose: Client;
let marc: Client;

const withAddress = (handle: string) => t.handle.db.update(memberTable).set({ email: `${handle}@example.org` }).where(eq(memberTable.handle, handle));

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url });
  const w = testMailWorker(t.handle.db, t.config);
  worker = w.worker;
  closeTransport = () => w.transport.close();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  paul = await joinWith(t, admin, "paul", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  marc = await joinWith(t, sophie, "marc");
  for (const handle of ["sophie", "paul", "rose", "marc"]) await withAddress(handle);
});
afterAll(async () => {
  closeTransport();
  await smtp.close();
  await t.close();
});

describe("a new report", () => {
  it("is emailed to the animators at once, with the queue's address and without the reporter's name", async () => {
    expect((await paul.patch("/api/me/email/preferences", { moderation: "none" })).body.preferences.moderation).toBe("none");
    const offer = (await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Crèmes Lumina" })).body.offer;
    expect((await rose.post("/api/reports", { subjectType: "offer", subjectId: offer.id, reason: "promotion", comment: "Une vente" })).status).toBe(201);
    await drain(worker);
    const mails = smtp.to("sophie@example.org");
    expect(mails.map((m) => m.mail.subject)).toEqual(["Nouveau signalement : « Crèmes Lumina »"]);
    expect(mails[0].mail.text).toContain("https://maillage.test/n/lilas/moderation");
    expect(`${mails[0].mail.text}${mails[0].mail.html}`).not.toMatch(/rose/i);
    // Paul chose no moderation emails; the reported member and the reporter get none about it.
    expect(smtp.to("paul@example.org")).toEqual([]);
    expect(smtp.to("marc@example.org")).toEqual([]);
    expect(smtp.to("rose@example.org")).toEqual([]);
    // The in-app notification is there for both animators.
    for (const animator of [sophie, paul]) {
      expect((await animator.get("/api/me/notifications")).body.notifications.map((n: any) => n.kind)).toContain("moderation.report");
    }
  });
});
