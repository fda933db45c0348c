// Acting from an app: post to one's network, answer an offer (« ça m'intéresse »)
// and its conversation by replying, read one status and its context, edit and
// delete one's own. Every act goes through the web app's use-cases and limits.
import type { Member } from "../../../db/schema/index.ts";
import { deleteAnnouncement, editAnnouncement, postAnnouncement } from "../../domain/announcements.ts";
import { respond, sendMessage } from "../../domain/offers/exchanges.ts";
import { withdrawOffer } from "../../domain/offers/offers.ts";
import type { Limit } from "../../domain/rate-limits/limiter.ts";
import { answersPerMember, postsPerMember } from "../../domain/rate-limits/policies.ts";
import type { Result } from "../../domain/result.ts";
import { publishingOf } from "../../api/federation-ports.ts";
import { offerPublishingOf } from "../../api/offer-ports.ts";
import { trusted } from "../../http/posting-limits.ts";
import { avatarOf } from "../accounts/routes.ts";
import { statusEntity } from "../entities/status.ts";
import { fromFailure, invalid, MastodonError, mastodonRouter, notFound, params, scope, text, userOf, viewerOf, type MastodonContext } from "../http.ts";
import { Accounts, networksOf, toStatuses } from "../timelines/collect.ts";
import { announcementDraft, type Draft } from "../timelines/drafts.ts";
import { parseReblogId, parseStatusId, type ParsedStatusId } from "./ids.ts";
import { reblogById } from "./reblogs.ts";
import { loadDraft, offerOfMessage, offerThread } from "./single.ts";

const visibilities = { public: "public", unlisted: "partners", private: "network" } as const;
const origin = (c: MastodonContext) => c.var.deps.config.publicUrl.origin;

export async function answer(c: MastodonContext, drafts: Draft[]) {
  const statuses = await toStatuses(drafts, new Accounts(c.var.deps.db, origin(c), avatarOf(c)), viewerOf(c));
  return statuses.map((s) => statusEntity(s, `${origin(c)}/`));
}

export async function one(c: MastodonContext, draft: Draft | null) {
  const [status] = draft ? await answer(c, [draft]) : [];
  if (!status) throw notFound();
  return c.json(status);
}

/** The posting limits the web app applies, in Mastodon's words; what failed gives its count back. */
async function limited<T>(c: MastodonContext, member: Member, limit: Limit, act: () => Promise<Result<T>>): Promise<T> {
  const db = c.var.deps.db;
  const counted = !(await trusted(db, member));
  const limiter = c.var.deps.rateLimits;
  if (counted) {
    const verdict = await limiter.take(limit, member.id);
    if (!verdict.allowed) {
      await limiter.refund(limit, member.id);
      c.header("Retry-After", String(verdict.retryAfterSeconds));
      throw new MastodonError(429, `You posted a lot in a short time (at most ${limit.max} an hour)`);
    }
  }
  const result = await act();
  if (!result.ok) {
    if (counted) await limiter.refund(limit, member.id);
    throw fromFailure(result.error);
  }
  return result.value;
}

/** Which network a new post goes to: a leading @network mention, else the member's only network. */
async function networkFor(c: MastodonContext, member: Member, status: string) {
  const networks = await networksOf(c.var.deps.db, member);
  const host = c.var.deps.config.publicUrl.host;
  const mention = /^@([a-z0-9_-]+)(?:@([^\s]+))?\s+/i.exec(status);
  if (mention && (!mention[2] || mention[2].toLowerCase() === host)) {
    const named = networks.find((n) => n.slug === mention[1].toLowerCase());
    if (named) return { slug: named.slug, content: status.slice(mention[0].length) };
  }
  if (networks.length === 1) return { slug: networks[0].slug, content: status };
  throw invalid(
    networks.length === 0
      ? "You belong to no network to post in"
      : `You belong to several networks: start the post with the one to post in (${networks.map((n) => `@${n.slug}`).join(", ")})`,
  );
}

/** A reply: to an offer it says « ça m'intéresse » (opening the conversation); to a message, it continues it. */
async function reply(c: MastodonContext, member: Member, to: ParsedStatusId, message: string) {
  const db = c.var.deps.db;
  const actor = { member, by: member };
  const publishing = offerPublishingOf(c as never);
  let offerId: string;
  if (to.kind === "o") {
    offerId = to.id;
    await limited(c, member, answersPerMember, () => respond(db, actor, offerId, { message }, publishing));
  } else if (to.kind === "m") {
    const at = await offerOfMessage(db, to.id);
    if (!at) throw notFound();
    offerId = at.offerId;
    await limited(c, member, answersPerMember, () => sendMessage(db, actor, at.offerId, at.responseId, { message }, publishing));
  } else {
    throw invalid("in_reply_to_id: here, replies answer an offer or request (« ça m'intéresse ») or continue its conversation");
  }
  const thread = await offerThread(db, member, offerId, origin(c));
  // What the app shows as posted: the member's newest message in the conversation.
  const mine = thread?.messages.filter((m) => "member" in m.author && m.author.member === member.handle).sort((a, b) => (a.id < b.id ? -1 : 1));
  return one(c, mine?.at(-1) ?? null);
}

