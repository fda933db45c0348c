// The animation group's toolkit in headless Chromium against a real server:
// Paul (animator) opens the impact dashboard and sees its charts and tables
// (axe: no WCAG A/AA violation), adds a task from the starter set and gives
// it to Sophie, who finds it in « my tasks »; then he prints the poster and
// the offers sheet to PDF (their text holds the next café's date, the
// network's name, the offers and their numbers). Screenshots on the way.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import { apiFrom, desktop, expectNoHorizontalScroll, phone, screenshots, shot, startInstance, type Instance } from "./federation-support.ts";

let instance: Instance;
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const paris = (d: Date, options: Intl.DateTimeFormatOptions) => d.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris", ...options });
// The next café: a week from now, 10:00 in Paris.
const cafeDay = new Date(Date.now() + 7 * 86400_000);
const cafeDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(cafeDay);

async function signUp(handle: string, displayName: string, role: string) {
  const out = await instance.server.cli(["invite", "create", "--network", "lilas", "--role", role]);
  const code = /URL:\s+\S+\/invitation\/(\S+)/.exec(out.stdout)?.[1];
  const res = await fetch(`${instance.server.url}/api/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, acceptPrinciples: true, handle, displayName, password: `${handle} aime son quartier`, locale: "fr" }),
  });
  expect(res.status).toBe(201);
}

async function expectNoAxeViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations).toEqual([]);
}

async function pdfText(page: Page, name: string) {
  const bytes = await page.pdf({ path: join(screenshots, `${name}.pdf`), preferCSSPageSize: true, printBackground: true });
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  const [, , width, height] = (await pdf.getPage(1)).view;
  return { pages: totalPages, text: text.replace(/\s+/g, " "), size: [Math.round(width), Math.round(height)] };
}

describe.skipIf(!browserAvailable)("the animation group's toolkit in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
    await signUp("sophie", "Sophie Martin", "animator");
  }, 300_000);
  afterAll(async () => {
    await instance?.stop();
  });

  it("dashboard, task board, poster and offers sheet", async () => {
    const failures: string[] = [];
    // axe is injected into the page: the context lets it past the app's CSP.
    const paul = await instance.logIn(await instance.browser.newContext({ ...desktop, bypassCSP: true }), "paul");
    paul.on("pageerror", (error) => failures.push(error.message));
    const rose = await instance.logIn(await instance.browser.newContext(phone), "rose");

    // Some life in the network: Rose lends her drill to Paul, a café is coming.
    const drill = (await apiFrom(rose, "POST", "/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Perceuse à prêter", visibility: "public" })).json as { offer: { id: string } };
    await apiFrom(rose, "POST", "/networks/lilas/offers", { kind: "request", theme: "covoiturage", title: "Covoiturage au marché" });
    const asked = (await apiFrom(paul, "POST", `/offers/${drill.offer.id}/responses`, { message: "Samedi ?" })).json as { offer: { conversations: { id: string }[] } };
    await apiFrom(rose, "POST", `/offers/${drill.offer.id}/agree`, { conversations: [asked.offer.conversations[0].id] });
    await apiFrom(rose, "POST", `/offers/${drill.offer.id}/done`);
    const cafe = await apiFrom(paul, "POST", "/networks/lilas/events", {
      kind: "cafe", title: "Café-rencontre de décembre", startsAt: `${cafeDate}T10:00`, endsAt: `${cafeDate}T12:00`, place: { name: "Salle des Lilas", locality: "Nantes" }, visibility: "public",
    });
    expect(cafe.status).toBe(201);

    // The dashboard: from the network page, one click.
    await paul.goto(`${instance.server.url}/n/lilas`);
    await paul.getByRole("link", { name: /^Mesure d'impact/ }).click();
    await paul.getByRole("heading", { level: 1, name: "Mesure d'impact — Les Lilas" }).waitFor();
    await paul.locator(".chart canvas").first().waitFor();
    expect(await paul.locator(".chart canvas").count()).toBe(2);
    await paul.getByRole("table", { name: "Mois par mois" }).waitFor();
    await paul.getByRole("table", { name: "Par thème" }).getByRole("row", { name: /Prêt de matériel/ }).waitFor();
    expect(await paul.locator(".key-figure", { hasText: "Échanges réalisés" }).locator(".key-figure__value").textContent()).toBe("1");
    await expectNoAxeViolations(paul);
    await shot(paul, "90-impact-dashboard");
    // Another period: last year, nothing yet.
    await paul.getByText("L'année dernière").click();
    await paul.waitForURL(/from=\d{4}-01-01&to=\d{4}-12-31/);
    await paul.locator(".key-figure", { hasText: "Échanges réalisés" }).locator(".key-figure__value", { hasText: "0" }).waitFor();

    // On a phone, the dashboard fits the screen.
    const phonePaul = await instance.logIn(await instance.browser.newContext(phone), "paul");
    await phonePaul.goto(`${instance.server.url}/n/lilas/impact`);
    await phonePaul.locator(".chart canvas").first().waitFor();
    await expectNoHorizontalScroll(phonePaul);
    await shot(phonePaul, "91-impact-phone");

    // The task board offers the starter set; Paul gives « book the room » to Sophie.
    await paul.goto(`${instance.server.url}/n/lilas`);
    await paul.getByRole("link", { name: /^Tâches/ }).click();
    await paul.getByRole("heading", { name: "Tâches proposées pour démarrer" }).waitFor();
    await shot(paul, "92-tasks-starters");
    await paul.getByRole("button", { name: "Ajouter « Réserver la salle du café-rencontre »" }).click();
    const form = paul.locator("form.task-form");
    expect(await form.getByLabel(/^Titre/).inputValue()).toBe("Réserver la salle du café-rencontre");
    await form.getByLabel("Sophie Martin").check();
    await form.getByLabel(/^À faire pour le/).fill(cafeDate);
    await form.getByRole("button", { name: "Enregistrer la tâche" }).click();
    const task = paul.locator("article.task", { hasText: "Réserver la salle du café-rencontre" });
    await task.waitFor();
    await task.getByText("Qui s'en charge : Sophie Martin").waitFor();
    await expectNoAxeViolations(paul);
    await shot(paul, "93-tasks-list");

    // Sophie is told, and finds it in her tasks; she starts it.
    const sophie = await instance.logIn(await instance.browser.newContext(phone), "sophie");
    await sophie.goto(`${instance.server.url}/me/notifications`);
    await sophie.getByRole("link", { name: "Paul Girard vous confie la tâche « Réserver la salle du café-rencontre »" }).click();
    await sophie.getByRole("heading", { level: 1, name: "Tâches — Les Lilas" }).waitFor();
    await sophie.getByRole("button", { name: "Mes tâches" }).click();
    const mine = sophie.locator("article.task", { hasText: "Réserver la salle du café-rencontre" });
    await mine.waitFor();
    await mine.getByRole("button", { name: "Passer à « En cours » — Réserver la salle du café-rencontre" }).click();
    await mine.locator(".badge", { hasText: "En cours" }).waitFor();
    await expectNoHorizontalScroll(sophie);
    await shot(sophie, "94-my-tasks");

    // The poster: the next public café and the network's name, on one A4 page (A3 on demand).
    await paul.goto(`${instance.server.url}/n/lilas`);
    await paul.getByRole("link", { name: /^Affiche du réseau/ }).click();
    await paul.locator(".poster__when").waitFor();
    await paul.locator(".qr svg").waitFor();
    await shot(paul, "95-poster");
    const poster = await pdfText(paul, "95-poster");
    const day = paris(cafeDay, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    expect(poster.pages).toBe(1);
    expect(poster.size).toEqual([595, 842]);
    expect(poster.text.toLowerCase()).toContain(day.toLowerCase());
    expect(poster.text).toContain("Les Lilas");
    expect(poster.text).toContain("Salle des Lilas");
    expect(poster.text).toContain("Réciprocité");
    expect(poster.text).toContain("Paul");
    await paul.getByRole("button", { name: "A3" }).click();
    await paul.waitForURL(/size=a3/);
    const a3 = await pdfText(paul, "95-poster-a3");
    expect([a3.pages, a3.size]).toEqual([1, [842, 1191]]);

    // The offers sheet: by theme, each with its number.
    await paul.goto(`${instance.server.url}/n/lilas`);
    await paul.getByRole("link", { name: /^Feuille des offres/ }).click();
    await paul.getByText("Covoiturage au marché").waitFor();
    await shot(paul, "96-offers-sheet");
    const sheet = await pdfText(paul, "96-offers-sheet");
    expect(sheet.pages).toBe(1);
    expect(sheet.text).toContain("Offres et demandes — Les Lilas");
    expect(sheet.text).toMatch(/N° 2 .*Covoiturage au marché/);
    expect(sheet.text).toContain("Réservé aux membres du réseau");
    expect(sheet.text).not.toContain("Perceuse à prêter"); // lent: no longer open
    expect(failures).toEqual([]);
  }, 300_000);
});
