// The commons in Chromium: an animator of Les Lilas adds a fiche with a PDF;
// an animator of Les Tilleuls, a partner network, finds it by searching
// their library and adapts it; the adaptation shows where it comes from.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import { apiFrom, desktop, expectNoHorizontalScroll, phone, shot, startInstance, type Instance } from "./federation-support.ts";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
let instance: Instance;

describe.skipIf(!browserAvailable)("the commons library in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
  });
  afterAll(async () => {
    await instance?.stop();
  });

  let paul: Page; // animator of lilas
  let nadia: Page; // animator of tilleuls

  it("makes Les Lilas and Les Tilleuls partners", async () => {
    paul = await instance.logIn(await instance.browser.newContext(phone), "paul");
    nadia = await instance.logIn(await instance.browser.newContext(desktop), "nadia");
    expect((await apiFrom(paul, "POST", "/networks/lilas/partnerships", { partner: "tilleuls" })).status).toBe(201);
    const { json } = await apiFrom(nadia, "GET", "/networks/tilleuls/partnerships");
    const id = (json as { partnerships: { id: string }[] }).partnerships[0].id;
    expect((await apiFrom(nadia, "POST", `/networks/tilleuls/partnerships/${id}/accept`)).status).toBe(200);
  });

  it("lets an animator add a fiche with a PDF, on a phone", async () => {
    const failures: string[] = [];
    paul.on("pageerror", (error) => failures.push(error.message));
    await paul.goto(`${instance.server.url}/n/lilas`);
    await paul.getByRole("link", { name: "Bibliothèque des communs" }).click();
    await paul.getByRole("heading", { name: "Bibliothèque des communs" }).waitFor();
    await paul.getByRole("button", { name: "Ajouter une ressource" }).click();
    // A fiche needs a title: the error sits next to the field.
    await paul.getByRole("button", { name: "Ajouter à la bibliothèque" }).click();
    await paul.locator("#resource-title-error").waitFor();
    await paul.getByLabel(/^Titre/).fill("Animer un café-rencontre");
    await paul.getByLabel(/^Résumé/).fill("Accueillir, écouter, relier les voisins");
    await paul.getByLabel(/^Contenu/).fill("## Avant\n\nPréparer le **café** et les chaises.\n\n<script>alert('non')</script>");
    await paul.getByLabel(/^Auteurs/).fill("Paul Girard");
    await paul.locator("#resource-media").setInputFiles({ name: "cafe-rencontre.pdf", mimeType: "application/pdf", buffer: pdf });
    await paul.getByRole("button", { name: "Retirer cafe-rencontre.pdf" }).waitFor();
    expect(await paul.getByLabel(/^Partenaires/).isChecked()).toBe(true);
    await expectNoHorizontalScroll(paul);
    await shot(paul, "60-commons-add-fiche");
    await paul.getByRole("button", { name: "Ajouter à la bibliothèque" }).click();
    await paul.getByText("La ressource est ajoutée à la bibliothèque.").waitFor();
    await paul.getByRole("heading", { name: "Animer un café-rencontre", level: 1 }).waitFor();
    await paul.getByRole("heading", { name: "Avant" }).waitFor();
    await paul.getByText("<script>alert('non')</script>").waitFor(); // shown as text, never run
    await paul.getByRole("link", { name: /cafe-rencontre\.pdf/ }).waitFor();
    await paul.getByRole("link", { name: "Licence : CC BY-SA 4.0" }).waitFor();
    await expectNoHorizontalScroll(paul);
    await shot(paul, "61-commons-fiche");
    expect(failures).toEqual([]);
  });

  it("lets a partner network find it by searching, and adapt it with the attribution to Les Lilas", async () => {
    await nadia.goto(`${instance.server.url}/n/tilleuls`);
    await nadia.getByRole("heading", { name: "Ce que partagent les réseaux partenaires" }).waitFor();
    await nadia.goto(`${instance.server.url}/n/tilleuls/commons`);
    await nadia.getByLabel("Mots à chercher").fill("cafes voisin");
    await nadia.getByRole("button", { name: "Rechercher", exact: true }).click();
    const item = nadia.locator(".resource-item", { hasText: "Animer un café-rencontre" });
    await item.getByText("De : Les Lilas").waitFor();
    await shot(nadia, "62-commons-partner-search");
    await item.getByRole("link", { name: "Animer un café-rencontre" }).click();
    await nadia.getByRole("link", { name: /cafe-rencontre\.pdf/ }).waitFor();
    await nadia.getByRole("button", { name: "Adapter pour notre réseau" }).click();
    await nadia.getByText("Voici votre adaptation : modifiez-la à votre guise.").waitFor();
    await nadia.getByText("Adapté de « Animer un café-rencontre » du réseau Les Lilas (Paul Girard), CC BY-SA 4.0").waitFor();
    await nadia.getByText("La licence de l'original demande de garder cette mention.").waitFor();
    expect(nadia.url()).toMatch(/\/n\/tilleuls\/r\/[0-9a-f-]{36}/);
    // A BY-SA adaptation cannot leave BY-SA: the error names the licence field.
    await nadia.getByRole("button", { name: "Modifier" }).click();
    await nadia.getByLabel(/^Titre/).fill("Café-rencontre aux Tilleuls");
    await nadia.getByLabel("Licence").selectOption("CC0-1.0");
    await nadia.getByRole("button", { name: "Enregistrer" }).click();
    await nadia.locator("#edit-licence-error", { hasText: "reste sous CC BY-SA 4.0" }).waitFor();
    await nadia.getByLabel("Licence").selectOption("CC-BY-SA-4.0");
    await nadia.getByRole("button", { name: "Enregistrer" }).click();
    await nadia.getByText("Nouvelle version enregistrée.").waitFor();
    await nadia.getByRole("heading", { name: "Café-rencontre aux Tilleuls", level: 1 }).waitFor();
    await nadia.getByRole("button", { name: /Voir la version 1/ }).click();
    await nadia.getByRole("heading", { name: "Version 1 : Animer un café-rencontre" }).waitFor();
    await shot(nadia, "63-commons-adaptation");
  });
});
