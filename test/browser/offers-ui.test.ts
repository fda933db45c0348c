// Offers in headless Chromium against a real server: Rose posts an offer with
// a photo (on a phone), finds it by searching with a misspelled accent; Paul
// says « ça m'intéresse » with a word; Rose, notified, agrees with him and
// marks the exchange done; both see who took part. Screenshots on the way.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import { desktop, expectNoHorizontalScroll, phone, shot, startInstance, type Instance } from "./federation-support.ts";

let instance: Instance;

describe.skipIf(!browserAvailable)("offers in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
  });
  afterAll(async () => {
    await instance?.stop();
  });

  it("post with a photo, find it with a misspelled accent, respond, agree, mark done", async () => {
    const photo = join(mkdtempSync(join(tmpdir(), "maillage-offer-")), "velo.jpg");
    writeFileSync(photo, await sharp({ create: { width: 640, height: 480, channels: 3, background: "#2a7" } }).jpeg().toBuffer());
    const failures: string[] = [];

    // Rose, on her phone, offers her child's bike.
    const rose = await instance.logIn(await instance.browser.newContext(phone), "rose");
    rose.on("pageerror", (error) => failures.push(error.message));
    await rose.getByRole("heading", { name: "Offres et demandes" }).first().waitFor();
    await rose.getByRole("link", { name: "Voir toutes les offres et demandes" }).click();
    await rose.getByText("Aucune offre ni demande pour l'instant.").waitFor();
    await shot(rose, "59-offers-empty");
    await rose.getByRole("button", { name: "Je propose" }).click();
    const form = rose.locator("form.offer-form");
    // Without a title, the form says so next to the field.
    await form.getByRole("button", { name: "Publier" }).click();
    await rose.locator("#offer-title-error").waitFor();
    await form.getByLabel(/^Titre/).fill("Vélo d'enfant à donner");
    await form.getByLabel(/^Thème/).selectOption("don");
    await form.getByLabel(/^Détails/).fill("Un vélo 16 pouces, avec petites roues. Il attend un nouveau cycliste !");
    await form.getByLabel(/^Disponibilités/).fill("Le soir après 18 h");
    await form.getByLabel(/^Lieu approximatif/).fill("12 rue des Lilas");
    await rose.locator("#offer-photo").setInputFiles(photo);
    await rose.locator(".media-picker__preview").waitFor();
    await form.getByRole("button", { name: "Publier" }).click();
    // An exact address is refused, naming the field.
    await rose.locator("#offer-place-error", { hasText: "jamais une adresse exacte" }).waitFor();
    await form.getByLabel(/^Lieu approximatif/).fill("Rue des Lilas, côté square");
    await expectNoHorizontalScroll(rose);
    await shot(rose, "60-offer-form");
    await form.getByRole("button", { name: "Publier" }).click();
    await rose.getByRole("heading", { level: 1, name: "Vélo d'enfant à donner" }).waitFor();
    await rose.locator("img.offer__photo").waitFor();
    expect(await rose.locator(".offer-status").textContent()).toBe("Ouverte");
    await expectNoHorizontalScroll(rose);
    await shot(rose, "61-offer-posted");

    // Paul looks for a bike, typing the accent the wrong way.
    const paul = await instance.logIn(await instance.browser.newContext(desktop), "paul");
    paul.on("pageerror", (error) => failures.push(error.message));
    await paul.goto(`${instance.server.url}/n/lilas/offers`);
    await paul.getByLabel(/^Rechercher/).fill("vèlo");
    await paul.getByRole("button", { name: "Chercher" }).click();
    await paul.locator("article.offer-card", { hasText: "Vélo d'enfant à donner" }).waitFor();
    expect(await paul.locator("article.offer-card").count()).toBe(1);
    await shot(paul, "62-offer-search");
    await paul.getByRole("link", { name: "Vélo d'enfant à donner" }).click();
    await paul.getByLabel(/^Un mot pour Rose Lambert/).fill("Bonjour Rose, pour ma fille : je peux passer jeudi soir ?");
    await paul.getByRole("button", { name: "Ça m'intéresse" }).click();
    await paul.getByRole("heading", { name: "Ma conversation avec Rose Lambert" }).waitFor();
    await shot(paul, "63-offer-interested");

    // Rose sees the notification, agrees with Paul, then marks it done.
    await rose.goto(`${instance.server.url}/me/notifications`);
    await rose.getByRole("link", { name: "Paul Girard est intéressé·e par « Vélo d'enfant à donner »" }).click();
    await rose.getByRole("heading", { name: "Conversation avec Paul Girard" }).waitFor();
    await rose.getByText("je peux passer jeudi soir ?").waitFor();
    await rose.getByLabel(/^Répondre/).fill("Avec plaisir, à jeudi !");
    await rose.getByRole("button", { name: "Envoyer" }).click();
    await rose.getByText("Avec plaisir, à jeudi !").waitFor();
    await rose.getByRole("button", { name: "Se mettre d'accord avec Paul Girard" }).click();
    await rose.locator(".offer-status", { hasText: "Accord trouvé" }).waitFor();
    await shot(rose, "64-offer-agreed");
    await rose.getByRole("button", { name: "L'échange a eu lieu" }).click();
    await rose.locator(".offer-status", { hasText: "Échange réalisé" }).waitFor();
    await rose.getByText("Ont participé : Rose Lambert, Paul Girard").waitFor(); // the author first
    await rose.getByLabel(/^Dire merci à Paul Girard/).fill("Merci Paul, bonne route à ta fille !");
    await rose.getByRole("button", { name: "Envoyer le merci" }).click();
    await rose.getByText("« Merci Paul, bonne route à ta fille ! »").waitFor();
    await expectNoHorizontalScroll(rose);
    await shot(rose, "65-offer-done");

    // Paul's profile counts the exchange; the offer has left the list of open ones.
    await paul.goto(`${instance.server.url}/me`);
    await paul.getByText("A participé à 1 échange.").waitFor();
    await paul.goto(`${instance.server.url}/n/lilas/offers`);
    await paul.getByText("Aucune offre ni demande pour l'instant.").waitFor();
    expect(failures).toEqual([]);
  });
});
