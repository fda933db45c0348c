// Offers and requests of a network: list and search (anyone for public ones,
// members for the others), post (members, or their sponsors with
// X-Acting-For), edit, withdraw, renew; respond, talk, agree, mark done, thank.
import { createRoute, z } from "@hono/zod-openapi";
import { offerKinds, visibilities, type OfferStatus } from "../../db/schema/index.ts";

/** Hidden offers (moderation) are listed nowhere. */
const listedStatuses = ["open", "agreed", "done", "withdrawn", "expired"] as const satisfies readonly OfferStatus[];
import { earliestExpiry, listOffers } from "../domain/offers/list.ts";
import { getOffer } from "../domain/offers/detail.ts";
import { agree, markDone, respond, sendMessage, thank } from "../domain/offers/exchanges.ts";
import { editOffer, LIMITS, postOffer, renewOffer, withdrawOffer } from "../domain/offers/offers.ts";
import { currentActor, currentViewer } from "../http/auth.ts";
import { cachedJson } from "../http/api-response-cache.ts";
import { reactionsAtUrl } from "../domain/reactions/reactions.ts";
import { unwrap } from "../http/errors.ts";
import { offerPublishingOf } from "./offer-ports.ts";
import { offerAttacher, offerPhotoReplacer } from "./offer-photos.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const IdParam = z.object({ id: z.string().max(64) });
const Day = z.string().max(10).nullable().optional().openapi({ example: "2026-12-24" });
// Lengths are checked after trimming by the use-case, which names the field.
const Fields = {
  title: z.string().max(10_000).openapi({ example: "Perceuse à prêter" }),
  body: z.string().max(100_000).optional(),
  availability: z.string().max(10_000).optional().openapi({ example: "Le week-end" }),
  availableFrom: Day,
  availableUntil: Day,
  place: z.string().max(10_000).optional().openapi({ example: "Bâtiment C" }),
};
const NewOffer = z.object({
  kind: z.enum(offerKinds),
  theme: z.string().max(64).openapi({ example: "pret-de-materiel" }),
  ...Fields,
  visibility: z.enum(visibilities).optional(),
  media: z.array(z.string().max(64)).max(4).optional().openapi({ description: "Ids of photos uploaded with POST /networks/{slug}/media" }),
});
const EditOffer = z.strictObject({
  ...Fields, title: Fields.title.optional(), theme: z.string().max(64).optional(),
  media: z.array(z.string().max(64)).max(4).optional().openapi({ description: "The photos it keeps or gains (ids); [] removes them; absent keeps them" }),
});
const ListQuery = z.object({
  q: z.string().max(200).optional(),
  theme: z.string().max(64).optional(),
  kind: z.enum(offerKinds).optional(),
  network: z.string().max(500).optional(),
  // Hidden offers (moderation) are listed nowhere.
  status: z.enum(listedStatuses).optional(),
  sort: z.enum(["recent", "relevance"]).optional(),
  cursor: z.string().max(100).optional(),
});

