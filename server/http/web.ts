// Serves the built web UI; every other non-API GET gets index.html so that
// the client-side router can show the page. Public pages get their link
// preview (title, description, OpenGraph) written into it: link cards never
// run the app's JavaScript.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { getLogger } from "@logtape/logtape";
import type { Hono } from "hono";
import { pagePreview, type PagePreview } from "../domain/previews/pages.ts";
import type { AppEnv } from "./context.ts";
import { cachedResponse, documentOf, type CachedDocument } from "./document-cache.ts";
import { DEFAULT_IMAGE, withPreview } from "./page-meta.ts";

const logger = getLogger(["maillage", "http", "previews"]);

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
    app.use(DEFAULT_IMAGE.path, serveStatic({ root, onFound: (_, c) => c.header("Cache-Control", "public, max-age=86400") }));
  }
  const shell = shellReader(indexFile);
  app.get("*", async (c) => {
    const page = shell();
    if (page === null) {
      return c.text("The web UI is not built yet: run `npm run build` (npm start does it for you).", 503);
    }
    const { db, config } = c.var.deps;
    const origin = config.publicUrl.origin;
    let preview: PagePreview | null = null;
    try {
      preview = await pagePreview(db, origin, c.req.path);
    } catch (error) {
      // The page still works without its preview (the app shows its own errors).
      logger.warning("No link preview for {path}: {error}", { path: c.req.path, error });
    }
    // Most pages have no preview: the shell as built, with its ETag (gzipped once, if large enough).
    if (!preview) return cachedResponse(page.plain, c.req.raw);
    c.header("Cache-Control", "no-cache");
    return c.html(withPreview(page.text, preview, origin));
  });
}

interface Shell {
  text: string;
  /** The shell without a preview, kept with its final headers (an ETag, a length, Vary). */
  plain: CachedDocument;
}

/** index.html, read again only when the build changed it. */
function shellReader(indexFile: string): () => Shell | null {
  let cached: { mtime: number; shell: Shell } | null = null;
  return () => {
    const mtime = statSync(indexFile, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined) return null;
    if (cached?.mtime !== mtime) {
      const text = readFileSync(indexFile, "utf8");
      cached = { mtime, shell: { text, plain: documentOf(text, { "content-type": "text/html; charset=UTF-8", "cache-control": "no-cache" }) } };
    }
    return cached.shell;
  };
}
