// More federation pages in headless Chromium: a sponsor posting for someone,
// replies from the fediverse, a network's federation settings, following and the feed.
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import {
  announcement, apiFrom, expectNoHorizontalScroll, phone, screenshots, shot, startInstance, type Instance,
} from "./federation-support.ts";

let instance: Instance;
let server: Instance["server"];
let browser: Instance["browser"];
const logIn = (context: BrowserContext, handle: string, password?: string): Promise<Page> =>
  instance.logIn(context, handle, password);

describe.skipIf(!browserAvailable)("more federation pages in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
    ({ server, browser } = instance);
  });

  afterAll(async () => {
    await instance?.stop();
  });

  it("lets a sponsor post for the person they act for", async () => {
    const paulContext = await browser.newContext(phone);
    const paul = await logIn(paulContext, "paul");
    const { status: created } = await apiFrom(paul, "POST", "/networks/lilas/sponsored", {
      handle: "jeanne", displayName: "Jeanne Roux", sponsor: "rose",
    });
    expect(created).toBe(201);
    await paulContext.close();

    const context = await browser.newContext(phone);
    const page = await logIn(context, "rose");
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    await nav.getByRole("link", { name: "Moi", exact: true }).click();
    await page.getByLabel(/^Agir pour/).selectOption("jeanne");
    await page.getByText("Vous agissez pour Jeanne Roux.").waitFor();
    // "Acting for" lasts from page to page (and across reloads: see newcomer-ui.test.ts).
    await nav.getByRole("link", { name: "Réseau", exact: true }).click();
    await page.getByRole("button", { name: "Donner des nouvelles" }).click();
    await page.getByText("Vous publiez pour Jeanne Roux.").waitFor();
    expect(await page.getByLabel("Publier au nom du réseau").count()).toBe(0);
    await page.getByLabel(/^Votre nouvelle/).fill("Jeanne prête sa grande échelle à qui en a besoin.");
    await page.getByRole("button", { name: "Publier la nouvelle" }).click();
    const ladder = announcement(page, "grande échelle");
    await ladder.getByRole("heading", { name: /Jeanne Roux/ }).waitFor();
    await ladder.getByText("publiée par @rose").waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "35a-posting-for-someone");
    await context.close();
  });

  it("shows what the fediverse answered under an announcement", async () => {
    // Replies and reactions arrive through the inbox (see test/scenarios); here only
    // their rendering is checked, on a copy of the real answer with one reply added.
    const context = await browser.newContext(phone);
    const page = await logIn(context, "rose");
    const posted = await apiFrom(page, "POST", "/networks/lilas/announcements", {
      content: "Café-rencontre samedi à 10 h, salle des fêtes. #café", visibility: "public",
    });
    expect(posted.status).toBe(201);
    await page.route("**/api/networks/lilas/announcements", async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const cafe = body.announcements.find((a: { content: string }) => a.content.includes("Café-rencontre"));
      Object.assign(cafe, {
        likes: 3,
        boosts: 1,
        replies: [{
          id: "https://mastodon.example/users/leo/statuses/1",
          url: "https://mastodon.example/@leo/1",
          contentHtml: '<p><span class="h-card"><a href="https://127.0.0.1/n/lilas" rel="nofollow noopener">@lilas</a></span> Je viendrai avec des croissants !</p>',
          published: new Date().toISOString(),
          author: { id: "https://mastodon.example/users/leo", handle: "@leo@mastodon.example", name: "Léo", url: "https://mastodon.example/@leo", iconUrl: null },
        }],
      });
      await route.fulfill({ response, json: body });
    });
    await page.reload();
    const cafe = announcement(page, "Café-rencontre samedi");
    await cafe.getByText("3 j'aime · 1 partage").waitFor();
    const replies = cafe.locator("section", { has: page.getByRole("heading", { name: "Réponses venues du fédivers" }) });
    await replies.getByRole("link", { name: "Léo" }).waitFor();
    await replies.getByText("@leo@mastodon.example").waitFor();
    await replies.getByText("Je viendrai avec des croissants !").waitFor();
    await expectNoHorizontalScroll(page);
    await cafe.screenshot({ path: join(screenshots, "35b-replies.png") });
    await context.close();
  });

  it("lets an animator choose whom the network federates with", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "paul");
    await page.goto(`${server.url}/n/lilas/settings`);
    await page.getByRole("heading", { name: "Avec qui le réseau échange" }).waitFor();
    await page.getByLabel(/^Sur liste/).check();
    await page.getByRole("button", { name: "Valider ce choix" }).click();
    await page.locator("form", { has: page.getByRole("button", { name: "Valider ce choix" }) }).getByText("C'est enregistré.").waitFor();
    const { network } = await page.evaluate(async () => (await fetch("/api/networks/lilas")).json());
    expect(network.federationMode).toBe("allowlist");

    await page.getByLabel(/^Serveur à ajouter/).fill("pas un domaine");
    await page.getByRole("button", { name: "Ajouter ce serveur" }).click();
    await page.locator("#allowed-host-error").waitFor();
    await page.getByLabel(/^Serveur à ajouter/).fill("amis.example");
    await page.getByRole("button", { name: "Ajouter ce serveur" }).click();
    await page.getByText("amis.example est ajouté à la liste.").waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "40-federation-settings");
    await page.getByRole("button", { name: "Retirer amis.example de la liste" }).click();
    await page.getByText("amis.example est retiré de la liste.").waitFor();
    await page.getByText("Aucun serveur dans la liste.").waitFor();
    await context.close();
  });

  it("shows following and the feed, with problems next to the field", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "rose");
    // Not a main place: in « Menu ».
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Mon fil" }).click();
    await page.getByRole("heading", { name: "Mon fil" }).waitFor();
    await page.getByText("Rien pour l'instant.").waitFor();
    await shot(page, "41-feed-empty");
    await page.getByRole("link", { name: "Gérer mes abonnements" }).click();
    await page.getByRole("heading", { name: "Mes abonnements" }).waitFor();
    await page.getByText("Vous ne suivez encore personne.").waitFor();
    await page.getByRole("button", { name: "Suivre", exact: true }).click();
    await page.locator("#follow-target-error", { hasText: "Remplissez ce champ" }).waitFor();
    await page.getByLabel(/^Adresse du compte ou du réseau/).fill("@quartier@exemple.invalid");
    await page.getByRole("button", { name: "Suivre", exact: true }).click();
    await page.locator("#follow-target-error").waitFor({ timeout: 30_000 });
    await expectNoHorizontalScroll(page);
    await shot(page, "42-following-error");
    await context.close();
  });
});
