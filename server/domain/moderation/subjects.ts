// What a report is about, found as the reporter may see it: an unknown item
// and one the reporter may not see are both "not found" (404), so a report
// never tells whether something exists. The result names the network whose
// animators handle it, who it is about, and a snapshot of it as it is now.
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  memberTable,
  membershipTable,
  networkTable,
  offerMessageTable,
  offerResponseTable,
  offerTable,
  remoteActorTable,
  remotePostTable,
  type Member,
  type ReportSnapshot,
  type ReportSubject,
} from "../../../db/schema/index.ts";
import { loadAnnouncement } from "../announcements.ts";
import { loadEvent } from "../events/views.ts";
import { loadResource } from "../commons/views.ts";
import { findOffer, type OfferItem } from "../offers/offers.ts";
import { mayView } from "../offers/detail.ts";
import { offerUrl } from "../offers/views.ts";
import { announcementUrl } from "../announcement-views.ts";
import { eventUrl } from "../events/views.ts";
import { resourceUrl } from "../commons/views.ts";
import { fail, ok, type Result } from "../result.ts";
import { isUuid } from "../ids.ts";

export interface ReportedSubject {
  networkId: string | null;
  targetMemberId: string | null;
  targetActorId: string | null;
  snapshot: ReportSnapshot;
}

const SNAPSHOT_TEXT = 5000;
const notFound = () => fail("not_found", "report_subject_not_found", "Nothing you can see has this id", "id");
const plain = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
const cut = (text: string) => text.slice(0, SNAPSHOT_TEXT);
const nameOf = (m: Pick<Member, "displayName" | "handle"> | null) => (m ? `${m.displayName} (@${m.handle})` : "");

/** The reporter's networks, the one named first: reports about people and things from elsewhere go to one of them. */
async function reporterNetwork(db: DatabaseLike, reporter: Member, slug: string | undefined, among?: string[]): Promise<string | null> {
  const rows = await db
    .select({ id: networkTable.id, slug: networkTable.slug })
    .from(membershipTable)
    .innerJoin(networkTable, eq(networkTable.id, membershipTable.networkId))
    .where(and(eq(membershipTable.memberId, reporter.id), among?.length ? inArray(networkTable.id, among) : undefined));
  return (rows.find((r) => r.slug === slug) ?? rows[0])?.id ?? null;
}

async function offerSubject(db: DatabaseLike, origin: string, reporter: Member, id: string, slug?: string): Promise<Result<ReportedSubject>> {
  const local: OfferItem | null = await findOffer(db, id);
  if (local) {
    if (!(await mayView(db, origin, local, reporter)).visible) return notFound();
    return ok({
      networkId: local.network.id,
      targetMemberId: local.author.id,
      targetActorId: null,
      snapshot: { title: local.offer.title, text: cut(local.offer.body), url: offerUrl(origin, local.network.slug, local.offer.id), author: nameOf(local.author) },
    });
  }
  // An offer from another network's server, as our members see it in their list.
  if (!isUuid(id)) return notFound();
  const [remote] = await db
    .select({ offer: offerTable, author: remoteActorTable })
    .from(offerTable)
    .leftJoin(remoteActorTable, eq(remoteActorTable.id, offerTable.remoteAuthorId))
    .where(eq(offerTable.id, id))
    .limit(1);
  const networkId = remote ? await reporterNetwork(db, reporter, slug) : null;
  if (!remote || !networkId) return notFound();
  return ok({
    networkId,
    targetMemberId: null,
    targetActorId: remote.offer.remoteAuthorId,
    snapshot: { title: remote.offer.title, text: cut(remote.offer.body), url: remote.offer.remoteUrl ?? remote.offer.apId, author: remote.author?.handle ?? "" },
  });
}

/** A message of an offer's conversation: only its two sides see it. */
async function messageSubject(db: DatabaseLike, origin: string, reporter: Member, id: string): Promise<Result<ReportedSubject>> {
  if (!isUuid(id)) return notFound();
  const [row] = await db
    .select({ message: offerMessageTable, response: offerResponseTable, sender: memberTable })
    .from(offerMessageTable)
    .innerJoin(offerResponseTable, eq(offerResponseTable.id, offerMessageTable.responseId))
    .leftJoin(memberTable, eq(memberTable.id, offerMessageTable.senderId))
    .where(eq(offerMessageTable.id, id))
    .limit(1);
  const item = row ? await findOffer(db, row.response.offerId) : null;
  if (!row || !item) return notFound();
  const sides = [item.author.id, row.response.responderId];
  if (!sides.includes(reporter.id) || row.message.senderId === reporter.id) return notFound();
  const remote = row.response.remoteActorId;
  return ok({
    networkId: item.network.id,
    targetMemberId: row.message.senderId,
    targetActorId: row.message.senderId ? null : remote,
    snapshot: {
      title: item.offer.title,
      text: cut(row.message.remoteHtml ? plain(row.message.remoteHtml) : row.message.body),
      url: offerUrl(origin, item.network.slug, item.offer.id),
      author: row.sender ? nameOf(row.sender) : (remote ?? ""),
    },
  });
}