export const offerRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/offers",
        summary: "Open offers and requests: the network's, and for members those shared by partner and followed networks; search, filters, paging",
        request: { params: SlugParam, ...actingFor, query: ListQuery },
        responses: { 200: ok("The offers, 20 a page; pass the last one's cursor for the next page"), 400: errors[400], 404: errors[404] },
      }),
      async (c) => {
        const { origin } = c.var.deps.config.publicUrl;
        const viewer = await currentViewer(c);
        const { slug } = c.req.valid("param");
        const query = c.req.valid("query");
        // Per viewer, network and query (each parameter in its place): kept until a change commits or an offer listed expires.
        const key = ["offers", viewer?.id ?? null, slug.toLowerCase(), query.q, query.theme, query.kind, query.network, query.status, query.sort, query.cursor];
        return cachedJson(c, key, async () => {
          const result = unwrap(await listOffers(c.var.deps.db, viewer, slug, query, origin));
          return { value: result, validUntil: earliestExpiry(result.offers) };
        });
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/offers",
        summary: "Post an offer or a request (members, or a sponsor for a sponsored member)",
        request: { params: SlugParam, ...actingFor, ...jsonBody(NewOffer) },
        responses: { 201: ok(`Posted; title 1 to ${LIMITS.title} characters, text up to ${LIMITS.body}`), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const { media, ...input } = c.req.valid("json");
        const offer = unwrap(await postOffer(c.var.deps.db, actor, c.req.valid("param").slug, input, offerPublishingOf(c), offerAttacher(actor, media)));
        return c.json({ offer }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/offers/{id}",
        summary: "One offer, with the conversations the viewer takes part in (404 when the viewer may not see it)",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("The offer"), 404: errors[404] },
      }),
      async (c) => {
        const viewer = await currentViewer(c);
        const origin = c.var.deps.config.publicUrl.origin;
        const offer = unwrap(await getOffer(c.var.deps.db, viewer, c.req.valid("param").id, origin));
        // Likes and boosts from elsewhere (replies to an offer are private interests, in its conversations).
        return c.json({ offer, reactions: await reactionsAtUrl(c.var.deps.db, viewer, origin, offer.url) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/offers/{id}",
        summary: "Edit an offer (its author); Update federates. Visibility is kept.",
        request: { params: IdParam, ...actingFor, ...patchBody(EditOffer) },
        responses: { 200: ok("Edited"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const { media, ...changes } = c.req.valid("json");
        const offer = unwrap(await editOffer(c.var.deps.db, actor, c.req.valid("param").id, changes, offerPublishingOf(c), offerPhotoReplacer(actor, media)));
        return c.json({ offer }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/withdraw",
        summary: "Withdraw an offer (its author); Delete federates",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("Withdrawn"), ...errors },
      }),
      async (c) => {
        const offer = unwrap(await withdrawOffer(c.var.deps.db, await currentActor(c), c.req.valid("param").id, offerPublishingOf(c)));
        return c.json({ offer }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/renew",
        summary: "Renew an offer for another period (its author); an expired one opens again",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("Renewed"), ...errors },
      }),
      async (c) => {
        const offer = unwrap(await renewOffer(c.var.deps.db, await currentActor(c), c.req.valid("param").id, offerPublishingOf(c)));
        return c.json({ offer }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/responses",
        summary: "« Ça m'intéresse »: opens a private conversation with the author (or replies to a remote offer's author)",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ message: z.string().max(100_000).optional() })) },
        responses: { 201: ok("The offer with the conversation"), ...errors },
      }),
      async (c) => {
        const offer = unwrap(await respond(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json"), offerPublishingOf(c)));
        return c.json({ offer }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/conversations/{conversation}/messages",
        summary: "A message in a conversation (its responder or the author)",
        request: {
          params: IdParam.extend({ conversation: z.string().max(64) }),
          ...actingFor,
          ...jsonBody(z.object({ message: z.string().max(100_000) })),
        },
        responses: { 201: ok("The offer with the conversation"), ...errors },
      }),
      async (c) => {
        const { id, conversation } = c.req.valid("param");
        const offer = unwrap(await sendMessage(c.var.deps.db, await currentActor(c), id, conversation, c.req.valid("json"), offerPublishingOf(c)));
        return c.json({ offer }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/agree",
        summary: "The author agrees with one or more responders: open → agreed",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ conversations: z.array(z.string().max(64)).max(50) })) },
        responses: { 200: ok("Agreed"), ...errors },
      }),
      async (c) => {
        const offer = unwrap(await agree(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json"), offerPublishingOf(c)));
        return c.json({ offer }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/done",
        summary: "The exchange happened: agreed → done; who took part is recorded",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("Done"), ...errors },
      }),
      async (c) => {
        const offer = unwrap(await markDone(c.var.deps.db, await currentActor(c), c.req.valid("param").id, offerPublishingOf(c)));
        return c.json({ offer }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/offers/{id}/thanks",
        summary: "A short thank-you: from a responder to the author, or from the author to a responder (`to`, a handle; @name@host for someone elsewhere, sent as a direct Note)",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ to: z.string().max(64).optional(), note: z.string().max(100_000) })) },
        responses: { 201: ok("Thanked"), ...errors },
      }),
      async (c) => {
        const offer = unwrap(await thank(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json"), offerPublishingOf(c)));
        return c.json({ offer }, 201);
      },
    );
