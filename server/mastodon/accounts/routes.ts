// /api/v1/accounts: who logged in, profiles, lookup and search, relationships.
// Members, networks (groups) and accounts elsewhere we already know.
import { and, eq, ilike, or } from "drizzle-orm";
import { memberTable, networkTable, remoteActorTable, followingTable } from "../../../db/schema/index.ts";
import { updateProfile } from "../../domain/account.ts";
import { followPortOf, profileUpdatesOf } from "../../api/federation-ports.ts";
import { followAccount, unfollowAccount } from "../../domain/follows.ts";
import { defaultAvatarPath } from "../avatar.ts";
import { accountEntity, credentialAccountEntity } from "../entities/account.ts";
import { fromFailure, invalid, mastodonRouter, notFound, params, scope, text, userOf, viewerOf, type MastodonContext } from "../http.ts";
import { findAccounts } from "./search.ts";
import { findAccount, findByAcct, inputOf, memberAccount, remoteAccount, remoteAccountId } from "./resolve.ts";

const origin = (c: MastodonContext) => c.var.deps.config.publicUrl.origin;
export const avatarOf = (c: MastodonContext) => new URL(defaultAvatarPath, c.var.deps.config.publicUrl).href;

async function credentials(c: MastodonContext) {
  const member = userOf(c);
  const input = await memberAccount(c.var.deps.db, origin(c), member);
  return c.json(credentialAccountEntity(input, avatarOf(c), { note: member.bio, language: member.locale }));
}

/** `ids` as Mastodon apps send them: id[]=…&id[]=… or id=… */
const idsOf = (c: MastodonContext) => [...c.req.queries("id[]") ?? [], ...c.req.queries("id") ?? []].slice(0, 40);

