// Events in Chromium against a real server: an animator creates a monthly
// café with the form, a second member finds it in the agenda (list and month),
// answers "Je viens", and downloads the network's calendar (ICS), which
// holds the series as one RRULE in Europe/Paris. The organiser prints the list.
import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import { expectNoHorizontalScroll, phone, shot, startInstance, type Instance } from "./federation-support.ts";

let instance: Instance;
let paulContext: BrowserContext;
let roseContext: BrowserContext;
let eventPath: string;

describe.skipIf(!browserAvailable)("events in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
    paulContext = await instance.browser.newContext(phone);
    roseContext = await instance.browser.newContext({ ...phone, acceptDownloads: true });
  });
  afterAll(async () => {
    await instance?.stop();
  });

  it("an animator creates a monthly café from the agenda", async () => {
    const page = await instance.logIn(paulContext, "paul");
    await page.goto(`${instance.server.url}/n/lilas/agenda`);
    await page.getByRole("link", { name: "Proposer un rendez-vous" }).click();
    await page.getByLabel(/^Titre/).fill("Café-rencontre des Lilas");
    await page.getByLabel(/^Description/).fill("Café, thé et nouvelles du quartier.");
    await page.getByLabel(/^Début/).fill("2027-02-06T10:00");
    await page.getByLabel(/^Fin/).fill("2027-02-06T12:00");
    await page.getByLabel(/^Lieu/).fill("Salle des fêtes");
    await page.getByLabel(/^Commune/).fill("Nantes");
    await page.getByLabel(/^Nombre de places/).fill("15");
    await page.getByRole("radio", { name: /^Public/ }).check();
    await page.getByRole("radio", { name: /^Chaque mois/ }).check();
    await page.getByRole("radio", { name: "Un nombre de fois" }).check();
    await page.getByLabel(/^Combien de fois/).fill("4");
    await expectNoHorizontalScroll(page);
    await shot(page, "events-form");
    // Keyboard, as many people use it (and a click right after a full-page screenshot may miss on a phone viewport).
    await page.getByRole("button", { name: "Publier le rendez-vous" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/n\/lilas\/e\/[0-9a-f-]+$/);
    eventPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Café-rencontre des Lilas");
    await expect.poll(() => page.locator(".event__when").textContent()).toMatch(/samedi 6 février 2027, 10:00–12:00/);
    await shot(page, "events-page-organiser");
  });

  it("a second member finds it in the agenda, answers « Je viens » and downloads the calendar", async () => {
    const page = await instance.logIn(roseContext, "rose");
    await page.goto(`${instance.server.url}/n/lilas/agenda`);
    const cards = page.locator(".event-card", { hasText: "Café-rencontre des Lilas" });
    await expect.poll(() => cards.count()).toBe(4);
    await expectNoHorizontalScroll(page);
    await shot(page, "events-agenda-list");
    await cards.first().getByRole("link").click();
    await page.waitForURL((url) => url.pathname === eventPath);
    await page.getByRole("button", { name: "Je viens" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "inscrit" }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".event").textContent()).toContain("1 inscrit·e");
    await shot(page, "events-page-rsvp");

    await page.goto(`${instance.server.url}/n/lilas/agenda`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Calendrier \(iCal\)/ }).click();
    const file = await (await download).path();
    const ics = readFileSync(file, "utf8");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris");
    expect(ics).toContain("DTSTART;TZID=Europe/Paris:20270206T100000");
    expect(ics).toContain("RRULE:FREQ=MONTHLY;BYDAY=1SA;COUNT=4");
    expect(ics).toContain("SUMMARY:Café-rencontre des Lilas (Les Lilas)");
  });

  it("the month view shows it on its day; my events list it", async () => {
    const page = await roseContext.newPage();
    await page.goto(`${instance.server.url}/me/events`);
    await expect.poll(() => page.locator(".event-card", { hasText: "Café-rencontre des Lilas" }).count()).toBe(1);
    await shot(page, "events-mine");
    await page.goto(`${instance.server.url}/n/lilas/agenda`);
    await page.getByRole("button", { name: "Mois" }).click();
    const title = async () => (await page.locator("#month-title").textContent()) ?? "";
    for (let i = 0; i < 30; i++) {
      const shown = await title();
      if (shown.includes("février 2027")) break;
      await page.getByRole("button", { name: /Mois suivant/ }).click();
      // The next month drawn before looking again: a slow render must not be clicked past.
      await expect.poll(title, { timeout: 10_000 }).not.toBe(shown);
    }
    await expect.poll(() => page.locator(".month__day", { hasText: "Café-rencontre des Lilas" }).count(), { timeout: 10_000 }).toBe(1);
    await expectNoHorizontalScroll(page);
    await shot(page, "events-month");
  });

  it("the organiser moves this café to another room; the member is notified", async () => {
    const page = await paulContext.newPage();
    await page.goto(`${instance.server.url}${eventPath}`);
    await page.getByLabel(/^Lieu/).fill("Salle du conseil");
    await page.getByRole("button", { name: "Enregistrer les changements" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".event__place").textContent()).toContain("Salle du conseil");
    const rose = await roseContext.newPage();
    await rose.goto(`${instance.server.url}/me/notifications`);
    await expect.poll(() => rose.getByText("L'heure ou le lieu a changé : « Café-rencontre des Lilas »").count()).toBe(1);
    await shot(rose, "events-notification");
  });

  it("the organiser prints the participants' list", async () => {
    const page = await paulContext.newPage();
    await page.goto(`${instance.server.url}${eventPath}/participants`);
    await expect.poll(() => page.locator(".print-table tbody tr").count()).toBe(1);
    expect(await page.locator(".print-table").textContent()).toContain("Rose Lambert");
    await page.emulateMedia({ media: "print" });
    await shot(page, "events-participants-print");
  });
});