export async function findSubject(
  db: DatabaseLike,
  origin: string,
  reporter: Member,
  type: ReportSubject,
  id: string,
  slug?: string,
): Promise<Result<ReportedSubject>> {
  switch (type) {
    case "offer":
      return offerSubject(db, origin, reporter, id, slug);
    case "message":
      return messageSubject(db, origin, reporter, id);
    case "announcement": {
      const loaded = await loadAnnouncement(db, id, reporter, origin);
      if (!loaded.ok) return notFound();
      const { announcement, network, author } = loaded.value;
      return ok({
        networkId: network.id,
        targetMemberId: author?.id ?? null,
        targetActorId: null,
        snapshot: { title: cut(announcement.content).slice(0, 80), text: cut(announcement.content), url: announcementUrl(origin, network.slug, announcement.id), author: author ? nameOf(author) : network.name },
      });
    }
    case "event": {
      const loaded = await loadEvent(db, id, reporter, origin);
      if (!loaded.ok) return notFound();
      const { event, network, organiser } = loaded.value;
      return ok({
        networkId: network.id,
        targetMemberId: organiser?.id ?? null,
        targetActorId: null,
        snapshot: { title: event.title, text: cut(event.body), url: eventUrl(origin, network.slug, event.id), author: nameOf(organiser) },
      });
    }
    case "resource": {
      const loaded = await loadResource(db, id, reporter, origin);
      if (!loaded.ok) return notFound();
      const { resource, network } = loaded.value;
      const [author] = resource.createdById ? await db.select().from(memberTable).where(eq(memberTable.id, resource.createdById)).limit(1) : [];
      return ok({
        networkId: network.id,
        targetMemberId: author?.id ?? null,
        targetActorId: null,
        snapshot: { title: resource.title, text: cut(`${resource.summary}\n\n${resource.body}`.trim()), url: resourceUrl(origin, network.slug, resource.id), author: nameOf(author ?? null) },
      });
    }
    case "member": {
      const [target] = await db.select().from(memberTable).where(eq(memberTable.handle, id.toLowerCase())).limit(1);
      if (!target || target.id === reporter.id) return notFound();
      // Only someone met in one of the reporter's networks.
      const theirs = (await db.select({ id: membershipTable.networkId }).from(membershipTable).where(eq(membershipTable.memberId, target.id))).map((r) => r.id);
      const networkId = theirs.length ? await reporterNetwork(db, reporter, slug, theirs) : null;
      if (!networkId) return notFound();
      return ok({
        networkId,
        targetMemberId: target.id,
        targetActorId: null,
        snapshot: { title: target.displayName, text: cut(target.bio), url: new URL(`/m/${target.handle}`, origin).href, author: nameOf(target) },
      });
    }
    case "remote_post": {
      const [post] = await db.select({ post: remotePostTable, author: remoteActorTable }).from(remotePostTable).innerJoin(remoteActorTable, eq(remoteActorTable.id, remotePostTable.authorId)).where(eq(remotePostTable.id, id)).limit(1);
      const networkId = post ? await reporterNetwork(db, reporter, slug) : null;
      if (!post || !networkId) return notFound();
      return ok({
        networkId,
        targetMemberId: null,
        targetActorId: post.author.id,
        snapshot: { title: post.post.name ?? post.post.summary ?? "", text: cut(plain(post.post.contentHtml)), url: post.post.url ?? post.post.id, author: post.author.handle ?? post.author.id },
      });
    }
    case "remote_actor": {
      const [actor] = await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, id)).limit(1);
      const networkId = actor ? await reporterNetwork(db, reporter, slug) : null;
      if (!actor || !networkId) return notFound();
      return ok({
        networkId,
        targetMemberId: null,
        targetActorId: actor.id,
        snapshot: { title: actor.name ?? actor.handle ?? actor.id, text: cut(actor.summary ?? ""), url: actor.url ?? actor.id, author: actor.handle ?? actor.id },
      });
    }
  }
}
