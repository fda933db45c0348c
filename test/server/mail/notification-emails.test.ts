// Notification emails by kind: at once, in a daily or weekly digest (time
// moved by hand), or not at all; a sponsor may receive their neighbour's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../../helpers/app.ts";
import { drain, startTestSmtp, testMailWorker, type TestSmtp } from "../../helpers/smtp.ts";
import { memberTable, notificationTable } from "../../../db/schema/index.ts";
import { notify } from "../../../server/domain/notifications.ts";
import { sendDigests } from "../../../server/domain/mail/digests.ts";
import type { MailWorker } from "../../../server/domain/mail/worker.ts";

let t: TestApp;
let smtp: TestSmtp;
let worker: MailWorker;
let closeTransport: () => void;
let admin: Client;
let marie: Client;
const ids: Record<string, string> = {};

/** Moves a notification to the test's clock (notify() stamps it with the real one). */
const happenedAt = (title: string, at: number) => t.handle.db.update(notificationTable).set({ createdAt: new Date(at) }).where(eq(notificationTable.title, title));

const subject = (title: string) => ({ type: "event", id: title, title, path: "/n/lilas/e/1" });

async function withAddress(handle: string, email: string) {
  await t.handle.db.update(memberTable).set({ email }).where(eq(memberTable.handle, handle));
  const [m] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, handle));
  ids[handle] = m.id;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url });
  const w = testMailWorker(t.handle.db, t.config);
  worker = w.worker;
  closeTransport = () => w.transport.close();
  admin = await withNetwork(t);
  marie = await joinWith(t, admin, "marie");
  await joinWith(t, admin, "paul");
  await withAddress("marie", "marie@example.org");
  await withAddress("paul", "paul@example.org");
});
afterAll(async () => {
  closeTransport();
  await smtp.close();
  await t.close();
});

describe("preferences", () => {
  it("start with the defaults and refuse an unknown mode, naming the field", async () => {
    const res = await marie.get("/api/me/email");
    expect(res.body.preferences).toEqual({ offers: "immediate", events: "weekly", bookings: "weekly", tasks: "weekly", newsletter: "immediate", moderation: "immediate", viaSponsor: false });
    const bad = await marie.patch("/api/me/email/preferences", { events: "hourly" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("events");
    expect((await marie.patch("/api/me/email/preferences", {})).body.error.code).toBe("nothing_to_update");
    const set = await marie.patch("/api/me/email/preferences", { events: "daily", tasks: "none" });
    expect(set.body.preferences).toMatchObject({ offers: "immediate", events: "daily", tasks: "none" });
  });

  it("messages about my offers come at once; the rest waits for its digest", async () => {
    await notify(t.handle.db, [ids.marie], { kind: "offers.interest", subject: { type: "offer", id: "o1", title: "Perceuse", path: "/n/lilas/o/1" }, fromName: "Paul" });
    await notify(t.handle.db, [ids.marie], { kind: "event.changed", subject: subject("Café de mars") });
    await notify(t.handle.db, [ids.marie], { kind: "tasks.due", subject: { type: "task", id: "t1", title: "Affiches", path: "/n/lilas/tasks" } });
    await drain(worker);
    const mails = smtp.to("marie@example.org");
    expect(mails.map((m) => m.mail.subject)).toEqual(["Paul est intéressé·e par « Perceuse »"]);
    expect(mails[0].mail.text).toContain("https://maillage.test/n/lilas/o/1");
  });
});

describe("digests", () => {
  it("a daily digest groups what happened since the last one, and none is sent when empty", async () => {
    const start = Date.now();
    expect((await sendDigests(t.handle.db, new Date(start + 60_000))).sent).toBe(1);
    await drain(worker);
    const digest = smtp.to("marie@example.org").at(-1)!;
    expect(digest.mail.subject).toBe("Votre journée à Les Lilas : 1 nouvelle");
    expect(digest.mail.text).toContain("L'heure ou le lieu a changé : « Café de mars »");
    // Neither what came at once nor what she does not want by email.
    expect(digest.mail.text).not.toContain("Perceuse");
    expect(digest.mail.text).not.toContain("Affiches");
    expect(digest.mail.html).toContain('href="https://maillage.test/n/lilas/e/1"');
    // Two hours later: not a day yet. A day later with nothing new: nothing.
    expect((await sendDigests(t.handle.db, new Date(start + 2 * 3600_000))).sent).toBe(0);
    expect((await sendDigests(t.handle.db, new Date(start + 86_400_000 + 120_000))).sent).toBe(0);
    await notify(t.handle.db, [ids.marie], { kind: "event.cancelled", subject: subject("Atelier vélo") });
    await happenedAt("Atelier vélo", start + 30 * 3600_000);
    expect((await sendDigests(t.handle.db, new Date(start + 2 * 86_400_000 + 180_000))).sent).toBe(1);
    await drain(worker);
    const second = smtp.to("marie@example.org").at(-1)!;
    expect(second.mail.text).toContain("Annulé : « Atelier vélo »");
    expect(second.mail.text).not.toContain("Café de mars");
  });

  it("the weekly digest (the default for events) waits a week", async () => {
    const start = Date.now();
    await notify(t.handle.db, [ids.paul], { kind: "event.changed", subject: subject("Fête des voisins") });
    const sent = (await sendDigests(t.handle.db, new Date(start + 60_000))).sent;
    expect(sent).toBe(1);
    await notify(t.handle.db, [ids.paul], { kind: "event.changed", subject: subject("Café d'avril") });
    await happenedAt("Café d'avril", start + 2 * 86_400_000);
    expect((await sendDigests(t.handle.db, new Date(start + 3 * 86_400_000))).sent).toBe(0);
    expect((await sendDigests(t.handle.db, new Date(start + 7 * 86_400_000 + 120_000))).sent).toBe(1);
    await drain(worker);
    const digests = smtp.to("paul@example.org");
    expect(digests.map((d) => d.mail.subject)).toEqual(["Votre semaine à Les Lilas : 1 nouvelle", "Votre semaine à Les Lilas : 1 nouvelle"]);
    // Sent in parallel: either may arrive first. Each has only its own week.
    const second = digests.find((d) => d.mail.text?.includes("Café d'avril"))!;
    expect(second.mail.text).not.toContain("Fête des voisins");
    expect(digests.filter((d) => d.mail.text?.includes("Fête des voisins"))).toHaveLength(1);
  });
});

describe("sponsors", () => {
  it("a sponsor who chose it receives the emails of the neighbour they sponsor", async () => {
    await admin.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "marie" });
    const [jeanne] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "jeanne"));
    marie.actingFor = "jeanne";
    expect((await marie.patch("/api/me/email/preferences", { viaSponsor: true })).body.preferences.viaSponsor).toBe(true);
    marie.actingFor = undefined;
    await notify(t.handle.db, [jeanne.id], { kind: "offers.message", subject: { type: "offer", id: "o2", title: "Soupe", path: "/n/lilas/o/2" }, fromName: "Paul" });
    await drain(worker);
    const last = smtp.to("marie@example.org").at(-1)!;
    expect(last.mail.subject).toBe("Paul vous a écrit à propos de « Soupe »");
    expect(last.mail.text).toContain("Bonjour Jeanne");
  });
});
