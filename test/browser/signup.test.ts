// The signup a resident goes through at a café-rencontre, on a phone, in headless
// Chromium against a real server: invitation → principles → account → questionnaire → network.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "../helpers/browser.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";

const screenshots = join(import.meta.dirname, "screenshots");
const adminPassword = "un long mot de passe pour camille";
let server: ServerProcess;
let browser: Browser;

async function cli(args: string[]): Promise<string> {
  const result = await server.cli(args);
  if (result.code !== 0) throw new Error(`maillage ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Waits until the form control at `selector` holds `value`. */
async function waitForValue(page: Page, selector: string, value: string) {
  await page.waitForFunction(
    ([s, v]) => (document.querySelector(s) as HTMLInputElement | null)?.value === v,
    [selector, value] as const,
  );
}

/** Phones must never scroll sideways. */
async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!browserAvailable)("the web UI in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends the first visitor of a new instance to the setup page", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "fr-FR" });
    await page.goto(server.url);
    await page.waitForURL(/\/setup$/);
    await page.getByRole("heading", { name: "Première visite : créer l'administrateur" }).waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "0-setup");
    await page.close();
  });

  describe("signup with an invitation", () => {
    beforeAll(async () => {
      await cli(["setup", "--handle", "camille", "--name", "Camille Martin", "--password", adminPassword]);
      await cli([
        "network", "create", "lilas", "--name", "Les Lilas", "--area", "Quartier des Lilas, Nantes",
        "--description", "Les voisines et voisins de la rue des Lilas et de la résidence du Parc.",
        "--rules", "On se dit bonjour.\nOn prévient si on ne peut pas venir.",
      ]);
    });

    it("takes a resident from the invitation to their network's home, logged in", async () => {
      const invite = await cli(["invite", "create", "--network", "lilas"]);
      const url = /URL:\s+(\S+)/.exec(invite)?.[1];
      expect(url).toMatch(/\/invitation\/[0-9A-Z-]+$/);

      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fr-FR" });
      const page = await context.newPage();
      const failures: string[] = [];
      page.on("pageerror", (error) => failures.push(error.message));

      // Step 1: the network and the four principles.
      await page.goto(url!);
      await page.getByRole("heading", { name: "Les Lilas" }).waitFor();
      await expect(page.getByText("Réciprocité").isVisible()).resolves.toBe(true);
      await expectNoHorizontalScroll(page);
      await shot(page, "1-invitation-principles");
      await page.getByRole("button", { name: "Continuer" }).click();
      await page.getByText("Cochez la case pour accepter les quatre principes.").waitFor();
      await shot(page, "1b-principles-not-accepted");
      await page.getByLabel("J'ai lu les quatre principes et je les accepte.").check();
      await page.getByRole("button", { name: "Continuer" }).click();

      // Step 2: the account; a mismatched confirmation is caught next to its field.
      await page.getByRole("heading", { name: "Votre compte" }).waitFor();
      await page.getByLabel(/^Identifiant/).fill("marie-l");
      await page.getByLabel(/^Nom affiché/).fill("Marie Lefèvre");
      await page.getByLabel(/^Mot de passe \(/).fill("les lilas en fleurs");
      await page.getByLabel(/^Mot de passe, encore une fois/).fill("les lilas en fleur");
      await page.getByLabel(/^Adresse e-mail/).fill("marie@example.org");
      await page.getByRole("button", { name: "Créer mon compte" }).click();
      await page.getByText("Les deux mots de passe ne sont pas identiques.").waitFor();
      await shot(page, "2b-account-error");
      await page.getByLabel(/^Mot de passe, encore une fois/).fill("les lilas en fleurs");
      await expectNoHorizontalScroll(page);
      await shot(page, "2-account");
      await page.getByRole("button", { name: "Créer mon compte" }).click();

      // Step 3: the questionnaire, one question per theme.
      await page.getByRole("heading", { name: "Ce que vous aimeriez partager" }).waitFor();
      const themes = page.locator("fieldset.theme");
      await themes.first().waitFor();
      expect(await themes.count()).toBeGreaterThan(3);
      await themes.nth(0).getByLabel("Je pourrais proposer").check();
      await themes.nth(1).getByLabel("J'aimerais recevoir").check();
      await themes.nth(2).getByLabel("Pas pour l'instant").check();
      await expectNoHorizontalScroll(page);
      await shot(page, "3-questionnaire");
      await page.getByRole("button", { name: "Terminer et découvrir mon réseau" }).click();

      // Step 4: the network's home, logged in.
      await page.waitForURL(/\/n\/lilas$/);
      await page.getByRole("heading", { level: 1, name: "Les Lilas" }).waitFor();
      // Who is logged in is said in « Menu » (the header keeps to the network's name).
      await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("dialog", { name: "Menu" }).getByText("Connecté·e : Marie Lefèvre").waitFor();
      await page.getByRole("button", { name: "Fermer le menu" }).click();
      await expectNoHorizontalScroll(page);
      await shot(page, "4-network-home");

      // The answers were saved for this member.
      const answers = await page.evaluate(async () => (await fetch("/api/me/questionnaire")).json());
      expect(answers.answers.filter((a: { choice: string }) => a.choice !== "not_now")).toHaveLength(2);

      // A used invitation says so kindly.
      await page.goto(url!);
      await page.getByRole("heading", { name: "Cette invitation ne peut pas être utilisée" }).waitFor();
      await shot(page, "5-invitation-used");
      expect(failures).toEqual([]);
      await context.close();
    });

    it("lets the admin log in, create an invitation and print the cards", async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "fr-FR" });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByLabel(/^Identifiant/).fill("camille");
      await page.getByLabel(/^Mot de passe/).fill("pas le bon");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("alert").waitFor();
      await shot(page, "6-login-error");
      await page.getByLabel(/^Mot de passe/).fill(adminPassword);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL(/\/admin\/networks$/);
      await page.getByRole("link", { name: /Les Lilas/ }).first().waitFor();
      await shot(page, "7-admin-networks");

      await page.goto(`${server.url}/n/lilas/invitations`);
      await page.getByLabel(/^Note pour l'équipe/).fill("Pour Mme Durand, bâtiment B");
      await page.getByRole("button", { name: "Créer l'invitation" }).click();
      const created = await page.getByText(/Invitation créée/).textContent();
      const code = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(created ?? "")![1];
      await page.locator(".item-list .code", { hasText: code }).waitFor();
      await shot(page, "8-invitations");

      await cli(["invite", "create", "--network", "lilas", "--uses", "5"]);
      await cli(["invite", "create", "--network", "lilas", "--role", "animator"]);
      await page.getByRole("link", { name: "Imprimer les cartes" }).click();
      await page.locator(".invite-card .qr svg").nth(2).waitFor();
      await shot(page, "9-invitation-cards");
      // An A4 page is 794 CSS pixels wide.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: "print" });
      await shot(page, "9b-invitation-cards-print");
      await page.emulateMedia({ media: "screen" });

      // A neighbour without internet joins, sponsored by Marie.
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.goto(`${server.url}/n/lilas/members`);
      await page.getByLabel(/^Identifiant/).fill("jeanne");
      await page.getByLabel(/^Nom affiché/).fill("Jeanne Roux");
      await page.getByLabel(/^Parrain ou marraine/).selectOption("marie-l");
      await page.getByRole("button", { name: "Inscrire cette personne" }).click();
      await page.getByText("Parrainé·e par Marie Lefèvre").waitFor();
      await shot(page, "10-members");
      await context.close();
    });

    it("lets a sponsor act for the person they sponsor", async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fr-FR" });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole("heading", { name: "Bienvenue sur Maillage" }).waitFor();
      await shot(page, "11-welcome");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Welcome to Maillage" }).waitFor();
      await shot(page, "11b-welcome-en");
      await page.getByRole("button", { name: "Français" }).click();
      await page.getByRole("link", { name: "Se connecter" }).last().click();
      await page.getByLabel(/^Identifiant/).fill("marie-l");
      await page.getByLabel(/^Mot de passe/).fill("les lilas en fleurs");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL(/\/n\/lilas$/);

      await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Moi", exact: true }).click();
      // The profile form shows what the server has (GET /api/me): Marie's name and language
      // (her email address waits for its confirmation link, so the field is empty)…
      await waitForValue(page, "#profile-displayName", "Marie Lefèvre");
      expect(await page.locator("#profile-email").inputValue()).toBe("");
      expect(await page.locator("#profile-locale").inputValue()).toBe("fr");
      await page.getByLabel(/^Agir pour/).selectOption("jeanne");
      await page.getByText("Vous agissez pour Jeanne Roux.").waitFor();
      await page.getByRole("heading", { name: "Profil de Jeanne Roux" }).waitFor();
      // …and Jeanne's (no email) while acting for her; her sponsor writes a few words about her.
      await waitForValue(page, "#profile-displayName", "Jeanne Roux");
      expect(await page.locator("#profile-email").inputValue()).toBe("");
      await page.getByLabel(/^Quelques mots sur vous/).fill("Jeanne aime le jardinage.");
      await page.getByRole("button", { name: "Enregistrer" }).first().click();
      await page.getByText("C'est enregistré.").waitFor();
      await page.locator("fieldset.theme").first().getByLabel("J'aimerais recevoir").check();
      await page.getByRole("button", { name: "Enregistrer" }).last().click();
      await page.getByText("Vos réponses sont enregistrées.").waitFor();
      await expectNoHorizontalScroll(page);
      await shot(page, "12-acting-for");
      // The banner sticks to the top of the screen; a full-page capture misplaces it.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshots, "12b-acting-banner.png") });
      const answers = await page.evaluate(async () =>
        (await fetch("/api/me/questionnaire", { headers: { "X-Acting-For": "jeanne" } })).json(),
      );
      // Saved for Jeanne (Marie has two answers that are not "not now").
      expect(answers.answers.filter((a: { choice: string }) => a.choice !== "not_now")).toEqual([
        expect.objectContaining({ choice: "need" }),
      ]);

      await page.getByRole("button", { name: "Revenir à moi" }).click();
      await page.getByRole("heading", { name: "Mon profil" }).waitFor();
      await waitForValue(page, "#profile-displayName", "Marie Lefèvre");
      expect(await page.locator("#profile-bio").inputValue()).toBe("");
      // Acting for Jeanne again shows her saved words, read back with X-Acting-For.
      await page.getByLabel(/^Agir pour/).selectOption("jeanne");
      await waitForValue(page, "#profile-bio", "Jeanne aime le jardinage.");
      await page.getByRole("button", { name: "Revenir à moi" }).click();
      await waitForValue(page, "#profile-displayName", "Marie Lefèvre");
      await page.getByRole("link", { name: "Télécharger ou supprimer mes données" }).click();
      await page.getByRole("heading", { name: "Supprimer mon compte" }).waitFor();
      await shot(page, "13-my-data");
      await context.close();
    });
  });
});
