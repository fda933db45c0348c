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
import { listOffers } from "../../domain/offers/list.ts";
import { feedOf } from "../../domain/follows.ts";
import { accountEntity, type AccountEntity } from "../entities/account.ts";
import type { StatusInput } from "../entities/status.ts";
import { announcementDraft, eventDraft, offerDraft, resourceDraft, type Author, type Draft } from "./drafts.ts";
import { memberAccount, networkAccount, remoteAccount } from "../accounts/resolve.ts";
import { statusId } from "../statuses/ids.ts";
import { withReactions } from "../statuses/marks.ts";

export type { Draft };

export interface Page {
  /** Older than this status id (max_id). */
  before?: string;
  /** Newer than this status id (since_id or min_id). */
  after?: string;
}

/** Who is shown as each item's author, looked up once per request. */
export class Accounts {
  private cache = new Map<string, Promise<AccountEntity | null>>();
  readonly db: DatabaseLike;
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
  for (const a of announcements.ok ? announcements.value : []) drafts.push(announcementDraft(a, slug));

  const offers = await listOffers(db, viewer, slug, beforeAt ? { cursor: `t:${beforeAt.toISOString()}|${maxUuid}` } : {}, origin);
  // Partners' offers show in their own network's timeline, not twice.
  for (const o of offers.ok ? offers.value.offers : []) if (o.network.slug === slug) drafts.push(offerDraft(o, slug, providerUrl));

  const events = await networkAgenda(db, viewer, slug, {}, origin);
  const eventViews = events.ok ? events.value : [];
  const created = eventViews.length
    ? new Map((await db.select({ id: eventTable.id, createdAt: eventTable.createdAt }).from(eventTable).where(inArray(eventTable.id, eventViews.map((e) => e.id)))).map((r) => [r.id, r.createdAt]))
    : new Map<string, Date>();
  for (const e of eventViews) drafts.push(eventDraft(e, created.get(e.id) ?? e.startsAt, slug));

  const library = await listLibrary(db, viewer, slug, origin, { scope: "own", before: beforeAt });
  for (const r of library.ok ? library.value : []) {
    if (!r.id || !r.source.slug) continue;
    drafts.push(resourceDraft({ ...r, id: r.id, slug: r.source.slug, url: resourceUrl(origin, r.source.slug, r.id) }));
  }
  return drafts;
}

/** Posts of the accounts and networks elsewhere the member follows (the web app's feed). */
export async function followedItems(db: DatabaseLike, member: Member, origin: string, page: Page): Promise<Draft[]> {
  const before = page.before ? new Date(Number(page.before.slice(0, 13)) + 1) : undefined;
  const posts = await feedOf(db, member, { origin, before });
  return posts.filter((post) => post.visibility !== "direct").map(remoteDraft);
}

/** A post from elsewhere as a Status draft; its status id carries its IRI. */
export const remoteDraft = (post: Awaited<ReturnType<typeof feedOf>>[number]): Draft => ({
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
});

/** Newest first, within the page's bounds, at most `limit`; min_id pages start from the bound upwards. */
export function pageOf(drafts: Draft[], page: Page & { fromBottom?: boolean }, limit: number): Draft[] {
  const unique = [...new Map(drafts.map((d) => [d.id, d])).values()];
  const inBounds = unique.filter((d) => (!page.before || d.id < page.before) && (!page.after || d.id > page.after)).sort((a, b) => (a.id < b.id ? 1 : -1));
  return page.fromBottom ? inBounds.slice(-limit) : inBounds.slice(0, limit);
}

/** The drafts as Statuses (an item whose author vanished meanwhile is left out). */
export async function toStatuses(drafts: Draft[], accounts: Accounts, viewer: Member | null = null): Promise<StatusInput[]> {
  const counted = await withReactions(accounts.db, viewer, drafts);
  const out: StatusInput[] = [];
  for (const { author, ...d } of counted) {
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