export const parsedOr404 = (c: MastodonContext) => {
  const parsed = parseStatusId(c.req.param("id") ?? "");
  if (!parsed) throw notFound();
  return parsed;
};

export function statusRoutes() {
  const app = mastodonRouter();
  app.post("/api/v1/statuses", scope("write:statuses"), async (c) => {
    const member = userOf(c);
    const p = await params(c);
    const status = text(p, "status") ?? "";
    const replyTo = text(p, "in_reply_to_id");
    if (replyTo) {
      const parsed = parseStatusId(replyTo);
      if (!parsed) throw notFound();
      return reply(c, member, parsed, status);
    }
    const visibility = text(p, "visibility") ?? "private";
    if (!(visibility in visibilities)) throw invalid("visibility: public, unlisted or private (direct messages are not supported here)");
    const media = p.media_ids === undefined ? [] : Array.isArray(p.media_ids) ? p.media_ids : [p.media_ids];
    if (media.some((m) => typeof m !== "string")) throw invalid("media_ids must be strings");
    const { slug, content } = await networkFor(c, member, status);
    const posted = await limited(c, member, postsPerMember, () =>
      postAnnouncement(c.var.deps.db, { member, by: member }, slug, { content, visibility: visibilities[visibility as keyof typeof visibilities], photos: media as string[] }, publishingOf(c as never)),
    );
    return c.json((await answer(c, [announcementDraft(posted, slug)]))[0]);
  });

  app.get("/api/v1/statuses/:id", async (c) =>
    parseReblogId(c.req.param("id")) ? reblogById(c, c.req.param("id")) : one(c, await loadDraft(c.var.deps.db, viewerOf(c), parsedOr404(c), origin(c))),
  );

  app.get("/api/v1/statuses/:id/context", async (c) => {
    const parsed = parsedOr404(c);
    const db = c.var.deps.db;
    const viewer = viewerOf(c);
    const self = await loadDraft(db, viewer, parsed, origin(c));
    if (!self) throw notFound();
    if (parsed.kind !== "o" && parsed.kind !== "m") return c.json({ ancestors: [], descendants: [] });
    const offerId = parsed.kind === "o" ? parsed.id : (await offerOfMessage(db, parsed.id))!.offerId;
    const thread = (await offerThread(db, viewer, offerId, origin(c)))!;
    const others = thread.messages.filter((m) => m.id !== self.id);
    return c.json({
      ancestors: parsed.kind === "m" ? await answer(c, [thread.offer]) : [],
      descendants: await answer(c, parsed.kind === "o" ? others : others.filter((m) => m.id > self.id)),
    });
  });

  app.put("/api/v1/statuses/:id", scope("write:statuses"), async (c) => {
    const member = userOf(c);
    const parsed = parsedOr404(c);
    if (parsed.kind !== "a") throw invalid("Only announcements are edited from an app; offers, events and resources on their page");
    const content = text(await params(c), "status");
    if (!content) throw invalid("status can't be blank");
    const edited = await editAnnouncement(c.var.deps.db, { member, by: member }, parsed.id, { content }, publishingOf(c as never));
    if (!edited.ok) throw fromFailure(edited.error);
    return one(c, await loadDraft(c.var.deps.db, member, parsed, origin(c)));
  });

  app.delete("/api/v1/statuses/:id", scope("write:statuses"), async (c) => {
    const member = userOf(c);
    const parsed = parsedOr404(c);
    const db = c.var.deps.db;
    const draft = await loadDraft(db, member, parsed, origin(c));
    if (!draft) throw notFound();
    const [entity] = await answer(c, [draft]);
    const actor = { member, by: member };
    const done =
      parsed.kind === "a" ? await deleteAnnouncement(db, actor, parsed.id, publishingOf(c as never))
      : parsed.kind === "o" ? await withdrawOffer(db, actor, parsed.id, offerPublishingOf(c as never))
      : null;
    if (!done) throw invalid("Only announcements and offers are deleted from an app");
    if (!done.ok) throw fromFailure(done.error);
    return c.json(entity);
  });
  return app;
}
