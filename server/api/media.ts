// Uploads: a photo or a document goes up first, then its id is attached to
// the offer, event or resource being written (see server/domain/media.ts).
import { createRoute, z } from "@hono/zod-openapi";
import { mediaPurposes } from "../../db/schema/index.ts";
import { describeMedia, MAX_DESCRIPTION, uploadMedia } from "../domain/media.ts";
import { fail } from "../domain/result.ts";
import { currentActor } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { mediaFilesIn } from "../media/files.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const Upload = z.object({
  file: z.any().optional().openapi({ type: "string", format: "binary", description: "The file" }),
  purpose: z.enum(mediaPurposes).optional().openapi({ description: "photo (default): re-encoded, metadata stripped; document: kept as is" }),
});

export const mediaRoutes = () =>
  newRouter().openapi(
    createRoute({
      method: "post",
      path: "/networks/{slug}/media",
      summary: "Upload a photo (10 MiB) or a document (20 MiB), checked by content; attach its id within a day",
      request: {
        params: SlugParam,
        headers: z.object({ "x-acting-for": z.string().optional() }),
        body: { content: { "multipart/form-data": { schema: Upload } }, required: true },
      },
      responses: { 201: ok("Uploaded: { media: { id, url, contentType, size, name, width, height } }"), 413: ok("Too large"), ...errors },
    }),
    async (c) => {
      const actor = await currentActor(c);
      const { file, purpose } = c.req.valid("form");
      if (!(file instanceof File)) unwrap(fail("invalid", "file_missing", "Choose a file to upload", "file"));
      const { config, db } = c.var.deps;
      const bytes = new Uint8Array(await (file as File).arrayBuffer());
      const media = unwrap(
        await uploadMedia(db, mediaFilesIn(config.dataDir), actor, c.req.valid("param").slug, { bytes, name: (file as File).name }, purpose ?? "photo", config.publicUrl.origin),
      );
      return c.json({ media }, 201);
    },
  )
    .openapi(
      createRoute({
        method: "patch",
        path: "/media/{id}",
        summary: "Describe a photo (alt text for those who cannot see it); by its uploader",
        request: {
          params: z.object({ id: z.string().max(64) }),
          headers: z.object({ "x-acting-for": z.string().optional() }),
          ...jsonBody(z.object({ description: z.string().openapi({ description: `At most ${MAX_DESCRIPTION} characters` }) })),
        },
        responses: { 200: ok("{ media }"), ...errors },
      }),
      async (c) => {
        const { db, config } = c.var.deps;
        const media = unwrap(await describeMedia(db, await currentActor(c), c.req.valid("param").id, c.req.valid("json").description, config.publicUrl.origin));
        return c.json({ media }, 200);
      },
    );
