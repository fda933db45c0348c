// The commons library of a network: browse and search it with what partner
// networks share, add resources, edit them (versions kept), adopt or adapt a
// partner's resource.
import { createRoute, z } from "@hono/zod-openapi";
import { licences, resourceKinds, visibilities } from "../../db/schema/index.ts";
import { adaptResource, adoptResource, dropAdoption, listAdopted } from "../domain/commons/adoption.ts";
import { getSharedResource, listLibrary, sharedFile } from "../domain/commons/library.ts";
import { fetchPartnerFile } from "../../federation/commons/files.ts";
import { partnerFileHeaders } from "../http/partner-media.ts";
import { hiddenNote } from "../domain/moderation/hidden-info.ts";
import { getResource, getVersion, listVersions } from "../domain/commons/views.ts";
import { addResource, commonsPermission, deleteResource, editResource, LIMITS, setCommonsSettings } from "../domain/commons/commons.ts";
import { currentActor, currentViewer } from "../http/auth.ts";
import { reactionsAtUrl } from "../domain/reactions/reactions.ts";
import { FailureError, unwrap } from "../http/errors.ts";
import { commonsPublishingOf } from "./commons-ports.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const IdParam = z.object({ id: z.string().max(64) });
// Lengths are checked by the use-case after trimming, naming the field.
const Words = z.array(z.string().max(200)).max(100);
const Fields = {
  title: z.string().max(1000).openapi({ example: "Animer un café-rencontre" }),
  summary: z.string().max(5000).optional(),
  body: z.string().max(LIMITS.body + 1000).optional().openapi({ description: "Markdown (raw HTML is shown as text)" }),
  tags: Words.optional(),
  themes: Words.optional(),
  authors: Words.optional(),
  licence: z.enum(licences).optional().openapi({ description: "Default CC-BY-SA-4.0" }),
  visibility: z.enum(visibilities).optional(),
  media: z.array(z.string().max(64)).max(20).optional().openapi({ description: "Ids of uploaded documents to attach" }),
};
const NewResource = z.strictObject({ kind: z.enum(resourceKinds), ...Fields });
const Changes = z.strictObject({ ...Fields, title: Fields.title.optional(), dropAttribution: z.boolean().optional() });
const Filters = z.object({
  q: z.string().max(200).optional(),
  kind: z.enum(resourceKinds).optional(),
  theme: z.string().max(60).optional(),
  licence: z.enum(licences).optional(),
  network: z.string().max(500).optional().openapi({ description: "A network's slug or Group URL" }),
  scope: z.enum(["own", "partners", "all"]).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
});
const Origin = z.string().url().max(2048).openapi({ description: "The resource's ActivityPub id (its `ref` in the library)" });

const origin = (c: { var: { deps: { config: { publicUrl: URL } } } }) => c.var.deps.config.publicUrl.origin;

