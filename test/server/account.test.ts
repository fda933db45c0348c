import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { actLogTable, emailTokenTable, mailOutboxTable, mailPreferenceTable, mailSettingsTable, memberTable, membershipTable, questionnaireAnswerTable, sessionTable } from "../../db/schema/index.ts";
import { adminAccount, createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let marie: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  marie = await joinWith(t, admin, "marie");
});
afterAll(() => t.close());

describe("profile and questionnaire", () => {
  it("lists the themes and saves answers theme by theme", async () => {
    const themes = (await marie.get("/api/themes?network=lilas")).body.themes;
    expect(themes).toHaveLength(14);
    expect(themes[0]).toEqual({ slug: "conseils", labelFr: "Conseils", labelEn: "Advice" });
    const answers = themes.map((th: { slug: string }, i: number) => ({ theme: th.slug, choice: ["offer", "need", "not_now"][i % 3] }));
    expect((await marie.put("/api/me/questionnaire", { answers })).body.answers).toHaveLength(14);
    const again = await marie.put("/api/me/questionnaire", { answers: [{ theme: "conseils", choice: "need" }] });
    expect(again.body.answers.find((a: { theme: string }) => a.theme === "conseils").choice).toBe("need");
  });

  it("refuses an unknown theme without saving any of the answers", async () => {
    const before = (await marie.get("/api/me/questionnaire")).body.answers;
    const res = await marie.put("/api/me/questionnaire", { answers: [{ theme: "don", choice: "offer" }, { theme: "astrologie", choice: "offer" }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "unknown_theme", field: "answers" });
    expect(before.find((a: { theme: string }) => a.theme === "don").choice).toBe("need");
    expect((await marie.get("/api/me/questionnaire")).body.answers).toEqual(before);
  });

  it("edits the profile", async () => {
    const res = await marie.patch("/api/me", { displayName: "Marie L.", locale: "en", email: "marie@example.org" });
    // A new address is used once confirmed (test/server/mail/password-reset.test.ts).
    expect(res.body.member).toMatchObject({ displayName: "Marie L.", locale: "en", email: null, pendingEmail: "marie@example.org" });
    expect((await marie.patch("/api/me", { locale: "de" })).body.error.field).toBe("locale");
  });
});

describe("my data", () => {
  it("exports everything as a JSON file", async () => {
    await marie.post("/api/networks/lilas/announcements", { content: "Je prête ma perceuse" });
    const res = await marie.get("/api/me/export");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="maillage-marie.json"/);
    expect(res.body.member).toMatchObject({ handle: "marie", email: null });
    expect(res.body.mail.tokens).toEqual([expect.objectContaining({ purpose: "email_confirm", email: "marie@example.org" })]);
    expect(res.body.mail.emails).toEqual([expect.objectContaining({ template: "email_confirm", to: "marie@example.org", status: "pending" })]);
    expect(res.body.memberships).toEqual([expect.objectContaining({ network: "lilas", role: "member" })]);
    expect(res.body.questionnaire).toHaveLength(14);
    expect(res.body.acts.map((a: { action: string }) => a.action)).toContain("member.signup");
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password_?hash/i);
    expect(res.body.announcements).toEqual([expect.objectContaining({ network: "lilas", content: "Je prête ma perceuse", visibility: "network" })]);
    expect(res.body.following).toEqual([]);
  });

  it("deletes the account only with the right password, and then everything of theirs", async () => {
    const wrong = await marie.delete("/api/me", { password: "not my password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "wrong_password", field: "password" });
    const [{ id }] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "marie"));
    expect((await marie.patch("/api/me/email/preferences", { events: "daily", viaSponsor: false })).status).toBe(200);
    expect((await marie.delete("/api/me", { password: "marie has a long password" })).status).toBe(204);
    expect((await marie.get("/api/session")).status).toBe(401);
    for (const [table, column] of [
      [memberTable, memberTable.id],
      [membershipTable, membershipTable.memberId],
      [questionnaireAnswerTable, questionnaireAnswerTable.memberId],
      [sessionTable, sessionTable.memberId],
      [actLogTable, actLogTable.forMemberId],
      [mailOutboxTable, mailOutboxTable.memberId],
      [emailTokenTable, emailTokenTable.memberId],
      [mailPreferenceTable, mailPreferenceTable.memberId],
      [mailSettingsTable, mailSettingsTable.memberId],
    ] as const) {
      const [{ n }] = await t.handle.db.select({ n: count() }).from(table).where(eq(column, id));
      expect(n).toBe(0);
    }
    expect((await t.client().post("/api/session", { handle: "marie", password: "marie has a long password" })).status).toBe(401);
  });

  it("the last admin cannot delete their account", async () => {
    const res = await admin.delete("/api/me", { password: adminAccount.password });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("last_admin");
  });
});
