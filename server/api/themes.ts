import { createRoute, z } from "@hono/zod-openapi";
import { findNetwork } from "../domain/roles.ts";
import { listThemes } from "../domain/themes.ts";
import { unwrap } from "../http/errors.ts";
import { newRouter, ok } from "./router.ts";

export const themeRoutes = () =>
  newRouter().openapi(
    createRoute({
      method: "get",
      path: "/themes",
      summary: "Themes of offers and requests (instance-wide, plus the network's own)",
      request: { query: z.object({ network: z.string().max(64).optional() }) },
      responses: { 200: ok("The themes"), 404: ok("Unknown network") },
    }),
    async (c) => {
      const slug = c.req.valid("query").network;
      const network = slug ? unwrap(await findNetwork(c.var.deps.db, slug)) : undefined;
      const themes = await listThemes(c.var.deps.db, network?.id);
      return c.json({ themes: themes.map(({ slug, labelFr, labelEn }) => ({ slug, labelFr, labelEn })) }, 200);
    },
  );
