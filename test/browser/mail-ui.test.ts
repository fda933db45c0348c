// Email in the browser, on a phone, with a real server whose worker sends to
// an SMTP server in this process: a member gives her address and confirms it
// from the email; later she forgets her password, asks for a link, follows it,
// chooses a new one and is logged in; an animator prints a reset code for a
// neighbour without email, who uses it. Screenshots on the way.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "../helpers/browser.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";
import { linksOf, startTestSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { apiFrom, expectNoHorizontalScroll, logInPage, phone, shot } from "./federation-support.ts";

const adminPassword = "un long mot de passe pour camille";
let server: ServerProcess;
let browser: Browser;
let smtp: TestSmtp;
const failures: string[] = [];

const cli = async (args: string[]) => {
  const result = await server.cli(args);
  if (result.code !== 0) throw new Error(`maillage ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
};

async function signUp(role: string, handle: string, displayName: string) {
  const out = await cli(["invite", "create", "--network", "lilas", "--role", role]);
  const code = /URL:\s+\S+\/invitation\/(\S+)/.exec(out)?.[1];
  const response = await fetch(`${server.url}/api/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, acceptPrinciples: true, handle, displayName, password: `${handle} aime son quartier`, locale: "fr" }),
  });
  expect(response.status).toBe(201);
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  page.on("pageerror", (error) => failures.push(error.message));
  page.on("dialog", (dialog) => void dialog.accept());
  return page;
}

