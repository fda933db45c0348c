// Serves uploaded files at /media/{id}/{name} to those who may read them.
import type { Hono } from "hono";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Media, Member } from "../../db/schema/index.ts";
import { findMedia, mayReadMedia } from "../domain/media.ts";
import { mediaFilesIn } from "../media/files.ts";
import { sessionMiddleware } from "./auth.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { failureResponse } from "./errors.ts";

/** Whether a request from another instance may read a partners-only file (e.g. a signed fetch by a partner). */
export type PartnerMediaReader = (request: Request, media: Media, deps: AppDeps, viewer: Member | null) => Promise<boolean>;


const inline = /^(image\/|application\/pdf$|text\/plain)/;

/** Members are checked here; `partnerReader` decides for partner instances and partner networks' members. */
export function mountMedia(app: Hono<AppEnv>, partnerReader: PartnerMediaReader): void {
  app.use("/media/*", sessionMiddleware);
  app.get("/media/:id/:name?", async (c) => {
    const { db, config } = c.var.deps;
    const media = await findMedia(db, c.req.param("id"));
    const viewer = c.var.session?.member ?? null;
    const allowed =
      media !== undefined &&
      ((await mayReadMedia(db, viewer, media)) || (media.visibility === "partners" && media.ownerId !== null && (await partnerReader(c.req.raw, media, c.var.deps, viewer))));
    const path = allowed ? mediaFilesIn(config.dataDir).path(media.id) : "";
    if (!allowed || !(await stat(path).catch(() => null))) {
      return failureResponse(c, { kind: "not_found", code: "media_not_found", message: "No such file" });
    }
    const etag = `"${media.sha256}"`;
    const headers = {
      "content-type": media.contentType,
      "x-content-type-options": "nosniff",
      "content-disposition": `${inline.test(media.contentType) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(media.name)}`,
      // A file never changes under its id; only public ones may sit in shared caches.
      "cache-control": media.visibility === "public" && media.ownerId ? "public, max-age=31536000, immutable" : "private, max-age=3600",
      etag,
    };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    const stream = Readable.toWeb(createReadStream(path)) as ReadableStream;
    return c.body(stream, 200, { ...headers, "content-length": String(media.size) });
  });
}
