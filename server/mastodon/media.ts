// POST /api/v2/media (and v1), PUT /api/v1/media/:id: photos for a status, in
// the member's (first) network, through the web app's own upload use-case.
import { describeMedia, findMedia, mediaView, uploadMedia, type MediaView } from "../domain/media.ts";
import { mediaFilesIn } from "../media/files.ts";
import { mediaEntity } from "./entities/status.ts";
import { fromFailure, invalid, mastodonRouter, notFound, params, scope, text, userOf, type MastodonContext } from "./http.ts";
import { networksOf } from "./timelines/collect.ts";

const entity = (m: MediaView) => mediaEntity(m);

async function upload(c: MastodonContext) {
  const member = userOf(c);
  const { db, config } = c.var.deps;
  const form = await c.req.parseBody().catch(() => {
    throw invalid("file: send the file as multipart/form-data");
  });
  const file = form.file;
  if (!(file instanceof File)) throw invalid("file is missing");
  const [network] = await networksOf(db, member);
  if (!network) throw invalid("You belong to no network to post in");
  const actor = { member, by: member };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const uploaded = await uploadMedia(db, mediaFilesIn(config.dataDir), actor, network.slug, { bytes, name: file.name || "photo" }, "photo", config.publicUrl.origin);
  if (!uploaded.ok) throw fromFailure(uploaded.error);
  const description = typeof form.description === "string" ? form.description : "";
  if (!description) return c.json(entity(uploaded.value), 200);
  const described = await describeMedia(db, actor, uploaded.value.id, description, config.publicUrl.origin);
  if (!described.ok) throw fromFailure(described.error);
  return c.json(entity(described.value), 200);
}

export function mediaRoutes() {
  const app = mastodonRouter();
  app.post("/api/v2/media", scope("write:media"), upload);
  app.post("/api/v1/media", scope("write:media"), upload);
  app.get("/api/v1/media/:id", scope("write:media"), async (c) => {
    const member = userOf(c);
    const media = await findMedia(c.var.deps.db, c.req.param("id")).catch(() => undefined);
    if (!media || media.uploaderId !== member.id) throw notFound();
    return c.json(entity(mediaView(c.var.deps.config.publicUrl.origin, media)));
  });
  app.put("/api/v1/media/:id", scope("write:media"), async (c) => {
    const member = userOf(c);
    const description = text(await params(c), "description") ?? "";
    const described = await describeMedia(c.var.deps.db, { member, by: member }, c.req.param("id"), description, c.var.deps.config.publicUrl.origin);
    if (!described.ok) throw fromFailure(described.error);
    return c.json(entity(described.value));
  });
  return app;
}
