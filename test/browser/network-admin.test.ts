// Life in more than one network, and running one, in headless Chromium against a
// real server: joining a second network with one's account, switching between
// networks, editing a network's settings, giving a sponsored member a second
// sponsor and saying who lives in one household.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "../helpers/browser.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";

const screenshots = join(import.meta.dirname, "screenshots");
const phone = { viewport: { width: 390, height: 844 }, locale: "fr-FR" };
let server: ServerProcess;
let browser: Browser;

async function cli(args: string[]): Promise<string> {
  const result = await server.cli(args);
  if (result.code !== 0) throw new Error(`maillage ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A fresh invitation's URL. */
async function invite(network: string, role = "member"): Promise<string> {
  const url = /URL:\s+(\S+)/.exec(await cli(["invite", "create", "--network", network, "--role", role]))?.[1];
  expect(url).toMatch(/\/invitation\/[0-9A-Z-]+$/);
  return url!;
}

/** Signs a member up through the API, as the signup page would. */
async function signUp(network: string, role: string, handle: string, displayName: string) {
  const code = (await invite(network, role)).split("/").pop();
  const response = await fetch(`${server.url}/api/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, acceptPrinciples: true, handle, displayName, password: `${handle} aime son quartier`, locale: "fr" }),
  });
  expect(response.status).toBe(201);
}

