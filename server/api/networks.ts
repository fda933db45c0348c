import { createRoute, z } from "@hono/zod-openapi";
import type { Network } from "../../db/schema/index.ts";
import { createNetwork, listNetworks, memberCount, updateNetwork } from "../domain/networks.ts";
import { mediaUrl } from "../domain/media.ts";
import { networkIconOf, setNetworkIcon } from "../domain/network-icon.ts";
import { findNetwork, roleIn } from "../domain/roles.ts";
import { cachedJson } from "../http/api-response-cache.ts";
import { currentActor, currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { profileUpdatesOf } from "./federation-ports.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";
import { NetworkFields, Slug, SlugParam } from "./schemas.ts";

export const networkView = (n: Network, count: number) => ({
  slug: n.slug,
  name: n.name,
  description: n.description,
  area: n.area,
  rules: n.rules,
  approvesFollowers: n.approvesFollowers,
  federationMode: n.federationMode,
  memberCount: count,
});

export const networkRoutes = () =>
  newRouter()
    .openapi(
      createRoute({ method: "get", path: "/networks", summary: "Networks of this instance", responses: { 200: ok("The networks") } }),
      async (c) => {
        const networks = await listNetworks(c.var.deps.db);
        return c.json({ networks: networks.map((n) => networkView(n, n.memberCount)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks",
        summary: "Create a network (instance admin)",
        request: jsonBody(NetworkFields.extend({
          slug: Slug,
          joinAsPilot: z.boolean().optional().openapi({ description: "The admin becomes the network's first pilot (a member who runs it)" }),
        })),
        responses: { 201: ok("Created"), 409: ok("Slug taken"), ...errors },
      }),
      async (c) => {
        const { joinAsPilot, ...fields } = c.req.valid("json");
        const network = unwrap(await createNetwork(c.var.deps.db, currentMember(c), fields, { joinAsPilot }));
        return c.json({ network: networkView(network, joinAsPilot ? 1 : 0) }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}",
        request: { params: SlugParam },
        responses: { 200: ok("The network, and the viewer's role in it"), 404: errors[404] },
      }),
      async (c) => {
        const { db } = c.var.deps;
        const { slug } = c.req.valid("param");
        const member = c.var.session?.member;
        // Every page of a network asks for it: per viewer (their role) and network, kept until a change commits.
        return cachedJson(c, ["network", member?.id ?? null, slug.toLowerCase()], async () => {
          const network = unwrap(await findNetwork(db, slug));
          const myRole = member ? await roleIn(db, network.id, member.id) : null;
          const icon = await networkIconOf(db, network.id);
          const iconUrl = icon ? mediaUrl(c.var.deps.config.publicUrl.origin, icon) : null;
          return { value: { network: { ...networkView(network, await memberCount(db, network.id)), iconUrl }, myRole } };
        });
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/networks/{slug}",
        summary: "Edit the network (animators)",
        request: { params: SlugParam, ...patchBody(NetworkFields.partial()) },
        responses: { 200: ok("Updated"), ...errors },
      }),
      async (c) => {
        const { db } = c.var.deps;
        const network = unwrap(await updateNetwork(db, currentMember(c), c.req.valid("param").slug, c.req.valid("json"), profileUpdatesOf(c)));
        return c.json({ network: networkView(network, await memberCount(db, network.id)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/icon",
        summary: "Set the network's logo to an uploaded photo, or remove it with null (animators); it is public",
        request: { params: SlugParam, ...jsonBody(z.object({ media: z.string().max(64).nullable() })) },
        responses: { 200: ok("{ iconUrl }"), ...errors },
      }),
      async (c) => {
        const icon = unwrap(await setNetworkIcon(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("json").media, profileUpdatesOf(c)));
        return c.json({ iconUrl: icon ? mediaUrl(c.var.deps.config.publicUrl.origin, icon) : null }, 200);
      },
    );
