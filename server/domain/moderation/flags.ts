// A report from another server (a `Flag`): its objects (and, as Misskey
// sends them, the links in its comment) are matched against what is ours.
// Our content goes to its network's queue; a member alone goes to the queue
// of their network when they have one, else to the admin's. Naming nothing
// of ours creates nothing; the same Flag delivered twice creates one report.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { memberTable, membershipTable, reportTable, type ReportSnapshot, type ReportSubject } from "../../../db/schema/index.ts";
import { findAnnouncement } from "../announcements.ts";
import { findResource, resourceUrl } from "../commons/views.ts";
import { eventUrl, findEvent } from "../events/views.ts";
import { announcementUrl } from "../announcement-views.ts";
import { findOffer } from "../offers/offers.ts";
import { offerUrl } from "../offers/views.ts";
import { announceReport, MAX_COMMENT } from "./reports.ts";

export interface ReceivedFlag {
  /** The activity's id, when it has one: a repeated delivery creates nothing. */
  flagId: string | null;
  fromHost: string;
  objectIds: string[];
  content: string;
}

interface Found {
  type: ReportSubject;
  id: string;
  networkId: string | null;
  targetMemberId: string | null;
  snapshot: ReportSnapshot;
}

const who = (m: { displayName: string; handle: string } | null) => (m ? `${m.displayName} (@${m.handle})` : "");
const itemPath = /^\/n\/([a-z0-9][a-z0-9_-]{0,62})\/([oaer])\/([0-9a-f-]{36})\/?$/i;
const memberPath = /^\/m\/([a-z0-9][a-z0-9_-]{0,62})\/?$/i;

/** One of our things named by its IRI, or null. */
async function ours(db: DatabaseLike, origin: string, iri: string): Promise<Found | null> {
  if (!URL.canParse(iri)) return null;
  const url = new URL(iri);
  if (url.origin !== origin) return null;
  const item = itemPath.exec(url.pathname);
  if (item) {
    const [, , kind, id] = item;
    if (kind === "o") {
      const o = await findOffer(db, id);
      return o && { type: "offer", id, networkId: o.network.id, targetMemberId: o.author.id, snapshot: { title: o.offer.title, text: o.offer.body, url: offerUrl(origin, o.network.slug, id), author: who(o.author) } };
    }
    if (kind === "a") {
      const a = await findAnnouncement(db, id);
      return a && { type: "announcement", id, networkId: a.network.id, targetMemberId: a.author?.id ?? null, snapshot: { title: a.announcement.content.slice(0, 80), text: a.announcement.content, url: announcementUrl(origin, a.network.slug, id), author: a.author ? who(a.author) : a.network.name } };
    }
    if (kind === "e") {
      const e = await findEvent(db, id);
      return e && { type: "event", id, networkId: e.network.id, targetMemberId: e.organiser?.id ?? null, snapshot: { title: e.event.title, text: e.event.body, url: eventUrl(origin, e.network.slug, id), author: who(e.organiser) } };
    }
    const r = await findResource(db, id);
    return r && { type: "resource", id, networkId: r.network.id, targetMemberId: r.resource.createdById, snapshot: { title: r.resource.title, text: r.resource.summary, url: resourceUrl(origin, r.network.slug, id), author: "" } };
  }
  const member = memberPath.exec(url.pathname);
  if (member) {
    const [m] = await db.select().from(memberTable).where(eq(memberTable.handle, member[1].toLowerCase())).limit(1);
    if (!m) return null;
    // Their network's animators when they belong to one network only; otherwise the admin.
    const networks = await db.select({ id: membershipTable.networkId }).from(membershipTable).where(eq(membershipTable.memberId, m.id));
    return { type: "member", id: m.handle, networkId: networks.length === 1 ? networks[0].id : null, targetMemberId: m.id, snapshot: { title: m.displayName, text: m.bio, url: new URL(`/m/${m.handle}`, origin).href, author: who(m) } };
  }
  return null;
}

/** The links of our origin in a text (Misskey writes the reported notes' URLs in the comment). */
const linksIn = (text: string, origin: string) => [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]).filter((u) => u.startsWith(origin));

const plain = (html: string) => html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n").replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();

/**
 * Creates the report (or nothing); returns its id. `welcome` says whether the
 * network concerned still hears from the sending server: when its animators
 * blocked that server (or it is outside their allowlist), the report goes to
 * the instance admin's queue instead — the block is respected (the animators
 * are not bothered by a server they shut out), and a report that may be
 * legitimate is not lost.
 */
export async function receiveFlag(
  db: DatabaseLike,
  origin: string,
  flag: ReceivedFlag,
  welcome: (networkId: string) => Promise<boolean> = async () => true,
): Promise<string | null> {
  const comment = plain(flag.content).slice(0, MAX_COMMENT);
  const iris = [...new Set([...flag.objectIds, ...linksIn(flag.content, origin)])].slice(0, 50);
  const found: Found[] = [];
  for (const iri of iris) {
    const f = await ours(db, origin, iri);
    if (f) found.push(f);
  }
  if (found.length === 0) return null;
  // The content reported comes first; the member alone when only they are named.
  const subject = found.find((f) => f.type !== "member") ?? found[0];
  const networkId = subject.networkId && (await welcome(subject.networkId)) ? subject.networkId : null;
  const [report] = await db
    .insert(reportTable)
    .values({
      networkId,
      reporterId: null,
      fromHost: flag.fromHost,
      flagId: flag.flagId,
      subjectType: subject.type,
      subjectId: subject.id,
      targetMemberId: subject.targetMemberId,
      reason: "other",
      comment,
      snapshot: subject.snapshot,
    })
    .onConflictDoNothing()
    .returning();
  if (!report) return null;
  await announceReport(db, report);
  return report.id;
}
