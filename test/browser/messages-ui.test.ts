// The messages page and blocks in headless Chromium, on a phone. Messages
// arrive through the inbox (test/scenarios/messages.test.ts, test/federation/
// messages.test.ts); here the page renders a conversation served as the API
// shapes it, answers and blocks. Blocks between members are real.
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable } from "../helpers/browser.ts";
import { apiFrom, expectNoHorizontalScroll, phone, shot, startInstance, type Instance } from "./federation-support.ts";

let instance: Instance;

const LEO = { id: "https://mastodon.example/users/leo", handle: "@leo@mastodon.example", name: "Léo", url: "https://mastodon.example/@leo", iconUrl: null };
const ID = "11111111-1111-4111-8111-111111111111";
const now = new Date().toISOString();
const conversation = { id: ID, with: LEO, unread: 1, lastMessageAt: now, blocked: false, last: { outgoing: false, kind: "direct", excerpt: "Bonjour Rose, vous prêtez encore l'escabeau ?" } };
const received = [
  { id: "m1", outgoing: false, kind: "mention", body: "", html: "<p>Merci <span class=\"h-card\"><a href=\"#\">@rose</a></span> pour le coup de main !</p>", url: "https://mastodon.example/@leo/1", createdAt: now },
  { id: "m2", outgoing: false, kind: "direct", body: "", html: "<p>Bonjour Rose, vous prêtez encore l'escabeau ?</p>", url: null, createdAt: now },
];

/** Serves the member's conversations as the API would, with one from Léo on Mastodon. */
async function fakeConversations(page: Page) {
  let blocked = false;
  const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });
  await page.route("**/api/me/conversations", (route) => json(route, { unread: 1, conversations: [conversation] }));
  await page.route(`**/api/me/conversations/${ID}`, (route) => json(route, { conversation: { ...conversation, unread: 0, blocked }, messages: received }));
  await page.route(`**/api/me/conversations/${ID}/messages`, (route) => {
    const { message } = route.request().postDataJSON();
    return json(route, { message: { id: "m3", outgoing: true, kind: "direct", body: message, html: null, url: null, createdAt: new Date().toISOString() } }, 201);
  });
  await page.route("**/api/me/blocks", (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    blocked = true;
    return json(route, { block: { id: "b1", account: LEO, createdAt: now } }, 201);
  });
}

describe.skipIf(!browserAvailable)("messages and blocks in Chromium", () => {
  beforeAll(async () => {
    instance = await startInstance();
  });
  afterAll(async () => {
    await instance?.stop();
  });

  it("lists the conversations from the Menu, shows a thread with a mention, answers, blocks", async () => {
    const context = await instance.browser.newContext(phone);
    const page = await instance.logIn(context, "rose");
    await fakeConversations(page);
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Messages privés" }).click();
    await page.getByRole("heading", { name: "Messages privés" }).waitFor();
    await page.getByText("1 non lu(s)").waitFor();
    await page.getByText("vous prêtez encore l'escabeau ?").waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "60-messages");

    await page.getByRole("link", { name: "Léo" }).first().click();
    await page.getByRole("heading", { name: "Avec Léo" }).waitFor();
    const thread = page.getByRole("list", { name: "Messages de la conversation" });
    await thread.getByText("Mention").waitFor();
    await thread.getByRole("link", { name: "Voir la publication" }).waitFor();
    await page.getByLabel(/^Répondre/).fill("Oui, passez samedi matin.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await thread.getByText("Oui, passez samedi matin.").waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "61-conversation");

    await page.getByRole("button", { name: "Bloquer Léo" }).click();
    await page.getByText(/ne vous parviennent plus/).waitFor();
    expect(await page.getByRole("button", { name: "Envoyer" }).count()).toBe(0);
    await context.close();
  });

  it("a member blocks another from their offer; the profile lists and unblocks", async () => {
    const paulContext = await instance.browser.newContext(phone);
    const paul = await instance.logIn(paulContext, "paul");
    const posted = await apiFrom(paul, "POST", "/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Escabeau trois marches", visibility: "network" });
    expect(posted.status).toBe(201);
    const offer = (posted.json as { offer: { id: string } }).offer;
    await paulContext.close();

    const context = await instance.browser.newContext(phone);
    const page = await instance.logIn(context, "rose");
    await page.goto(`${instance.server.url}/n/lilas/o/${offer.id}`);
    await page.getByRole("heading", { name: "Escabeau trois marches" }).waitFor();
    await page.getByRole("button", { name: "Bloquer Paul Girard" }).click();
    await page.getByText("Paul Girard est bloqué·e.").waitFor();
    // Neither sees the other's offers any more.
    const list = await apiFrom(page, "GET", "/networks/lilas/offers?q=escabeau");
    expect((list.json as { offers: unknown[] }).offers).toEqual([]);

    await page.goto(`${instance.server.url}/me`);
    const blocks = page.getByRole("region", { name: "Personnes bloquées" });
    await blocks.getByText("Paul Girard").waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, "62-blocked-list");
    await blocks.getByRole("button", { name: "Débloquer Paul Girard" }).click();
    await blocks.getByText("Vous n'avez bloqué personne.").waitFor();
    await context.close();
  });
});