async function logIn(context: BrowserContext, handle: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/^Identifiant/).fill(handle);
  await page.getByLabel(/^Mot de passe/).fill(`${handle} aime son quartier`);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/n\/[a-z-]+$/);
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!browserAvailable)("several networks, and running one, in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    await cli(["setup", "--handle", "camille", "--name", "Camille Martin", "--password", "un long mot de passe pour camille"]);
    await cli(["network", "create", "lilas", "--name", "Les Lilas", "--area", "Quartier des Lilas, Nantes"]);
    await cli([
      "network", "create", "tilleuls", "--name", "Les Tilleuls", "--area", "Résidence des Tilleuls, Rezé",
      "--description", "Les habitantes et habitants de la résidence des Tilleuls.", "--rules", "On range la salle commune.",
    ]);
    await signUp("lilas", "animator", "paul", "Paul Girard");
    await signUp("lilas", "member", "rose", "Rose Lambert");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets a member join another network with their account, then switch between networks", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "paul");
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));

    // The invitation shows the network and the principles, and offers to join with this account.
    await page.goto(await invite("tilleuls"));
    await page.getByRole("heading", { name: "Les Tilleuls" }).waitFor();
    await page.getByText("Vous êtes connecté·e en tant que Paul Girard").waitFor();
    await expect(page.getByText("Réciprocité").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Rejoindre ce réseau avec mon compte" }).click();
    await page.locator("#principles-accept-error", { hasText: "Cochez la case pour accepter les quatre principes." }).waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "20-join-with-account");
    await page.getByLabel("J'ai lu les quatre principes et je les accepte.").check();
    await page.getByRole("button", { name: "Rejoindre ce réseau avec mon compte" }).click();

    // Paul lands in his new network, as a plain member there.
    await page.waitForURL(/\/n\/tilleuls$/);
    await page.getByRole("heading", { level: 1, name: "Les Tilleuls" }).waitFor();
    await page.getByText("Votre rôle : membre").waitFor();
    expect(await page.getByRole("link", { name: /Réglages du réseau/ }).count()).toBe(0);
    await page.getByRole("heading", { name: "Mes autres réseaux" }).waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "21-second-network");

    // He switches from « Menu », and back from the network's home.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Les Lilas" }).click();
    await page.waitForURL(/\/n\/lilas$/);
    await page.getByText("Votre rôle : animateur·rice").waitFor();
    await page.locator("section", { has: page.getByRole("heading", { name: "Mes autres réseaux" }) })
      .getByRole("link", { name: /Les Tilleuls/ }).click();
    await page.waitForURL(/\/n\/tilleuls$/);
    await page.getByRole("heading", { level: 1, name: "Les Tilleuls" }).waitFor();
    // The home page brings him back to the network he last opened.
    await page.goto(server.url);
    await page.waitForURL(/\/n\/tilleuls$/);

    // Another invitation to a network he is in says so, and still lets him log out to sign someone else up.
    await page.goto(await invite("tilleuls"));
    await page.getByText("Vous faites déjà partie du réseau Les Tilleuls.").waitFor();
    await page.getByRole("link", { name: "Aller sur Les Tilleuls" }).waitFor();
    await shot(page, "22-already-member");
    await page.getByRole("button", { name: "Me déconnecter pour créer un autre compte" }).click();
    await page.getByText("Étape 1 sur 3").waitFor();
    await page.getByRole("link", { name: "Se connecter" }).waitFor();
    expect(failures).toEqual([]);
    await context.close();
  });

  it("lets an animator edit the network's settings", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "paul");
    await page.goto(`${server.url}/n/lilas`);
    await page.getByRole("link", { name: /Réglages du réseau/ }).click();
    await page.getByRole("heading", { name: "Réglages — Les Lilas" }).waitFor();
    expect(await page.getByLabel("Les nouveaux abonnés doivent être approuvés").isChecked()).toBe(false);

    // A name is needed; the problem is shown next to the field.
    await page.getByLabel(/^Nom du réseau/).fill("");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.locator("#settings-name-error", { hasText: "Remplissez ce champ" }).waitFor();
    await shot(page, "23-settings-error");

    await page.getByLabel(/^Nom du réseau/).fill("Les Lilas en fleurs");
    await page.getByLabel(/^Présentation/).fill("Les voisines et voisins de la rue des Lilas.");
    await page.getByLabel(/^Règles du réseau/).fill("On se dit bonjour.\nOn prévient si on ne peut pas venir.");
    await page.getByLabel("Les nouveaux abonnés doivent être approuvés").check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("C'est enregistré.").waitFor();
    await page.getByRole("heading", { name: "Réglages — Les Lilas en fleurs" }).waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "24-settings");
    const { network } = await page.evaluate(async () => (await fetch("/api/networks/lilas")).json());
    expect(network).toMatchObject({ name: "Les Lilas en fleurs", approvesFollowers: true, area: "Quartier des Lilas, Nantes" });

    // The network's home and the header show the new name.
    await page.getByRole("link", { name: "Les Lilas en fleurs" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Les Lilas en fleurs" }).waitFor();
    await page.getByText("Les voisines et voisins de la rue des Lilas.").waitFor();
    await page.locator(".brand", { hasText: "Les Lilas en fleurs" }).waitFor();
    await context.close();
  });

  it("lets an animator give the network a logo, shown on its page", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "paul");
    await page.goto(`${server.url}/n/lilas/settings`);
    await page.getByRole("heading", { name: "Logo du réseau" }).waitFor();
    const photo = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#2e7d32" } }).jpeg().toBuffer();
    await page.locator("#icon-file").setInputFiles({ name: "logo.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("button", { name: "Utiliser cette photo comme logo" }).click();
    await page.getByText("Le logo est enregistré.").waitFor();
    await shot(page, "25-settings-logo");

    await page.goto(`${server.url}/n/lilas`);
    // The file is served and decodes: the photo, re-encoded at its own size.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>("h1 img.network-icon");
      return img !== null && img.complete && img.naturalWidth === 600;
    });
    await context.close();
  });

  it("lets an animator give a sponsored member a second sponsor", async () => {
    const context = await browser.newContext({ ...phone, viewport: { width: 1100, height: 900 } });
    const page = await logIn(context, "paul");
    await page.goto(`${server.url}/n/lilas/members`);
    await page.getByLabel(/^Identifiant/).fill("jeanne");
    await page.getByLabel(/^Nom affiché/).fill("Jeanne Roux");
    await page.getByLabel(/^Parrain ou marraine/).selectOption("rose");
    await page.getByRole("button", { name: "Inscrire cette personne" }).click();
    await page.getByText("Parrainé·e par Rose Lambert").waitFor();

    const add = page.locator("form", { has: page.getByRole("heading", { name: "Ajouter un parrain ou une marraine" }) });
    await add.getByRole("button", { name: "Ajouter ce parrain ou cette marraine" }).click();
    await page.locator("#add-sponsor-sponsored-error", { hasText: "Choisissez une personne dans la liste." }).waitFor();
    await add.getByLabel(/^Personne parrainée/).selectOption("jeanne");
    // Rose already sponsors Jeanne: she is not offered again.
    const offered = await add.getByLabel(/^Nouveau parrain/).locator("option").allTextContents();
    expect(offered).toEqual(["Choisir une personne", "Paul Girard (@paul)"]);

    // The server's refusal lands next to the field it names (a stale list, forged here).
    await add.getByLabel(/^Nouveau parrain/).evaluate((select) => (select as HTMLSelectElement).add(new Option("Jeanne", "jeanne")));
    await add.getByLabel(/^Nouveau parrain/).selectOption("jeanne");
    await add.getByRole("button", { name: "Ajouter ce parrain ou cette marraine" }).click();
    await page.locator("#add-sponsor-sponsor-error", { hasText: "Le parrain ou la marraine doit être membre" }).waitFor();
    await shot(page, "25-add-sponsor-error");

    await add.getByLabel(/^Nouveau parrain/).selectOption("paul");
    await add.getByRole("button", { name: "Ajouter ce parrain ou cette marraine" }).click();
    await page.getByText("Paul Girard parraine maintenant Jeanne Roux.").waitFor();
    await page.getByText("Parrainé·e par Rose Lambert, Paul Girard").waitFor();
    await shot(page, "26-add-sponsor");

    // Paul may now act for Jeanne.
    const session = await page.evaluate(async () => (await fetch("/api/session")).json());
    expect(session.sponsored).toEqual([expect.objectContaining({ handle: "jeanne" })]);
    await context.close();
  });

  it("lets an animator put members who live together in one household, counted once on the dashboard", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "paul");
    const keyFigure = (label: string) => page.locator(".key-figure").filter({ has: page.locator(".key-figure__label", { hasText: new RegExp(`^${label}$`) }) });
    const figure = async (label: string) => Number((await keyFigure(label).locator(".key-figure__value").textContent())?.replace(/\D/g, ""));
    await page.goto(`${server.url}/n/lilas/impact`);
    await keyFigure("Foyers touchés").waitFor();
    const members = await figure("Membres");
    expect(await figure("Foyers touchés")).toBe(members);

    await page.goto(`${server.url}/n/lilas/members`);
    const householdOf = (name: string) => page.locator("form.household", { has: page.getByLabel(`Foyer de ${name}`) });
    await householdOf("Rose Lambert").getByLabel("Foyer de Rose Lambert").fill("Famille Lambert");
    await householdOf("Rose Lambert").getByRole("button", { name: "Enregistrer le foyer" }).click();
    await householdOf("Rose Lambert").getByText("Foyer enregistré.").waitFor();
    // The label just given is offered for the next member of the household.
    expect(await page.locator("#households-known option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(["Famille Lambert"]);
    await householdOf("Jeanne Roux").getByLabel("Foyer de Jeanne Roux").fill("famille lambert");
    await householdOf("Jeanne Roux").getByRole("button", { name: "Enregistrer le foyer" }).click();
    await householdOf("Jeanne Roux").getByText("Foyer enregistré.").waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "27-households");

    await page.goto(`${server.url}/n/lilas/impact`);
    await keyFigure("Foyers touchés").waitFor();
    expect(await figure("Foyers touchés")).toBe(members - 1);
    await context.close();
  });
});
