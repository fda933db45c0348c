// The federation pages in headless Chromium against a real server: announcements
// and their visibility, a partnership between two networks of one instance, and
// the admin's domain blocks. (More in federation-extras-ui.test.ts.)
import sharp from "sharp";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import {
  adminPassword, announcement, desktop, expectNoHorizontalScroll, phone, shot, startInstance, type Instance,
} from "./federation-support.ts";

let instance: Instance;
let server: Instance["server"];
let browser: Instance["browser"];
const logIn = (context: BrowserContext, handle: string, password?: string): Promise<Page> =>
  instance.logIn(context, handle, password);

describe.skipIf(!browserAvailable)("federation pages in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
    ({ server, browser } = instance);
  });

  afterAll(async () => {
    await instance?.stop();
  });

  it("posts a public and a network-only announcement, each with its badge", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "rose");
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.getByRole("heading", { name: "Nouvelles du réseau" }).waitFor();
    await page.getByText("Aucune nouvelle pour l'instant.").waitFor();

    // An empty announcement is refused next to the text box.
    await page.getByRole("button", { name: "Donner des nouvelles" }).click();
    await page.getByRole("button", { name: "Publier la nouvelle" }).click();
    await page.locator("#post-content-error", { hasText: "Remplissez ce champ" }).waitFor();
    expect(await page.getByLabel("Réseau : seulement les membres du réseau (jamais envoyé ailleurs)").isChecked()).toBe(true);
    // Only animators may speak in the network's name.
    expect(await page.getByLabel("Publier au nom du réseau").count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await shot(page, "30-announcement-form-error");

    await page.getByLabel(/^Votre nouvelle/).fill("Café-rencontre samedi à 10 h, salle des fêtes. #café");
    // A photo, uploaded as it is chosen, then described for those who cannot see it.
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#c62" } }).jpeg().toBuffer();
    await page.locator("#post-photos").setInputFiles({ name: "cafe.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByLabel(/^Décrivez la photo/).fill("Des tasses de café sur une nappe rouge");
    await page.getByLabel("Public : tout le monde, y compris Mastodon").check();
    await page.getByRole("button", { name: "Publier la nouvelle" }).click();
    await page.getByText("Votre nouvelle est publiée.").waitFor();
    const cafe = announcement(page, "Café-rencontre samedi");
    await cafe.locator(".badge", { hasText: "Public" }).waitFor();
    await cafe.getByRole("img", { name: "Des tasses de café sur une nappe rouge" }).waitFor();
    await cafe.getByRole("heading", { name: /Rose Lambert/ }).waitFor();

    await page.getByRole("button", { name: "Donner des nouvelles" }).click();
    await page.getByLabel(/^Votre nouvelle/).fill("La clé de la salle commune est chez Paul, au 12.");
    await page.getByRole("button", { name: "Publier la nouvelle" }).click();
    const key = announcement(page, "La clé de la salle commune");
    await key.locator(".badge", { hasText: "Réseau" }).waitFor();

    // Newest first; each badge says in words who may read it.
    const texts = await page.locator("article.announcement .announcement__content").allTextContents();
    expect(texts[0]).toContain("La clé de la salle commune");
    expect(texts[1]).toContain("Café-rencontre");
    expect(await key.locator(".visibility").textContent()).toContain("Visible seulement par les membres du réseau");
    await cafe.locator(".visibility").focus();
    await expect(cafe.getByText("Visible par tout le monde, y compris sur Mastodon.").isVisible()).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    await shot(page, "31-announcements");

    // Rose edits her announcement in place.
    await key.getByRole("button", { name: /^Modifier/ }).click();
    // (While edited, its text is in the text box, so look it up on the page.)
    await page.getByLabel(/^Texte de la nouvelle/).fill("La clé de la salle commune est chez Paul, au 12, rez-de-chaussée.");
    await shot(page, "31b-announcement-edit");
    await page.getByRole("button", { name: "Enregistrer la modification" }).click();
    await page.getByText("La nouvelle est modifiée.").waitFor();
    await announcement(page, "rez-de-chaussée").getByText(/modifiée le/).waitFor();

    // Visitors only get the public one.
    const visitor = await (await fetch(`${server.url}/api/networks/lilas/announcements`)).json();
    expect(visitor.announcements.map((a: { visibility: string }) => a.visibility)).toEqual(["public"]);

    // Its own page, linked from its date, works for visitors too.
    const link = await cafe.locator("a.announcement__date").getAttribute("href");
    const visitorContext = await browser.newContext(phone);
    const visitorPage = await visitorContext.newPage();
    await visitorPage.goto(`${server.url}${link}`);
    await visitorPage.getByRole("heading", { name: "Nouvelle — Les Lilas" }).waitFor();
    await visitorPage.getByText("Café-rencontre samedi à 10 h").waitFor();
    await shot(visitorPage, "32-announcement-page-visitor");
    // The network page itself is open to visitors: the public announcement, not the other one.
    await visitorPage.goto(`${server.url}/n/lilas`);
    await visitorPage.getByRole("heading", { name: "Les Lilas", level: 1 }).waitFor();
    await visitorPage.getByText("Café-rencontre samedi à 10 h").waitFor();
    expect(await visitorPage.getByText("rez-de-chaussée").count()).toBe(0);
    expect(visitorPage.url()).toBe(`${server.url}/n/lilas`);
    await shot(visitorPage, "32b-network-page-visitor");
    await visitorContext.close();
    expect(failures).toEqual([]);
    await context.close();
  });

  it("lets an animator post in the network's name, and delete an announcement", async () => {
    const context = await browser.newContext(desktop);
    const page = await logIn(context, "paul");
    await page.getByRole("button", { name: "Donner des nouvelles" }).click();
    await page.getByLabel(/^Votre nouvelle/).fill("Bienvenue aux nouveaux voisins du bâtiment C !");
    await page.getByLabel("Partenaires : aussi les réseaux partenaires").check();
    await page.getByLabel("Publier au nom du réseau").check();
    await shot(page, "33-announcement-form-animator");
    await page.getByRole("button", { name: "Publier la nouvelle" }).click();
    const welcome = announcement(page, "Bienvenue aux nouveaux voisins");
    await welcome.getByRole("heading", { name: "Les Lilas (le réseau)" }).waitFor();
    await welcome.locator(".badge", { hasText: "Partenaires" }).waitFor();
    await welcome.getByText("publiée par @paul").waitFor();
    await shot(page, "34-network-home-desktop");

    // An animator may delete any announcement of the network (after confirming).
    const key = announcement(page, "La clé de la salle commune");
    await key.getByRole("button", { name: /^Supprimer/ }).click();
    await page.getByText("La nouvelle est supprimée.").waitFor();
    expect(await announcement(page, "La clé de la salle commune").count()).toBe(0);
    await context.close();
  });

  it("asks a partnership between two networks and accepts it from the other one", async () => {
    const paulContext = await browser.newContext(phone);
    const paul = await logIn(paulContext, "paul");
    await paul.getByRole("link", { name: /Partenariats et abonnés/ }).click();
    await paul.getByRole("heading", { name: "Partenariats — Les Lilas" }).waitFor();
    await paul.getByText("Pas encore de partenaire.").waitFor();

    // A network that does not exist: the problem shows next to the field.
    await paul.getByLabel(/^Réseau à inviter/).fill("les-peupliers");
    await paul.getByRole("button", { name: "Envoyer la demande" }).click();
    await paul.locator("#partnership-partner-error").waitFor();
    await shot(paul, "35-partnership-error");

    await paul.getByLabel(/^Réseau à inviter/).fill("tilleuls");
    await paul.getByLabel(/^Message pour ses animateurs/).fill("Bonjour, partageons nos annonces de quartier !");
    await paul.getByRole("button", { name: "Envoyer la demande" }).click();
    await paul.getByText("La demande est envoyée à Les Tilleuls.").waitFor();
    const sent = paul.locator("section", { has: paul.getByRole("heading", { name: "Demandes envoyées" }) });
    await sent.getByText("En attente de leur réponse").waitFor();
    await expectNoHorizontalScroll(paul);
    await shot(paul, "36-partnership-sent");

    const nadiaContext = await browser.newContext(phone);
    const nadia = await logIn(nadiaContext, "nadia");
    await nadia.goto(`${server.url}/n/tilleuls/partners`);
    const incoming = nadia.locator("section", { has: nadia.getByRole("heading", { name: "Demandes reçues" }) });
    await incoming.getByText("Les voisines et voisins de la rue des Lilas").waitFor();
    await incoming.getByText("Bonjour, partageons nos annonces de quartier !").waitFor();
    await expectNoHorizontalScroll(nadia);
    await shot(nadia, "37-partnership-incoming");
    await incoming.getByRole("button", { name: "Accepter la demande de Les Lilas" }).click();
    await nadia.getByText("Les Lilas est maintenant partenaire de votre réseau.").waitFor();
    const active = nadia.locator("section", { has: nadia.getByRole("heading", { name: "Partenaires actuels" }) });
    await active.getByRole("link", { name: "Les Lilas" }).waitFor();
    await shot(nadia, "38-partnership-active");

    // Both network pages list the partner.
    await nadia.goto(`${server.url}/n/tilleuls`);
    const partners = nadia.locator("section", { has: nadia.getByRole("heading", { name: "Réseaux partenaires" }) });
    await partners.getByRole("link", { name: "Les Lilas" }).waitFor();
    await paul.goto(`${server.url}/n/lilas`);
    await paul.locator("section", { has: paul.getByRole("heading", { name: "Réseaux partenaires" }) })
      .getByRole("link", { name: "Les Tilleuls" }).waitFor();
    await shot(paul, "39-network-home-partners");

    // Paul ends it (after confirming); it moves to the past ones on both sides.
    await paul.goto(`${server.url}/n/lilas/partners`);
    await paul.getByRole("button", { name: "Mettre fin au partenariat avec Les Tilleuls" }).click();
    await paul.getByText("Le partenariat avec Les Tilleuls est terminé.").waitFor();
    await paul.locator("section", { has: paul.getByRole("heading", { name: "Partenariats terminés ou refusés" }) })
      .getByText("Terminé", { exact: true }).waitFor();
    await paulContext.close();
    await nadiaContext.close();
  });

  it("lets the instance admin block and unblock a domain", async () => {
    const context = await browser.newContext(phone);
    const page = await logIn(context, "camille", adminPassword);
    await page.goto(`${server.url}/admin/networks`);
    await page.getByRole("link", { name: /Fédération : domaines bloqués/ }).click();
    await page.getByRole("heading", { name: "Fédération de l'instance" }).waitFor();
    await page.getByText("Aucun domaine bloqué.").waitFor();

    await page.getByRole("textbox", { name: /^Domaine/ }).fill("pas un domaine");
    await page.getByRole("button", { name: "Bloquer ce domaine" }).click();
    await page.locator("#block-host-error").waitFor();
    await shot(page, "43-domain-block-error");

    await page.getByRole("textbox", { name: /^Domaine/ }).fill("spam.example");
    await page.getByLabel(/^Raison/).fill("Messages publicitaires");
    await page.getByRole("button", { name: "Bloquer ce domaine" }).click();
    await page.getByText("spam.example est bloqué.").waitFor();
    const list = page.locator("section", { has: page.getByRole("heading", { name: "Domaines bloqués" }) });
    await list.getByText("Messages publicitaires").waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "44-domain-blocks");

    await list.getByRole("button", { name: "Débloquer spam.example" }).click();
    await page.getByText("spam.example n'est plus bloqué.").waitFor();
    await page.getByText("Aucun domaine bloqué.").waitFor();
    const blocks = await page.evaluate(async () => (await fetch("/api/admin/domain-blocks")).json());
    expect(blocks.blocks).toEqual([]);
    // Below, the deliveries to other servers, per server.
    await page.getByRole("heading", { name: "Envois vers les autres serveurs" }).waitFor();
    await context.close();
  });
});