export function accountRoutes() {
  const app = mastodonRouter();
  app.get("/api/v1/accounts/verify_credentials", scope("read:accounts", "profile"), credentials);

  app.patch("/api/v1/accounts/update_credentials", scope("write:accounts"), async (c) => {
    const member = userOf(c);
    const p = await params(c);
    const displayName = text(p, "display_name");
    const note = text(p, "note");
    if (displayName !== undefined && (displayName.trim() === "" || displayName.length > 80)) throw invalid("display_name must be 1 to 80 characters");
    if (note !== undefined && note.length > 2000) throw invalid("note is too long (at most 2000 characters)");
    const fields = { ...(displayName !== undefined ? { displayName: displayName.trim() } : {}), ...(note !== undefined ? { bio: note } : {}) };
    if (Object.keys(fields).length) {
      const updated = await updateProfile(c.var.deps.db, { member, by: member }, fields, profileUpdatesOf(c as never));
      if (!updated.ok) throw fromFailure(updated.error);
      c.var.token!.member = updated.value;
    }
    return credentials(c);
  });

  app.get("/api/v1/accounts/lookup", async (c) => {
    const acct = c.req.query("acct");
    if (!acct) throw invalid("acct is missing");
    const found = await findByAcct(c.var.deps.db, c.var.deps.config.publicUrl.host, acct);
    if (!found) throw notFound();
    return c.json(accountEntity(await inputOf(c.var.deps.db, origin(c), found), avatarOf(c)));
  });

  app.get("/api/v1/accounts/search", scope("read:accounts"), async (c) => {
    const q = (c.req.query("q") ?? "").trim();
    if (!q.replace(/^@/, "")) throw invalid("q is missing");
    return c.json(await findAccounts(c, q, Math.min(Number(c.req.query("limit")) || 40, 80), c.req.query("resolve") === "true"));
  });

  app.get("/api/v1/accounts/relationships", scope("read:follows"), async (c) => {
    const member = userOf(c);
    const db = c.var.deps.db;
    const out = [];
    for (const id of idsOf(c)) {
      const found = await findAccount(db, id);
      if (!found) continue;
      const following = found.kind === "remote"
        ? (await db.select({ state: followingTable.state }).from(followingTable).where(and(eq(followingTable.memberId, member.id), eq(followingTable.remoteActorId, found.actor.id))))[0]?.state
        : undefined;
      out.push(relationship(id, { following: following === "accepted", requested: following === "pending" }));
    }
    return c.json(out);
  });

  // Following accounts and networks elsewhere, as the web app's « Abonnements » does (pending until they accept).
  app.post("/api/v1/accounts/:id/follow", scope("write:follows"), async (c) => {
    const member = userOf(c);
    const db = c.var.deps.db;
    const id = c.req.param("id");
    const found = await findAccount(db, id);
    if (!found) throw notFound();
    if (found.kind !== "remote") throw invalid("Members and networks of this instance are not followed: a network is joined with an invitation");
    const followed = await followAccount(db, { member, by: member }, found.actor.id, followPortOf(c as never));
    if (!followed.ok) throw fromFailure(followed.error);
    return c.json(relationship(id, { following: followed.value.state === "accepted", requested: followed.value.state === "pending" }));
  });
  app.post("/api/v1/accounts/:id/unfollow", scope("write:follows"), async (c) => {
    const member = userOf(c);
    const db = c.var.deps.db;
    const id = c.req.param("id");
    const found = await findAccount(db, id);
    if (!found) throw notFound();
    if (found.kind === "remote") {
      const [row] = await db.select({ id: followingTable.id }).from(followingTable).where(and(eq(followingTable.memberId, member.id), eq(followingTable.remoteActorId, found.actor.id)));
      if (row) {
        const undone = await unfollowAccount(db, { member, by: member }, String(row.id), followPortOf(c as never));
        if (!undone.ok) throw fromFailure(undone.error);
      }
    }
    return c.json(relationship(id));
  });

  app.get("/api/v1/accounts/:id", async (c) => {
    const found = await findAccount(c.var.deps.db, c.req.param("id"));
    if (!found) throw notFound();
    return c.json(accountEntity(await inputOf(c.var.deps.db, origin(c), found), avatarOf(c)));
  });
  // Lists of followers and follows are kept private here, as Mastodon's `hide_collections`.
  app.get("/api/v1/accounts/:id/followers", async (c) => {
    if (!(await findAccount(c.var.deps.db, c.req.param("id")))) throw notFound();
    return c.json([]);
  });
  app.get("/api/v1/accounts/:id/following", async (c) => {
    const db = c.var.deps.db;
    const found = await findAccount(db, c.req.param("id"));
    if (!found) throw notFound();
    const viewer = viewerOf(c);
    // One's own follows only.
    if (found.kind !== "member" || viewer?.id !== found.member.id) return c.json([]);
    const rows = await db.select({ actor: remoteActorTable }).from(followingTable).innerJoin(remoteActorTable, eq(remoteActorTable.id, followingTable.remoteActorId)).where(eq(followingTable.memberId, viewer.id));
    return c.json(rows.map((r) => accountEntity(remoteAccount(r.actor), avatarOf(c))));
  });
  return app;
}

export function relationship(id: string, over: Partial<Record<"following" | "requested", boolean>> = {}) {
  return {
    id,
    following: false,
    showing_reblogs: true,
    notifying: false,
    languages: null,
    followed_by: false,
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: "",
    ...over,
  };
}

/** Members and networks here by handle or name, and accounts elsewhere we know. */
export async function searchAccounts(c: MastodonContext, q: string, limit: number) {
  const db = c.var.deps.db;
  const like = `%${q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  const [networks, members, remotes] = await Promise.all([
    db.select().from(networkTable).where(or(ilike(networkTable.slug, like), ilike(networkTable.name, like))).limit(limit),
    db.select().from(memberTable).where(or(ilike(memberTable.handle, like), ilike(memberTable.displayName, like))).limit(limit),
    db.select().from(remoteActorTable).where(or(ilike(remoteActorTable.handle, like), ilike(remoteActorTable.name, like))).limit(limit),
  ]);
  const found = [
    ...networks.map((network) => ({ kind: "network" as const, network })),
    ...members.map((member) => ({ kind: "member" as const, member })),
    ...remotes.map((actor) => ({ kind: "remote" as const, actor })),
  ].slice(0, limit);
  return Promise.all(found.map(async (f) => accountEntity(await inputOf(db, origin(c), f), avatarOf(c))));
}

export { remoteAccountId };
