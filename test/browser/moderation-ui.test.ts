// Moderation on a phone (390 × 844) in Chromium against a real server: Rose
// reports Marc's offer from its page; Paul, an animator, finds it in the
// moderation queue and hides it, with a reason; Marc sees his offer hidden,
// with the reason, and asks for a review; Rose no longer finds it. Every page
// passes axe-core (WCAG 2.2 A/AA) with no sideways scroll. Screenshots on the way.
// Then Rose reports Marc himself from the members' list and his announcement;
// hidden, Marc's announcement shows him why and Rose no longer sees it.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, serveAxe, type Violation } from "../helpers/axe.ts";
import { browserAvailable } from "../helpers/browser.ts";
import { apiFrom, expectNoHorizontalScroll, phone, shot, startInstance, type Instance } from "./federation-support.ts";

let instance: Instance;
let paul: Page; // animator of lilas
let rose: Page; // member, reports
let marc: Page; // member, the author
let offer: { id: string; url: string };
const violations: Violation[] = [];
const failures: string[] = [];

async function phonePage(handle: string): Promise<Page> {
  const context: BrowserContext = await instance.browser.newContext(phone);
  await serveAxe(context, instance.server.url);
  const page = await instance.logIn(context, handle);
  page.on("pageerror", (error) => failures.push(error.message));
  return page;
}

async function check(page: Page, name: string) {
  await page.locator("main h1").first().waitFor();
  await expectNoHorizontalScroll(page);
  violations.push(...(await axeViolations(page)));
  await shot(page, name);
}

