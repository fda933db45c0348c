// Timelines: home (the member's networks and whom they follow), public (this
// instance's public items), tag, and one list per network the member belongs
// to. Paged with max_id / since_id / min_id and a Link header, as Mastodon does.
import type { Member } from "../../../db/schema/index.ts";
import { statusEntity } from "../entities/status.ts";
import { avatarOf } from "../accounts/routes.ts";
import { invalid, mastodonRouter, notFound, scope, userOf, viewerOf, type MastodonContext } from "../http.ts";
import { boundOf } from "../statuses/ids.ts";
import { listNetworks } from "../../domain/networks.ts";
import { Accounts, homeDrafts, networkItems, networksOf, pageOf, toStatuses, type Draft, type Page } from "./collect.ts";

export function pageParams(c: MastodonContext) {
  const limitRaw = c.req.query("limit");
  const limit = limitRaw === undefined ? 20 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1) throw invalid("limit must be a positive whole number");
  const minId = boundOf(c.req.query("min_id"));
  const page: Page & { fromBottom?: boolean } = {
    before: boundOf(c.req.query("max_id")),
    after: minId ?? boundOf(c.req.query("since_id")),
    fromBottom: minId !== undefined,
  };
  return { page, limit: Math.min(limit, 40) };
}

/** Statuses for the drafts of a page, with Link headers for the next (older) and previous (newer) pages. */
export async function answerPage(c: MastodonContext, drafts: Draft[]) {
  const { page, limit } = pageParams(c);
  const chosen = pageOf(drafts, page, limit);
  const { origin } = c.var.deps.config.publicUrl;
  const statuses = await toStatuses(chosen, new Accounts(c.var.deps.db, origin, avatarOf(c)), viewerOf(c));
  if (chosen.length) setPageLinks(c, chosen[0].id, chosen.at(-1)!.id);
  return c.json(statuses.map((s) => statusEntity(s, `${origin}/`)));
}

/** Mastodon's `Link` header: the next (older) page after `oldest`, the previous (newer) one before `newest`. */
export function setPageLinks(c: MastodonContext, newest: string, oldest: string): void {
  const url = new URL(c.req.url);
  const at = (key: string, value: string) => {
    const next = new URL(url.pathname, c.var.deps.config.publicUrl);
    for (const [k, v] of url.searchParams) if (!["max_id", "since_id", "min_id"].includes(k)) next.searchParams.append(k, v);
    next.searchParams.set(key, value);
    return next.href;
  };
  c.header("Link", `<${at("max_id", oldest)}>; rel="next", <${at("min_id", newest)}>; rel="prev"`);
}

const homeOf = (c: MastodonContext, member: Member, page: Page) => homeDrafts(c.var.deps.db, member, c.var.deps.config.publicUrl.origin, page);

export function timelineRoutes() {
  const app = mastodonRouter();
  app.get("/api/v1/timelines/home", scope("read:statuses"), async (c) => answerPage(c, await homeOf(c, userOf(c), pageParams(c).page)));

  // The instance's public items: every network's, as a visitor sees them (`local` or not, there is nothing else here).
  app.get("/api/v1/timelines/public", async (c) => {
    if (c.req.query("remote") === "true") return c.json([]);
    const { db } = c.var.deps;
    const { page } = pageParams(c);
    const drafts: Draft[] = [];
    for (const n of await listNetworks(db)) drafts.push(...(await networkItems(db, null, n.slug, c.var.deps.config.publicUrl.origin, page)));
    return answerPage(c, drafts.filter((d) => d.visibility === "public"));
  });

  app.get("/api/v1/timelines/tag/:tag", async (c) => {
    const tag = c.req.param("tag").toLowerCase();
    const viewer = viewerOf(c);
    const { db } = c.var.deps;
    const { page } = pageParams(c);
    const drafts: Draft[] = [];
    if (viewer) drafts.push(...(await homeOf(c, viewer, page)));
    for (const n of await listNetworks(db)) drafts.push(...(await networkItems(db, viewer, n.slug, c.var.deps.config.publicUrl.origin, page)));
    return answerPage(c, drafts.filter((d) => d.tags.includes(tag)));
  });

  app.get("/api/v1/lists", scope("read:lists"), async (c) => {
    const networks = await networksOf(c.var.deps.db, userOf(c));
    return c.json(networks.map((n) => ({ id: n.id, title: n.name, replies_policy: "list", exclusive: false })));
  });
  app.get("/api/v1/lists/:id", scope("read:lists"), async (c) => {
    const network = (await networksOf(c.var.deps.db, userOf(c))).find((n) => n.id === c.req.param("id"));
    if (!network) throw notFound();
    return c.json({ id: network.id, title: network.name, replies_policy: "list", exclusive: false });
  });
  app.get("/api/v1/timelines/list/:id", scope("read:lists"), async (c) => {
    const member = userOf(c);
    const network = (await networksOf(c.var.deps.db, member)).find((n) => n.id === c.req.param("id"));
    if (!network) throw notFound();
    return answerPage(c, await networkItems(c.var.deps.db, member, network.slug, c.var.deps.config.publicUrl.origin, pageParams(c).page));
  });
  return app;
}
