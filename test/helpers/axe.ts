// axe-core in the page, with the app's CSP respected: the script is served
// from the app's own origin (a route of the browser context answers
// /__axe__/axe.min.js with the package's file), so `script-src 'self'` allows it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const path = "/__axe__/axe.min.js";
/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export async function serveAxe(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}${path}`, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: source }));
}

export interface Violation {
  page: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The WCAG A/AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.addScriptTag({ url: new URL(path, page.url()).href });
  const results = await page.evaluate(async (runTags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: runTags } });
  }, tags);
  const where = new URL(page.url()).pathname;
  return results.violations.map((v) => ({ page: where, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}