export const commonsRoutes = () => {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/commons",
        summary: "The library with what partner networks share; search (French), filters; newest first, 20 a page (50 best matches for q)",
        request: { params: SlugParam, query: Filters },
        responses: { 200: ok("The items, each with its source"), 400: errors[400], 404: errors[404] },
      }),
      async (c) => {
        const { before, ...filters } = c.req.valid("query");
        const items = unwrap(
          await listLibrary(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug, origin(c), {
            ...filters,
            before: before ? new Date(before) : undefined,
          }),
        );
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/commons",
        summary: "Add a resource (animators; members when the network allows)",
        request: { params: SlugParam, ...actingFor, ...jsonBody(NewResource) },
        responses: { 201: ok("Added, version 1"), ...errors },
      }),
      async (c) => {
        const resource = unwrap(await addResource(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("json"), commonsPublishingOf(c)));
        return c.json({ resource }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/commons/settings",
        summary: "Whether plain members may add resources, and whether I (or the member I act for) may; `reason` is the code of the refusal",
        request: { params: SlugParam, ...actingFor },
        responses: { 200: ok("The setting and my permission"), ...errors },
      }),
      async (c) => {
        const settings = unwrap(await commonsPermission(c.var.deps.db, await currentActor(c), c.req.valid("param").slug));
        return c.json({ settings }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/commons/settings",
        summary: "Whether plain members may add resources (animators)",
        request: { params: SlugParam, ...jsonBody(z.strictObject({ membersMayAdd: z.boolean() })) },
        responses: { 200: ok("Saved"), ...errors },
      }),
      async (c) => {
        const settings = unwrap(await setCommonsSettings(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("json").membersMayAdd));
        return c.json({ settings }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/commons/adopted",
        summary: "The partners' resources this network adopted as references (members)",
        request: { params: SlugParam },
        responses: { 200: ok("References, with `available: false` once the original is removed"), ...errors },
      }),
      async (c) => {
        const references = unwrap(await listAdopted(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug, origin(c)));
        return c.json({ references }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/commons/adopted",
        summary: "Adopt a partner's resource as is: a reference that follows its updates (animators)",
        request: { params: SlugParam, ...actingFor, ...jsonBody(z.strictObject({ origin: Origin })) },
        responses: { 201: ok("Adopted"), ...errors, 409: ok("Already adopted") },
      }),
      async (c) => {
        const reference = unwrap(await adoptResource(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("json").origin, origin(c)));
        return c.json({ reference }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/networks/{slug}/commons/adopted",
        summary: "Drop a reference (animators)",
        request: { params: SlugParam, ...actingFor, query: z.object({ origin: Origin }) },
        responses: { 204: ok("Dropped"), ...errors },
      }),
      async (c) => {
        unwrap(await dropAdoption(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("query").origin));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/commons/adaptations",
        summary: "Adapt a partner's resource: a copy to edit, with its attribution chain and a licence the original allows (animators)",
        request: {
          params: SlugParam,
          ...actingFor,
          ...jsonBody(z.strictObject({ origin: Origin, licence: z.enum(licences).optional(), visibility: z.enum(visibilities).optional() })),
        },
        responses: { 201: ok("The adaptation, version 1"), ...errors },
      }),
      async (c) => {
        const resource = unwrap(await adaptResource(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("json"), commonsPublishingOf(c)));
        return c.json({ resource }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/commons/shared",
        summary: "A resource a remote partner network shared, by its ActivityPub id",
        request: { query: z.object({ ref: Origin }) },
        responses: { 200: ok("The resource"), 404: errors[404] },
      }),
      async (c) => {
        const resource = unwrap(await getSharedResource(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("query").ref));
        return c.json({ resource }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/commons/shared/file",
        summary: "A file of a partner's resource, fetched for the viewer by this instance (signed, so partner-only files come too)",
        request: { query: z.object({ ref: Origin, url: Origin }) },
        responses: { 200: ok("The file"), 404: errors[404] },
      }),
      async (c) => {
        const { ref, url } = c.req.valid("query");
        const { db, federation, config } = c.var.deps;
        unwrap(await sharedFile(db, c.var.session?.member ?? null, ref, url));
        const upstream = federation ? await fetchPartnerFile(federation, config.publicUrl, db, url) : null;
        if (!upstream?.body) throw new FailureError({ kind: "not_found", code: "media_not_found", message: "This file cannot be fetched now" });
        return c.body(upstream.body, 200, partnerFileHeaders(upstream, url));
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/resources/{id}",
        summary: "One resource, latest version (404 when the viewer may not see it)",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("The resource"), 404: errors[404] },
      }),
      async (c) => {
        const viewer = await currentViewer(c);
        const resource = unwrap(await getResource(c.var.deps.db, viewer, c.req.valid("param").id, origin(c)));
        // Likes, boosts and replies from elsewhere, as announcements show them.
        return c.json({ resource, reactions: await reactionsAtUrl(c.var.deps.db, viewer, origin(c), resource.url), ...(await hiddenNote(c.var.deps.db, "resource", resource.id)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/resources/{id}",
        summary: "Edit a resource (its author or an animator): a new version; Update federates",
        request: { params: IdParam, ...actingFor, ...patchBody(Changes) },
        responses: { 200: ok("Edited"), ...errors },
      }),
      async (c) => {
        const resource = unwrap(await editResource(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json"), commonsPublishingOf(c)));
        return c.json({ resource }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/resources/{id}",
        summary: "Remove a resource; Delete federates",
        request: { params: IdParam, ...actingFor },
        responses: { 204: ok("Removed"), ...errors },
      }),
      async (c) => {
        unwrap(await deleteResource(c.var.deps.db, await currentActor(c), c.req.valid("param").id, commonsPublishingOf(c)));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/resources/{id}/versions",
        summary: "The history of a resource, newest first",
        request: { params: IdParam },
        responses: { 200: ok("Versions"), 404: errors[404] },
      }),
      async (c) => {
        const versions = unwrap(await listVersions(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").id, origin(c)));
        return c.json({ versions }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/resources/{id}/versions/{number}",
        summary: "An earlier version of a resource",
        request: { params: IdParam.extend({ number: z.coerce.number().int().min(1).max(1_000_000) }) },
        responses: { 200: ok("The version"), 404: errors[404] },
      }),
      async (c) => {
        const { id, number } = c.req.valid("param");
        const version = unwrap(await getVersion(c.var.deps.db, c.var.session?.member ?? null, id, number, origin(c)));
        return c.json({ version }, 200);
      },
    );
};
