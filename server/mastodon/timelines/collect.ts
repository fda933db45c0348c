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
import { memberAccounts, networkAccounts, remoteAccount } from "../accounts/resolve.ts";
import { statusId } from "../statuses/ids.ts";
import { withReactions } from "../statuses/marks.ts";

export type { Draft };

export interface Page {
  /** Older than this status id (max_id). */
  before?: string;
  /** Newer than this status id (since_id or min_id). */
  after?: string;
}

const keyOf = (author: Author) => JSON.stringify(author);

/**
 * Who is shown as each item's author, looked up once per request; the authors
 * of a page are loaded together, in a constant number of queries (`preload`).
 */
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
    this.preload([author]);
    return this.cache.get(keyOf(author))!;
  }

  /** Starts loading, in one batch, the authors not looked up yet. */
  preload(authors: Author[]): void {
    const missing = [...new Map(authors.filter((a) => !this.cache.has(keyOf(a))).map((a) => [keyOf(a), a])).values()];
    if (missing.length === 0) return;
    const batch = this.load(missing);
    for (const a of missing) this.cache.set(keyOf(a), batch.then((found) => found.get(keyOf(a)) ?? null));
  }

  private async load(authors: Author[]): Promise<Map<string, AccountEntity>> {
    const { db, origin, avatar } = this;
    const handles = authors.flatMap((a) => ("member" in a ? [a.member] : []));
    const slugs = authors.flatMap((a) => ("network" in a ? [a.network] : []));
    const iris = authors.flatMap((a) => ("remote" in a ? [a.remote] : []));
    const [members, networks, actors] = await Promise.all([
      handles.length ? db.select().from(memberTable).where(inArray(memberTable.handle, handles)) : [],
      slugs.length ? db.select().from(networkTable).where(inArray(networkTable.slug, slugs)) : [],
      iris.length ? db.select().from(remoteActorTable).where(inArray(remoteActorTable.id, iris)) : [],
    ]);
    const [memberInputs, networkInputs] = await Promise.all([memberAccounts(db, origin, members), networkAccounts(db, origin, networks)]);
    const found = new Map<string, AccountEntity>();
    for (const m of members) found.set(keyOf({ member: m.handle }), accountEntity(memberInputs.get(m.id)!, avatar));
    for (const n of networks) found.set(keyOf({ network: n.slug }), accountEntity(networkInputs.get(n.id)!, avatar));
    for (const a of actors) found.set(keyOf({ remote: a.id }), accountEntity(remoteAccount(a), avatar));
    return found;
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

/** The home timeline's items: the member's networks', then what they follow elsewhere (GET /api/v1/timelines/home, the `user` stream). */
export async function homeDrafts(db: DatabaseLike, member: Member, origin: string, page: Page): Promise<Draft[]> {
  const drafts: Draft[] = [];
  for (const n of await networksOf(db, member)) drafts.push(...(await networkItems(db, member, n.slug, origin, page)));
  drafts.push(...(await followedItems(db, member, origin, page)));
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
  accounts.preload(drafts.map((d) => d.author));
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
