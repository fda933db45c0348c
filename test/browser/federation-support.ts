// Shared by the federation browser tests: one real server with two networks
// (Les Lilas, Les Tilleuls), an admin and three members, and Chromium.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { launchBrowser } from "../helpers/browser.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";

export const screenshots = join(import.meta.dirname, "screenshots");
export const phone = { viewport: { width: 390, height: 844 }, locale: "fr-FR" };
export const desktop = { viewport: { width: 1200, height: 900 }, locale: "fr-FR" };
export const adminPassword = "un long mot de passe pour camille";

export interface Instance {
  server: ServerProcess;
  browser: Browser;
  /** A logged-in page (dialogs are accepted); admins land on /admin/networks, members on their network. */
  logIn(context: BrowserContext, handle: string, password?: string): Promise<Page>;
  stop(): Promise<void>;
}

export async function startInstance(): Promise<Instance> {
  mkdirSync(screenshots, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  const cli = async (args: string[]) => {
    const result = await server.cli(args);
    if (result.code !== 0) throw new Error(`maillage ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
    return result.stdout;
  };
  const signUp = async (network: string, role: string, handle: string, displayName: string) => {
    const out = await cli(["invite", "create", "--network", network, "--role", role]);
    const code = /URL:\s+\S+\/invitation\/(\S+)/.exec(out)?.[1];
    const response = await fetch(`${server.url}/api/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, acceptPrinciples: true, handle, displayName, password: `${handle} aime son quartier`, locale: "fr" }),
    });
    expect(response.status).toBe(201);
  };
  await cli(["setup", "--handle", "camille", "--name", "Camille Martin", "--password", adminPassword]);
  await cli([
    "network", "create", "lilas", "--name", "Les Lilas", "--area", "Quartier des Lilas, Nantes",
    "--description", "Les voisines et voisins de la rue des Lilas : café-rencontre le premier samedi du mois.",
  ]);
  await cli([
    "network", "create", "tilleuls", "--name", "Les Tilleuls", "--area", "Résidence des Tilleuls, Rezé",
    "--description", "Les habitantes et habitants de la résidence des Tilleuls.",
  ]);
  await signUp("lilas", "animator", "paul", "Paul Girard");
  await signUp("lilas", "member", "rose", "Rose Lambert");
  await signUp("tilleuls", "animator", "nadia", "Nadia Benali");

  return {
    server,
    browser,
    async logIn(context, handle, password) {
      const page = await context.newPage();
      page.on("dialog", (dialog) => void dialog.accept());
      return logInPage(page, server.url, handle, password);
    },
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

/** Logs in through the login page; members land on their network, admins on /admin/networks. */
export async function logInPage(page: Page, url: string, handle: string, password = `${handle} aime son quartier`): Promise<Page> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/^Identifiant/).fill(handle);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/(n\/[a-z-]+|admin\/networks)$/);
  return page;
}

/** A JSON API call from the page, as its logged-in member (with the CSRF token). */
export function apiFrom(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(async ({ method, path, body }) => {
    const { csrfToken } = await (await fetch("/api/session")).json();
    const response = await fetch(`/api${path}`, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: response.status === 204 ? null : await response.json() };
  }, { method, path, body });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

export async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** The announcement (an <article>) containing this text. */
export const announcement = (page: Page, text: string) => page.locator("article.announcement", { hasText: text });
