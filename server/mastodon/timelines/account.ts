// GET /api/v1/accounts/:id/statuses: what an app shows on a profile. A
// network's account holds everything of the network the viewer may see; a
// member's, what they wrote in the networks they belong to; an account
// elsewhere, its posts that reached the viewer's feed. The items come from the
// same domain reads as the timelines, so visibility and blocks apply as there.
import type { MastodonContext } from "../http.ts";
import { mastodonRouter, notFound, viewerOf } from "../http.ts";
import { findAccount } from "../accounts/resolve.ts";
import { followedItems, networkItems, networksOf, type Draft, type Page } from "./collect.ts";
import { answerPage, pageParams } from "./routes.ts";

async function draftsOf(c: MastodonContext, id: string, page: Page): Promise<Draft[]> {
  const { db } = c.var.deps;
  const { origin } = c.var.deps.config.publicUrl;
  const viewer = viewerOf(c);
  const found = await findAccount(db, id);
  if (!found) throw notFound();
  if (found.kind === "network") return networkItems(db, viewer, found.network.slug, origin, page);
  if (found.kind === "member") {
    const { handle } = found.member;
    const drafts: Draft[] = [];
    for (const n of await networksOf(db, found.member)) drafts.push(...(await networkItems(db, viewer, n.slug, origin, page)));
    return drafts.filter((d) => "member" in d.author && d.author.member === handle);
  }
  if (!viewer) return [];
  const iri = found.actor.id;
  return (await followedItems(db, viewer, origin, page)).filter((d) => "remote" in d.author && d.author.remote === iri);
}

export function accountStatusRoutes() {
  const app = mastodonRouter();
  app.get("/api/v1/accounts/:id/statuses", async (c) => {
    const { page } = pageParams(c);
    const drafts = await draftsOf(c, c.req.param("id"), page);
    // Nothing is pinned, and nothing here is a boost or a reply to another status.
    if (c.req.query("pinned") === "true") return c.json([]);
    const tagged = c.req.query("tagged")?.toLowerCase().replace(/^#/, "");
    const onlyMedia = c.req.query("only_media") === "true";
    return answerPage(
      c,
      drafts.filter((d) => (!tagged || d.tags.includes(tagged)) && (!onlyMedia || d.media.length > 0)),
    );
  });
  return app;
}
