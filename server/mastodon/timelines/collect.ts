// What a timeline holds, read through the same domain use-cases as the web app
// (so visibility, roles and blocks apply as they do there): announcements,
// offers and requests, events and resources of a network, as Statuses.
import { eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, membershipTable, memberTable, networkTable, remoteActorTable, type Member } from "../../../db/schema/index.ts";
import { listAnnouncements } from "../../domain/announcement-views.ts";
import { listLibrary } from "../../domain/commons/library.ts";
import { resourceUrl } from "../../domain/commons/views.ts";
import { networkAgenda } from "../../domain/events/agenda.ts";
import { frenchWhen, kindLabels } from "../../domain/events/text.ts";
import { listOffers } from "../../domain/offers/list.ts";
import { feedOf } from "../../domain/follows.ts";
import { accountEntity, type AccountEntity } from "../entities/account.ts";
import { eventContent, offerContent, resourceContent, themeTag, visibilityOf, type StatusInput } from "../entities/status.ts";
import { memberAccount, networkAccount, remoteAccount } from "../accounts/resolve.ts";
import { statusId } from "../statuses/ids.ts";

type Author = { member: string } | { network: string } | { remote: string };
export type Draft = Omit<StatusInput, "account"> & { author: Author };

export interface Page {
  /** Older than this status id (max_id). */
  before?: string;
  /** Newer than this status id (since_id or min_id). */
  after?: string;
}

/** Who is shown as each item's author, looked up once per request. */
export class Accounts {
  private cache = new Map<string, Promise<AccountEntity | null>>();
  private db: DatabaseLike;
  private origin: string;
  private avatar: string;
  constructor(db: DatabaseLike, origin: string, avatar: string) {
    this.db = db;
    this.origin = origin;
    this.avatar = avatar;
  }

  of(author: Author): Promise<AccountEntity | null> {
    const key = JSON.stringify(author);
    let found = this.cache.get(key);
    if (!found) {
      found = this.load(author);
      this.cache.set(key, found);
    }
    return found;
  }

  private async load(author: Author): Promise<AccountEntity | null> {
    const { db, origin } = this;
    if ("member" in author) {
      const [m] = await db.select().from(memberTable).where(eq(memberTable.handle, author.member)).limit(1);
      return m ? accountEntity(await memberAccount(db, origin, m), this.avatar) : null;
    }
    if ("network" in author) {
      const [n] = await db.select().from(networkTable).where(eq(networkTable.slug, author.network)).limit(1);
      return n ? accountEntity(await networkAccount(db, origin, n), this.avatar) : null;
    }
    const [a] = await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, author.remote)).limit(1);
    return a ? accountEntity(remoteAccount(a), this.avatar) : null;
  }
}

