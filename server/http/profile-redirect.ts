// Mastodon-style profile links (`/@name`) lead to the network or member page.
import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { memberTable, networkTable } from "../../db/schema/index.ts";
import type { AppEnv } from "./context.ts";

export function mountProfileRedirect(app: Hono<AppEnv>) {
  app.get("/:at{@[a-zA-Z0-9_-]+}", async (c, next) => {
    const name = c.req.param("at").slice(1).toLowerCase();
    const { db } = c.var.deps;
    const [network] = await db.select({ slug: networkTable.slug }).from(networkTable).where(eq(networkTable.slug, name)).limit(1);
    if (network) return c.redirect(`/n/${network.slug}`, 301);
    const [member] = await db.select({ handle: memberTable.handle }).from(memberTable).where(eq(memberTable.handle, name)).limit(1);
    if (member) return c.redirect(`/m/${member.handle}`, 301);
    await next();
  });
}
