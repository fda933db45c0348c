// Serves the built web UI; every other non-API GET gets index.html so that
// the client-side router can show the page.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "./context.ts";

export function mountWeb(app: Hono<AppEnv>, webDist: string) {
  const indexFile = join(webDist, "index.html");
  if (existsSync(webDist)) {
    const root = relative(process.cwd(), webDist);
    // Sent as built: brotli or gzip copies made by the build (web/precompress.ts).
    app.use("/assets/*", serveStatic({ root, precompressed: true, onFound: (_, c) => {
      // Vite puts a content hash in asset names: they never change.
      c.header("Cache-Control", "public, max-age=31536000, immutable");
    } }));
    app.use("/favicon.svg", serveStatic({ root }));
  }
  app.get("*", (c) => {
    if (!existsSync(indexFile)) {
      return c.text("The web UI is not built yet: run `npm run build` (npm start does it for you).", 503);
    }
    c.header("Cache-Control", "no-cache");
    return c.html(readFileSync(indexFile, "utf8"));
  });
}