const zero = { replies: 0, reblogs: 0, favourites: 0 };
const maxUuid = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/** Everything of one network the viewer may see, newest first, older than `page.before`. */
export async function networkItems(db: DatabaseLike, viewer: Member | null, slug: string, origin: string, page: Page): Promise<Draft[]> {
  const providerUrl = `${origin}/`;
  const beforeAt = page.before ? new Date(Number(page.before.slice(0, 13)) + 1) : undefined;
  const drafts: Draft[] = [];

  const announcements = await listAnnouncements(db, viewer, slug, { origin, before: beforeAt });
  for (const a of announcements.ok ? announcements.value : []) {
    drafts.push({
      id: statusId("a", a.id, a.createdAt),
      kind: "a",
      createdAt: a.createdAt,
      editedAt: a.updatedAt,
      url: a.url,
      author: a.author ? { member: a.author.handle } : { network: slug },
      contentHtml: a.contentHtml,
      text: a.content,
      visibility: visibilityOf(a.visibility),
      media: a.photos,
      card: null,
      tags: [...a.content.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1].toLowerCase()),
      counts: { replies: a.replies.length, reblogs: a.boosts, favourites: a.likes },
    });
  }

  const offers = await listOffers(db, viewer, slug, beforeAt ? { cursor: `t:${beforeAt.toISOString()}|${maxUuid}` } : {}, origin);
  for (const o of offers.ok ? offers.value.offers : []) {
    // Partners' offers show in their own network's timeline, not twice.
    if (o.network.slug !== slug) continue;
    drafts.push({
      id: statusId("o", o.id, o.createdAt),
      kind: "o",
      createdAt: o.createdAt,
      editedAt: o.updatedAt,
      url: o.url,
      author: o.author ? { member: o.author.handle } : o.remoteAuthor ? { remote: o.remoteAuthor.id } : { network: slug },
      contentHtml: offerContent({ kind: o.kind, title: o.title, bodyHtml: o.bodyHtml, theme: o.theme.labelFr, themeSlug: o.theme.slug, place: o.place, availability: o.availability }, providerUrl),
      text: null,
      visibility: visibilityOf(o.visibility),
      media: o.photos.map((ph) => ({ ...ph, description: "" })),
      card: { url: o.url, title: o.title, description: o.body.slice(0, 200), image: o.photos[0]?.url ?? null },
      tags: [themeTag(o.theme.slug)],
      counts: zero,
    });
  }

  const events = await networkAgenda(db, viewer, slug, {}, origin);
  const eventViews = events.ok ? events.value : [];
  const created = eventViews.length
    ? new Map((await db.select({ id: eventTable.id, createdAt: eventTable.createdAt }).from(eventTable).where(inArray(eventTable.id, eventViews.map((e) => e.id)))).map((r) => [r.id, r.createdAt]))
    : new Map<string, Date>();
  for (const e of eventViews) {
    const createdAt = created.get(e.id) ?? e.startsAt;
    const place = [e.place.name, e.place.street, [e.place.postalCode, e.place.locality].filter(Boolean).join(" ")].filter(Boolean).join(", ");
    drafts.push({
      id: statusId("e", e.id, createdAt),
      kind: "e",
      createdAt,
      editedAt: null,
      url: e.url,
      author: e.organiser ? { member: e.organiser.handle } : { network: slug },
      contentHtml: eventContent({ kindLabel: kindLabels[e.kind], title: e.title, when: frenchWhen(e.startsAt, e.endsAt), place, bodyHtml: e.bodyHtml, cancelled: e.cancelled }),
      text: null,
      visibility: visibilityOf(e.visibility),
      media: e.photo ? [e.photo] : [],
      card: { url: e.url, title: e.title, description: `${frenchWhen(e.startsAt, e.endsAt)}${place ? ` — ${place}` : ""}`, image: e.photo?.url ?? null },
      tags: [],
      counts: zero,
    });
  }

  const library = await listLibrary(db, viewer, slug, origin, { scope: "own", before: beforeAt });
  for (const r of library.ok ? library.value : []) {
    if (!r.id || !r.source.slug) continue;
    const url = resourceUrl(origin, r.source.slug, r.id);
    drafts.push({
      id: statusId("r", r.id, r.updatedAt),
      kind: "r",
      createdAt: r.updatedAt,
      editedAt: null,
      url,
      author: { network: r.source.slug },
      contentHtml: resourceContent({ title: r.title, summary: r.summary, licenceLabel: r.licenceLabel, attribution: r.attribution }),
      text: null,
      visibility: r.visibility ? visibilityOf(r.visibility) : "public",
      media: [],
      card: { url, title: r.title, description: r.summary.slice(0, 200), image: null },
      tags: r.tags.map((tag) => themeTag(tag)),
      counts: zero,
    });
  }
  return drafts;
}

/** Posts of the accounts and networks elsewhere the member follows (the web app's feed). */
export async function followedItems(db: DatabaseLike, member: Member, origin: string, page: Page): Promise<Draft[]> {
  const before = page.before ? new Date(Number(page.before.slice(0, 13)) + 1) : undefined;
  const posts = await feedOf(db, member, { origin, before });
  return posts
    .filter((post) => post.visibility !== "direct")
    .map((post) => ({
      id: statusId("p", post.id, post.published),
      kind: "p" as const,
      createdAt: post.published,
      editedAt: null,
      url: post.url,
      author: { remote: post.author.id },
      contentHtml: post.contentHtml,
      text: null,
      visibility: post.visibility === "followers" ? ("private" as const) : post.visibility === "unlisted" ? ("unlisted" as const) : ("public" as const),
      media: [],
      card: null,
      tags: [],
      counts: zero,
    }));
}

/** Newest first, within the page's bounds, at most `limit`; min_id pages start from the bound upwards. */
export function pageOf(drafts: Draft[], page: Page & { fromBottom?: boolean }, limit: number): Draft[] {
  const unique = [...new Map(drafts.map((d) => [d.id, d])).values()];
  const inBounds = unique.filter((d) => (!page.before || d.id < page.before) && (!page.after || d.id > page.after)).sort((a, b) => (a.id < b.id ? 1 : -1));
  return page.fromBottom ? inBounds.slice(-limit) : inBounds.slice(0, limit);
}

/** The drafts as Statuses (an item whose author vanished meanwhile is left out). */
export async function toStatuses(drafts: Draft[], accounts: Accounts): Promise<StatusInput[]> {
  const out: StatusInput[] = [];
  for (const { author, ...d } of drafts) {
    const account = await accounts.of(author);
    if (account) out.push({ ...d, account });
  }
  return out;
}

/** The networks a member belongs to, by slug. */
export async function networksOf(db: DatabaseLike, member: Member) {
  return db
    .select({ id: networkTable.id, slug: networkTable.slug, name: networkTable.name })
    .from(membershipTable)
    .innerJoin(networkTable, eq(networkTable.id, membershipTable.networkId))
    .where(eq(membershipTable.memberId, member.id))
    .orderBy(membershipTable.joinedAt);
}
