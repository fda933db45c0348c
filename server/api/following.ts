// Following the fediverse: a member's follows and feed; a network's followers,
// which its animators approve when the network asks for approval.
import { createRoute, z } from "@hono/zod-openapi";
import { followStates } from "../../db/schema/index.ts";
import {
  decideNetworkFollower,
  feedOf,
  partnerPostsOf,
  followAccount,
  listFollowing,
  listNetworkFollowers,
  unfollowAccount,
} from "../domain/follows.ts";
import { currentActor, currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { followPortOf } from "./federation-ports.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const IdParam = z.object({ id: z.string().max(20) });
const Target = z.string().trim().min(1).max(500).openapi({ example: "@les-tilleuls@maillage.example" });

const decide = (decision: "accept" | "reject") =>
  createRoute({
    method: "post",
    path: `/networks/{slug}/followers/{id}/${decision}`,
    summary: decision === "accept" ? "Accept a follower of the network (animators)" : "Reject or remove a follower of the network (animators)",
    request: { params: SlugParam.extend({ id: z.string().max(20) }) },
    responses: { 204: ok(decision === "accept" ? "Accepted" : "Rejected"), ...errors },
  });

export const followingRoutes = () =>
  newRouter()
    .openapi(
      createRoute({ method: "get", path: "/me/following", summary: "Accounts and networks I follow elsewhere", request: actingFor, responses: { 200: ok("My follows"), ...errors } }),
      async (c) => {
        const actor = await currentActor(c);
        return c.json({ following: await listFollowing(c.var.deps.db, actor.member) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/following",
        summary: "Follow an account or network by handle (@name@host) or URL",
        request: { ...actingFor, ...jsonBody(z.object({ target: Target })) },
        responses: { 201: ok("Following (pending until accepted)"), 503: ok("This instance does not federate"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const following = unwrap(await followAccount(c.var.deps.db, actor, c.req.valid("json").target, followPortOf(c)));
        return c.json({ following }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/me/following/{id}",
        summary: "Stop following (Undo Follow)",
        request: { params: IdParam, ...actingFor },
        responses: { 204: ok("Unfollowed"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        unwrap(await unfollowAccount(c.var.deps.db, actor, c.req.valid("param").id, followPortOf(c)));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me/feed",
        summary: "Posts of the accounts I follow and posts relayed by the groups I follow, newest first, 20 a page",
        request: { ...actingFor, query: z.object({ before: z.iso.datetime({ offset: true }).optional() }) },
        responses: { 200: ok("The posts (HTML sanitised)"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const before = c.req.valid("query").before;
        const options = { origin: c.var.deps.config.publicUrl.origin, before: before ? new Date(before) : undefined };
        return c.json({ posts: await feedOf(c.var.deps.db, actor.member, options) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/partner-posts",
        summary: "What remote partner networks share with this network (members only), newest first, 20 a page",
        request: { params: SlugParam, query: z.object({ before: z.iso.datetime({ offset: true }).optional() }) },
        responses: { 200: ok("The posts (HTML sanitised)"), ...errors },
      }),
      async (c) => {
        const before = c.req.valid("query").before;
        const options = { origin: c.var.deps.config.publicUrl.origin, before: before ? new Date(before) : undefined };
        const posts = unwrap(await partnerPostsOf(c.var.deps.db, currentMember(c), c.req.valid("param").slug, options));
        return c.json({ posts }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/followers",
        summary: "Followers of the network on the fediverse (animators)",
        request: { params: SlugParam, query: z.object({ state: z.enum(followStates).optional() }) },
        responses: { 200: ok("The followers"), ...errors },
      }),
      async (c) => {
        const { slug } = c.req.valid("param");
        const followers = unwrap(await listNetworkFollowers(c.var.deps.db, currentMember(c), slug, c.req.valid("query").state));
        return c.json({ followers }, 200);
      },
    )
    .openapi(decide("accept"), async (c) => {
      const { slug, id } = c.req.valid("param");
      unwrap(await decideNetworkFollower(c.var.deps.db, currentMember(c), slug, id, "accept", followPortOf(c)));
      return c.body(null, 204);
    })
    .openapi(decide("reject"), async (c) => {
      const { slug, id } = c.req.valid("param");
      unwrap(await decideNetworkFollower(c.var.deps.db, currentMember(c), slug, id, "reject", followPortOf(c)));
      return c.body(null, 204);
    });
