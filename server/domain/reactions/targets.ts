// Whom to tell of what happens to an item of ours (a reply, a like, a boost
// from elsewhere), and what to call it: one prepared statement per inbound
// reaction, reading only that (the item's author, or the network's animators
// when the network itself spoke; its title; its network's slug).
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "../../../db/client.ts";
import { preparedPerDatabase } from "../../../db/prepared.ts";
import { announcementTable, eventTable, membershipTable, networkTable, offerTable, resourceTable } from "../../../db/schema/index.ts";
import { isUuid } from "../ids.ts";

export interface ItemTarget {
  to: string[];
  subject: { type: "offer" | "announcement" | "event" | "resource"; id: string; title: string; path: string };
}

const ITEM_PATH = /^\/n\/([^/]+)\/([aeor])\/([0-9a-f-]{36})$/i;

// The network's animators and pilots, as an array (read with the item, in its statement).
const animatorsOf = (networkId: AnyPgColumn): SQL<string[]> =>
  sql<string[]>`array(select ${membershipTable.memberId} from ${membershipTable} where ${and(
    eq(membershipTable.networkId, networkId),
    inArray(membershipTable.role, ["animator", "pilot"]),
  )})`;

interface Row {
  slug: string;
  author: string | null;
  title: string;
  animators: string[];
}

// One lean query per kind of item: id → its network's slug, its author, its title, the animators.
const reading = (
  name: string,
  table: typeof announcementTable | typeof eventTable | typeof offerTable | typeof resourceTable,
  columns: { author: AnyPgColumn; title: AnyPgColumn },
) =>
  preparedPerDatabase((db) =>
    db
      .select({ slug: networkTable.slug, author: columns.author, title: columns.title, animators: animatorsOf(networkTable.id) })
      .from(table)
      .innerJoin(networkTable, eq(networkTable.id, table.networkId))
      .where(eq(table.id, sql.placeholder("id")))
      .limit(1)
      .prepare(name),
  );

const byKind = {
  a: { type: "announcement", read: reading("reaction_target_announcement", announcementTable, { author: announcementTable.authorId, title: announcementTable.content }) },
  e: { type: "event", read: reading("reaction_target_event", eventTable, { author: eventTable.organiserId, title: eventTable.title }) },
  o: { type: "offer", read: reading("reaction_target_offer", offerTable, { author: offerTable.authorId, title: offerTable.title }) },
  r: { type: "resource", read: reading("reaction_target_resource", resourceTable, { author: resourceTable.createdById, title: resourceTable.title }) },
} as const;

const shortTitle = (text: string) => {
  const line = text.trim().split("\n")[0];
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

/** Whom to tell of what happens to the item at this URL of ours; null when it is none of our announcements, offers, events or resources. */
export async function itemTarget(db: DatabaseLike, origin: string, url: string): Promise<ItemTarget | null> {
  if (!URL.canParse(url) || new URL(url).origin !== new URL(origin).origin) return null;
  const match = ITEM_PATH.exec(new URL(url).pathname);
  if (!match || !isUuid(match[3])) return null;
  const [, slug, letter, id] = match;
  const kind = byKind[letter.toLowerCase() as keyof typeof byKind];
  const [row] = (await kind.read(db).execute({ id })) as Row[];
  if (!row || row.slug !== slug) return null;
  // An offer always has its author; the others may have none (the network spoke, or its author left).
  const to = row.author ? [row.author] : kind.type === "offer" ? [] : row.animators;
  const title = kind.type === "announcement" ? shortTitle(row.title) : row.title;
  return { to, subject: { type: kind.type, id, title, path: `/n/${slug}/${letter}/${id}` } };
}
