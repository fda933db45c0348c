// GET /api/v2/search: how apps find an account, here or elsewhere. With
// `resolve=true` and a handle (`@tilleuls@example.org`) or an actor's URL, an
// account we do not know yet is looked up (WebFinger, then the actor, signed as
// the instance) and remembered, so that the app can follow it by its id, as
// Mastodon's search does. Statuses and hashtags are not searched (empty lists).
import { accountEntity } from "../entities/account.ts";
import { messagePortOf } from "../../api/federation-ports.ts";
import { invalid, mastodonRouter, scope, viewerOf, type MastodonContext } from "../http.ts";
import { avatarOf, searchAccounts } from "./routes.ts";
import { remoteAccount } from "./resolve.ts";

/** `@name@host`, `name@host` or an https URL: something WebFinger or a fetch can find. */
const remoteTarget = (q: string) => /^@?[^@\s/]+@[^@\s/]+$/.test(q) || /^https?:\/\/\S+$/i.test(q);

/** Accounts matching `q`; with `resolve` (and a member logged in, as Mastodon requires), one from elsewhere looked up first. */
export async function findAccounts(c: MastodonContext, q: string, limit: number, resolve: boolean) {
  const host = c.var.deps.config.publicUrl.host;
  const elsewhere = remoteTarget(q) && !q.replace(/^@/, "").toLowerCase().endsWith(`@${host}`);
  if (resolve && elsewhere && viewerOf(c)) {
    const target = q.startsWith("http") || q.startsWith("@") ? q : `@${q}`;
    const actor = await messagePortOf(c as never).lookup(c.var.deps.db, target);
    if (actor) return [accountEntity(remoteAccount(actor), avatarOf(c))];
  }
  // Known accounts by name or handle: without the leading @ nor, for ours, the host.
  const name = q.replace(/^@/, "").replace(new RegExp(`@${host.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i"), "");
  return searchAccounts(c, name, limit);
}

const limitOf = (c: MastodonContext, max: number) => {
  const raw = c.req.query("limit");
  if (raw === undefined) return Math.min(20, max);
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw invalid("limit must be a positive whole number");
  return Math.min(limit, max);
};

export function searchRoutes() {
  const app = mastodonRouter();
  app.get("/api/v2/search", scope("read:search", "read:accounts"), async (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q) throw invalid("q is missing");
    const type = c.req.query("type");
    if (type !== undefined && !["accounts", "statuses", "hashtags"].includes(type)) throw invalid("type must be accounts, statuses or hashtags");
    const accounts = type === undefined || type === "accounts" ? await findAccounts(c, q, limitOf(c, 40), c.req.query("resolve") === "true") : [];
    return c.json({ accounts, statuses: [], hashtags: [] });
  });
  return app;
}