/** The first link of the newest email to `to` whose path starts with `path`. */
async function linkFrom(to: string, subject: string, path: string): Promise<string> {
  const until = Date.now() + 20_000;
  for (;;) {
    const mail = smtp.to(to).filter((m) => m.mail.subject === subject).at(-1);
    const link = mail && linksOf(mail).find((l) => new URL(l).pathname.startsWith(path));
    if (link) return link;
    if (Date.now() > until) throw new Error(`no "${subject}" email to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!browserAvailable)("email on a phone", () => {
  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startServer({ SMTP_URL: smtp.url, MAIL_RATE: "50" });
    browser = await launchBrowser();
    await cli(["setup", "--handle", "camille", "--name", "Camille Martin", "--password", adminPassword]);
    await cli(["network", "create", "lilas", "--name", "Les Lilas", "--area", "Quartier des Lilas, Nantes"]);
    await signUp("animator", "paul", "Paul Girard");
    await signUp("member", "rose", "Rose Lambert");
    await signUp("member", "marc", "Marc Petit");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("an address is confirmed from the email, then a forgotten password is reset by email", async () => {
    const rose = await logInPage(await newPage(), server.url, "rose");
    await rose.goto(`${server.url}/me/email`);
    await rose.getByRole("heading", { name: "Courriels", level: 1 }).waitFor();
    await rose.getByRole("textbox", { name: /^Adresse électronique/ }).fill("rose@example.org");
    await rose.getByRole("button", { name: "Enregistrer l'adresse" }).click();
    await rose.getByText("En attente de confirmation : rose@example.org").waitFor();
    await expectNoHorizontalScroll(rose);
    await shot(rose, "mail-address-pending");
    const confirm = await linkFrom("rose@example.org", "Confirmer votre adresse", "/email/confirm/");
    expect(confirm.startsWith(server.url)).toBe(true);
    await rose.goto(confirm);
    await rose.getByRole("button", { name: "Confirmer mon adresse" }).click();
    await rose.getByText("Maillage écrira désormais à rose@example.org").waitFor();
    await shot(rose, "mail-address-confirmed");
    // Her choices, kind by kind.
    await rose.goto(`${server.url}/me/email`);
    await rose.getByText("Adresse utilisée : rose@example.org").waitFor();
    await rose.getByLabel("Rendez-vous changés ou annulés").selectOption("daily");
    await rose.getByRole("button", { name: "Enregistrer mes choix" }).click();
    await rose.getByText("Choix enregistrés.").waitFor();
    await shot(rose, "mail-preferences");
    expect(((await apiFrom(rose, "GET", "/me/email")).json as { preferences: { events: string } }).preferences.events).toBe("daily");

    // Later, on another phone, she has forgotten her password.
    const lost = await newPage();
    await lost.goto(`${server.url}/login`);
    await lost.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await lost.getByLabel("Identifiant ou adresse électronique").fill("rose");
    await lost.getByRole("button", { name: "Recevoir un lien" }).click();
    await lost.getByText(/un lien vient d'y partir/).waitFor();
    await shot(lost, "mail-forgot-sent");
    const reset = await linkFrom("rose@example.org", "Choisir un nouveau mot de passe", "/reset/");
    await lost.goto(reset);
    await lost.getByLabel("Nouveau mot de passe").fill("les lilas en fleurs");
    await lost.getByLabel("Le même, encore une fois").fill("les lilas en fleurs");
    await shot(lost, "mail-reset-form");
    await lost.getByRole("button", { name: "Enregistrer et me connecter" }).click();
    await lost.waitForURL(/\/n\/lilas$/);
    expect(((await apiFrom(lost, "GET", "/session")).json as { member: { handle: string } }).member.handle).toBe("rose");
    // Her first phone's session is closed.
    expect((await apiFrom(rose, "GET", "/session")).status).toBe(401);
    await shot(lost, "mail-reset-logged-in");
  });

  it("an animator prints a reset code that a neighbour without email uses", async () => {
    const paul = await logInPage(await newPage(), server.url, "paul");
    await paul.goto(`${server.url}/n/lilas/members`);
    await paul.getByRole("button", { name: "Code de mot de passe — Marc Petit" }).click();
    const code = (await paul.getByTestId("reset-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expectNoHorizontalScroll(paul);
    await shot(paul, "mail-reset-code");
    const marc = await newPage();
    await marc.goto(`${server.url}/login/forgot`);
    await marc.getByRole("link", { name: "J'ai un code" }).click();
    await marc.getByLabel(/^Code remis/).fill(code.toLowerCase());
    await marc.getByLabel("Nouveau mot de passe").fill("marc a un nouveau mot");
    await marc.getByLabel("Le même, encore une fois").fill("marc a un nouveau mot");
    await marc.getByRole("button", { name: "Enregistrer et me connecter" }).click();
    await marc.waitForURL(/\/n\/lilas$/);
    await shot(marc, "mail-code-logged-in");
  });

  it("an animator composes a newsletter with the network's blocks, previews it, tests it and sends it", async () => {
    const paul = await logInPage(await newPage(), server.url, "paul");
    expect((await apiFrom(paul, "PUT", "/me/email", { email: "paul@example.org" })).status).toBe(200);
    const confirm = await linkFrom("paul@example.org", "Confirmer votre adresse", "/email/confirm/");
    expect((await apiFrom(paul, "POST", `/email-confirmations/${confirm.split("/").pop()}`)).status).toBe(200);
    await paul.goto(`${server.url}/n/lilas/animation`);
    await paul.getByRole("link", { name: /Lettre d'information/ }).click();
    await paul.getByRole("heading", { name: "Lettre d'information", level: 1 }).waitFor();
    await paul.getByLabel("Objet").fill("La lettre de décembre");
    await paul.getByLabel("Texte").fill("Bonjour à toutes et à tous !");
    await paul.getByRole("button", { name: "Prochains rendez-vous" }).click();
    await paul.getByRole("button", { name: "Échanges du mois" }).click();
    await expectNoHorizontalScroll(paul);
    await shot(paul, "newsletter-compose");
    await paul.getByRole("button", { name: "Enregistrer et prévisualiser" }).click();
    const preview = paul.getByTestId("newsletter-preview");
    await preview.getByText("Prochains rendez-vous").waitFor();
    await preview.getByText("Les Lilas").first().waitFor();
    await shot(paul, "newsletter-preview");
    await paul.getByRole("button", { name: "M'envoyer un essai" }).click();
    await paul.getByText("Un essai est parti à paul@example.org.").waitFor();
    const test = await linkFrom("paul@example.org", "[Essai] La lettre de décembre", "/me/email");
    expect(test).toContain("/me/email");
    await paul.getByRole("button", { name: "Envoyer à tous les membres" }).click();
    await paul.getByText(/Envoi lancé à \d+ membre/).waitFor();
    await shot(paul, "newsletter-sent");
    // Rose (confirmed address) receives it; the archive lists it.
    await linkFrom("rose@example.org", "La lettre de décembre", "/me/email");
    const rose = smtp.to("rose@example.org").find((m) => m.mail.subject === "La lettre de décembre")!;
    expect(rose.mail.html).toContain("Prochains rendez-vous");
    expect(rose.mail.text).toContain("échange");
    await paul.getByRole("link", { name: "La lettre de décembre" }).click();
    await paul.getByRole("heading", { name: "La lettre de décembre", level: 1 }).waitFor();
    await shot(paul, "newsletter-archived");
    expect(failures).toEqual([]);
  });
});
