// What a newcomer meets, on a phone (390 × 844) in Chromium against a real
// server: the first run (setup → network → the admin is its pilot → adds a
// resource), a sponsor who posts for a neighbour, reloads, still acts for them,
// edits then withdraws that offer after a question; a member told up front
// that only animators add resources; an empty month that says so; invitation
// cards printed to PDF with each code on one line. On every main page the
// navigation keeps to 15 % of the screen; every page visited passes axe-core
// (WCAG 2.2 A/AA) with the app's CSP in force. Screenshots on the way.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, serveAxe, type Violation } from "../helpers/axe.ts";
import { browserAvailable, launchBrowser } from "../helpers/browser.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";
import { apiFrom, expectNoHorizontalScroll, logInPage, phone, screenshots, shot } from "./federation-support.ts";

const adminPassword = "un long mot de passe pour camille";
const slug = "les-lilas-d-ete";
let server: ServerProcess;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let adminContext: BrowserContext;
let admin: Page;
const violations: Violation[] = [];
const failures: string[] = [];

const cli = async (args: string[]) => {
  const result = await server.cli(args);
  if (result.code !== 0) throw new Error(`maillage ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
};

/** A phone's browser tab, with axe served from the app's origin. */
async function phoneContext(): Promise<BrowserContext> {
  const context = await browser.newContext(phone);
  await serveAxe(context, server.url);
  return context;
}

async function logIn(context: BrowserContext, handle: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => failures.push(error.message));
  return logInPage(page, server.url, handle);
}

/** Every page visited: no sideways scroll, axe's verdict kept, a screenshot. */
async function check(page: Page, name: string) {
  await page.locator("main h1").first().waitFor();
  await expectNoHorizontalScroll(page);
  violations.push(...(await axeViolations(page)));
  await shot(page, name);
}

/** The navigation (the bar on top and the one at the bottom) takes at most 15 % of the screen. */
async function navigationHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const height = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().height ?? 0;
    return height(".site-header") + height(".tab-bar");
  });
}

const tab = (page: Page, name: string) => page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name, exact: true });

describe.skipIf(!browserAvailable)("a newcomer on a phone", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("first run: the admin sets up, creates a network, is its pilot and adds a resource", async () => {
    adminContext = await phoneContext();
    admin = await adminContext.newPage();
    admin.on("pageerror", (error) => failures.push(error.message));
    await admin.goto(server.url);
    await admin.waitForURL(/\/setup$/);
    await check(admin, "n01-setup");
    // "admin" is refused, saying why and which names are reserved.
    await admin.getByLabel(/^Identifiant/).fill("admin");
    await admin.getByLabel(/^Nom affiché/).fill("Camille Martin");
    await admin.getByLabel(/^Mot de passe \(/).fill(adminPassword);
    await admin.getByLabel(/^Mot de passe, encore une fois/).fill(adminPassword);
    await admin.getByRole("button", { name: "Créer le compte administrateur" }).click();
    await admin.getByText(/Ce nom est réservé par l'application, comme : admin, administrateur/).waitFor();
    // What was typed is kept, and the field at fault has the focus.
    expect(await admin.getByLabel(/^Nom affiché/).inputValue()).toBe("Camille Martin");
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe("setup-handle");
    await shot(admin, "n02-setup-reserved");
    await admin.getByLabel(/^Identifiant/).fill("camille");
    await admin.getByRole("button", { name: "Créer le compte administrateur" }).click();
    await admin.waitForURL(/\/admin\/networks$/);
    await check(admin, "n03-admin-networks");

    // The short address is proposed from the name; the first network's admin becomes its pilot.
    await admin.getByLabel(/^Nom du réseau/).fill("Les Lilas d'Été");
    expect(await admin.getByLabel(/^Adresse courte du réseau/).inputValue()).toBe(slug);
    expect(await admin.getByLabel("Je deviens pilote de ce réseau").isChecked()).toBe(true);
    await admin.getByRole("button", { name: "Créer le réseau" }).click();
    await admin.getByText("Le réseau Les Lilas d'Été est créé, et vous en êtes le ou la pilote.").waitFor();
    await admin.getByRole("link", { name: "Ouvrir Les Lilas d'Été" }).click();
    await admin.getByText("Votre rôle : pilote").waitFor();
    await admin.getByText("1 membre", { exact: true }).waitFor();
    await check(admin, "n04-network-home-pilot");
    expect(await navigationHeight(admin)).toBeLessThanOrEqual(0.15 * 844);

    // The library is one tap away; the pilot adds a fiche there.
    await tab(admin, "Fiches").click();
    await admin.getByRole("heading", { level: 1, name: "Bibliothèque des communs" }).waitFor();
    await check(admin, "n05-library");
    await admin.getByRole("button", { name: "Ajouter une ressource" }).click();
    await admin.getByLabel(/^Titre/).fill("Animer un café-rencontre");
    await admin.getByRole("button", { name: "Ajouter à la bibliothèque" }).click();
    await admin.getByRole("heading", { level: 1, name: "Animer un café-rencontre" }).waitFor();
    await check(admin, "n06-resource-added");
  });

  it("keeps every main place one tap away within 15 % of the screen", async () => {
    const out = await cli(["invite", "create", "--network", slug]);
    const code = /URL:\s+\S+\/invitation\/(\S+)/.exec(out)![1];
    const signup = await fetch(`${server.url}/api/signup`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, acceptPrinciples: true, handle: "paul", displayName: "Paul Girard", password: "paul aime son quartier", locale: "fr" }),
    });
    expect(signup.status).toBe(201);
    const paul = await logIn(await phoneContext(), "paul");
    for (const [name, heading, screenshot] of [
      ["Réseau", "Les Lilas d'Été", "n10-tab-network"],
      ["Offres", "Offres et demandes", "n11-tab-offers"],
      ["Agenda", /Agenda/, "n12-tab-agenda"],
      ["Fiches", "Bibliothèque des communs", "n13-tab-library"],
      ["Alertes", "Notifications", "n14-tab-notifications"],
      ["Moi", "Mon profil", "n15-tab-me"],
    ] as const) {
      await tab(paul, name).click();
      await paul.getByRole("heading", { level: 1, name: heading }).waitFor();
      // The current place is marked as such.
      expect(await tab(paul, name).getAttribute("aria-current")).toBe("page");
      expect(await navigationHeight(paul)).toBeLessThanOrEqual(0.15 * 844);
      await check(paul, screenshot);
    }
    // The rest is in « Menu », a full-screen list.
    await paul.getByRole("button", { name: "Menu" }).click();
    await paul.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Mes rendez-vous" }).waitFor();
    violations.push(...(await axeViolations(paul)));
    await paul.screenshot({ path: join(screenshots, "n16-menu.png") });
    await paul.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Mes rendez-vous" }).click();
    await paul.getByRole("heading", { level: 1, name: "Mes rendez-vous" }).waitFor();
    expect(await paul.getByRole("dialog", { name: "Menu" }).isVisible()).toBe(false);
    await paul.context().close();
  });
  it("a sponsor posts for a neighbour, reloads, still acts for them, edits then withdraws that offer after a question", async () => {
    await apiFrom(admin, "POST", `/networks/${slug}/sponsored`, { handle: "jeanne", displayName: "Jeanne Roux", sponsor: "paul" }).then((r) => expect(r.status).toBe(201));
    const paul = await logIn(await phoneContext(), "paul");
    await tab(paul, "Moi").click();
    await paul.getByLabel(/^Agir pour/).selectOption("jeanne");
    await paul.getByText("Vous agissez pour Jeanne Roux.").waitFor();

    await tab(paul, "Offres").click();
    await paul.getByRole("button", { name: "Je propose" }).click();
    await paul.getByText("Vous publiez pour Jeanne Roux.").waitFor();
    const form = paul.locator("form.offer-form");
    await form.getByLabel(/^Titre/).fill("Confitures de prunes");
    await form.getByLabel(/^Thème/).selectOption("don");
    await form.getByRole("button", { name: "Publier" }).click();
    await paul.getByRole("heading", { level: 1, name: "Confitures de prunes" }).waitFor();
    await paul.getByText("De Jeanne Roux").waitFor();

    // A reload keeps acting for Jeanne: the banner says so and the offer is hers to manage.
    await paul.reload();
    await paul.getByText("Vous agissez pour Jeanne Roux.").waitFor();
    await paul.getByRole("button", { name: "Modifier" }).waitFor();
    expect(await paul.getByRole("button", { name: "Ça m'intéresse" }).count()).toBe(0);
    await check(paul, "n20-offer-for-jeanne-after-reload");

    // Edited from its page: the form holds what it says now.
    await paul.getByRole("button", { name: "Modifier" }).click();
    const edit = paul.locator("form.offer-form");
    expect(await edit.getByLabel(/^Titre/).inputValue()).toBe("Confitures de prunes");
    await edit.getByLabel(/^Titre/).fill("Confitures de prunes et de mûres");
    await edit.getByLabel(/^Lieu approximatif/).fill("Bâtiment A");
    await check(paul, "n21-offer-edit");
    await edit.getByRole("button", { name: "Enregistrer les changements" }).click();
    await paul.getByRole("heading", { level: 1, name: "Confitures de prunes et de mûres" }).waitFor();
    await paul.getByText("Bâtiment A").waitFor();

    // Withdrawing asks first; « no » keeps it open.
    await paul.getByRole("button", { name: "Retirer" }).click();
    await paul.getByRole("heading", { name: "Retirer « Confitures de prunes et de mûres » ?" }).waitFor();
    violations.push(...(await axeViolations(paul)));
    await shot(paul, "n22-withdraw-question");
    await paul.getByRole("button", { name: "Non, la garder" }).click();
    expect(await paul.locator(".offer-status").textContent()).toBe("Ouverte");
    await paul.getByRole("button", { name: "Retirer" }).click();
    await paul.getByRole("button", { name: "Oui, la retirer" }).click();
    await paul.locator(".offer-status", { hasText: "Retirée" }).waitFor();
    await shot(paul, "n23-withdrawn");

    // Another page, after another reload: still acting for Jeanne.
    await paul.goto(`${server.url}/me/notifications`);
    await paul.getByRole("heading", { level: 1, name: "Notifications de Jeanne Roux" }).waitFor();
    await paul.getByRole("button", { name: "Revenir à moi" }).click();
    await paul.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await paul.reload();
    await paul.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    expect(await paul.getByText("Vous agissez pour").count()).toBe(0);
    await paul.context().close();
  });

  it("a member who may not add resources is told why, and sees no form", async () => {
    const out = await cli(["invite", "create", "--network", slug]);
    const code = /URL:\s+\S+\/invitation\/(\S+)/.exec(out)![1];
    await fetch(`${server.url}/api/signup`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, acceptPrinciples: true, handle: "rose", displayName: "Rose Lambert", password: "rose aime son quartier", locale: "fr" }),
    });
    const rose = await logIn(await phoneContext(), "rose");
    await tab(rose, "Fiches").click();
    await rose.getByText(/Dans ce réseau, ce sont les animateurs et animatrices qui ajoutent les ressources/).waitFor();
    expect(await rose.getByRole("button", { name: "Ajouter une ressource" }).count()).toBe(0);
    expect(await rose.getByLabel(/^Titre/).count()).toBe(0);
    await check(rose, "n30-library-member");

    // An empty month says so, and what to do next.
    await tab(rose, "Agenda").click();
    await rose.getByRole("button", { name: "Mois", exact: true }).click();
    const month = new Date().toLocaleDateString("fr-FR", { month: "long", year: "numeric" });
    await rose.getByText(`Aucun rendez-vous en ${month}.`).waitFor();
    await rose.getByText("Voyez le mois suivant, ou proposez une idée de rendez-vous").waitFor();
    await check(rose, "n31-agenda-empty-month");
    await rose.context().close();
  });

  it("prints invitation cards to PDF with each code on one line and the role on the card", async () => {
    await cli(["invite", "create", "--network", slug, "--role", "animator"]);
    await cli(["invite", "create", "--network", slug, "--uses", "5"]);
    await admin.goto(`${server.url}/n/${slug}/invitations/print`);
    await admin.locator(".invite-card .qr svg").nth(1).waitFor();
    await admin.getByText("Carte animation").first().waitFor();
    await check(admin, "n40-invitation-cards");
    const codes = await admin.locator(".invite-card__code").allTextContents();
    expect(codes.length).toBeGreaterThanOrEqual(2);
    const pdf = await admin.pdf({ format: "A4" });
    writeFileSync(join(screenshots, "n41-invitation-cards.pdf"), pdf);
    const lines = await pdfLines(pdf);
    for (const code of codes) expect(lines.some((line) => line.includes(code)), `${code} on one line of ${JSON.stringify(lines)}`).toBe(true);
    expect(lines.some((line) => line.includes("Carte animation"))).toBe(true);
    expect(lines.some((line) => line.includes("Carte membre"))).toBe(true);
  });

  it("found no WCAG 2.2 A/AA violation and no script error on any page visited", () => {
    expect(violations).toEqual([]);
    expect(failures).toEqual([]);
  });
});

/** The PDF's text, line by line (text items grouped by their baseline). */
async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const lines: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const byY = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str) continue;
      const y = Math.round(item.transform[5]);
      byY.set(y, [...(byY.get(y) ?? []), { x: item.transform[4], s: item.str }]);
    }
    for (const parts of byY.values()) lines.push(parts.sort((a, b) => a.x - b.x).map((p) => p.s).join(""));
  }
  return lines;
}