describe.skipIf(!browserAvailable)("moderation on a phone", () => {
  beforeAll(async () => {
    instance = await startInstance();
    paul = await phonePage("paul");
    const out = (await instance.server.cli(["invite", "create", "--network", "lilas"])).stdout;
    const code = /URL:\s+\S+\/invitation\/(\S+)/.exec(out)![1];
    const signup = await fetch(`${instance.server.url}/api/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, acceptPrinciples: true, handle: "marc", displayName: "Marc Petit", password: "marc aime son quartier", locale: "fr" }),
    });
    expect(signup.status).toBe(201);
    marc = await phonePage("marc");
    const posted = await apiFrom(marc, "POST", "/networks/lilas/offers", {
      kind: "offer", theme: "don", title: "Crèmes Lumina à prix d'ami", body: "Ma marque de cosmétiques : 30 € le pot, livraison offerte.", visibility: "network",
    });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    offer = (posted.json as { offer: { id: string; url: string } }).offer;
    rose = await phonePage("rose");
  }, 240_000);
  afterAll(async () => {
    await instance?.stop();
  });

  it("Rose reports the offer from its page: a reason, a word, an acknowledgement", async () => {
    await rose.goto(`${instance.server.url}/n/lilas/o/${offer.id}`);
    await rose.getByRole("heading", { level: 1, name: "Crèmes Lumina à prix d'ami" }).waitFor();
    await rose.getByRole("button", { name: "Signaler cette offre" }).click();
    // Sending without a reason says so, on the field.
    await rose.getByRole("button", { name: "Envoyer le signalement" }).click();
    await rose.getByText("Choisissez une raison").first().waitFor();
    await rose.getByLabel("Promotion commerciale, politique ou religieuse").check();
    await rose.getByLabel(/^Un mot pour les animateurs/).fill("C'est une vente, pas un don entre voisins.");
    await check(rose, "m01-report-form");
    await rose.getByRole("button", { name: "Envoyer le signalement" }).click();
    await rose.getByText(/Merci, c'est reçu/).waitFor();
    await shot(rose, "m02-report-acknowledged");
  });

  it("Paul finds it in the queue, with the offer as it was, and hides it", async () => {
    await paul.goto(`${instance.server.url}/n/lilas/animation`);
    await paul.getByRole("link", { name: /Modération/ }).click();
    await paul.getByRole("heading", { level: 1, name: "Modération" }).waitFor();
    const card = paul.locator("article.moderation__report", { hasText: "Crèmes Lumina à prix d'ami" });
    await card.waitFor();
    await card.getByText("signalé par Rose Lambert").waitFor();
    await card.getByText("C'est une vente, pas un don entre voisins.").waitFor();
    await check(paul, "m03-queue");
    await card.getByLabel("Que faire ?").selectOption("hide");
    await card.getByLabel(/^Pourquoi/).fill("Vente de produits : contraire au principe de gratuité.");
    await card.getByRole("button", { name: "Appliquer" }).click();
    await paul.getByText("Aucun signalement à examiner.").waitFor();
    await paul.getByText(/Paul Girard : contenu masqué/).waitFor();
    await check(paul, "m04-queue-done-log");
  });

  it("Marc sees his offer hidden, with the reason, and asks for a review; Rose no longer finds it", async () => {
    await marc.goto(`${instance.server.url}/n/lilas/o/${offer.id}`);
    await marc.getByRole("heading", { name: "Contenu masqué par les animateurs" }).waitFor();
    await marc.getByText("Vente de produits : contraire au principe de gratuité.").waitFor();
    await marc.getByText("Masquée", { exact: true }).waitFor();
    await check(marc, "m05-author-sees-hidden");
    await marc.getByLabel(/^Votre message aux animateurs/).fill("Je voulais seulement rendre service.");
    await marc.getByRole("button", { name: "Demander une relecture" }).click();
    await marc.getByText(/Relecture demandée/).waitFor();
    await shot(marc, "m06-review-asked");

    await rose.goto(`${instance.server.url}/n/lilas/offers`);
    await rose.getByRole("heading", { level: 1 }).first().waitFor();
    await rose.waitForLoadState("networkidle");
    expect(await rose.getByText("Crèmes Lumina à prix d'ami").count()).toBe(0);
    await rose.goto(`${instance.server.url}/me/reports`);
    await rose.getByText("Examiné : les animateurs ont agi").waitFor();
    await check(rose, "m07-my-reports");
  });

  it("Rose reports Marc from the members' list and his announcement from its page; hidden, Marc sees why", async () => {
    const posted = await apiFrom(marc, "POST", "/networks/lilas/announcements", { content: "Venez tous acheter mes crèmes Lumina !", visibility: "network" });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    const announcement = (posted.json as { announcement: { id: string } }).announcement;

    await rose.goto(`${instance.server.url}/n/lilas/members`);
    await rose.getByRole("button", { name: "Signaler Marc Petit" }).click();
    await rose.getByLabel("Pression ou intrusion").check();
    await check(rose, "m08-report-member");
    await rose.getByRole("button", { name: "Envoyer le signalement" }).click();
    await rose.getByText(/Merci, c'est reçu/).waitFor();

    await rose.goto(`${instance.server.url}/n/lilas/a/${announcement.id}`);
    await rose.getByText("Venez tous acheter mes crèmes Lumina !").waitFor();
    await rose.getByRole("button", { name: "Signaler", exact: true }).click();
    await rose.getByLabel("Promotion commerciale, politique ou religieuse").check();
    await rose.getByRole("button", { name: "Envoyer le signalement" }).click();
    await rose.getByText(/Merci, c'est reçu/).waitFor();

    await paul.goto(`${instance.server.url}/n/lilas/moderation`);
    // Each report is an article named by what it is about (earlier reports on Marc are listed inside).
    const card = paul.getByRole("article", { name: /^Venez tous acheter/ });
    await card.waitFor();
    await paul.getByRole("article", { name: "Marc Petit" }).waitFor();
    await card.getByLabel("Que faire ?").selectOption("hide");
    await card.getByLabel(/^Pourquoi/).fill("Publicité : contraire au principe de neutralité.");
    await card.getByRole("button", { name: "Appliquer" }).click();
    await paul.getByText(/Paul Girard : contenu masqué/).first().waitFor();

    await marc.goto(`${instance.server.url}/n/lilas/a/${announcement.id}`);
    await marc.getByRole("heading", { name: "Contenu masqué par les animateurs" }).waitFor();
    await marc.getByText("Publicité : contraire au principe de neutralité.").waitFor();
    await check(marc, "m09-announcement-hidden");
    await rose.goto(`${instance.server.url}/n/lilas/a/${announcement.id}`);
    await rose.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await rose.getByText("Venez tous acheter mes crèmes Lumina !").count()).toBe(0);
  });

  it("no page had an accessibility violation or a script error", () => {
    expect(violations).toEqual([]);
    expect(failures).toEqual([]);
  });
});
