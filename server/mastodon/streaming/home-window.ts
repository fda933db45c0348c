// What changed at the top of a member's home timeline between two looks: the
// first page of GET /api/v1/timelines/home (same query, same visibility), kept
// by the stream and compared with the next one. Pure.

/** The page's first items, as a stream remembers them: newest first. */
export interface Window {
  ids: string[];
  /** When each item was last edited (ISO), to tell an edit from nothing. */
  edited: Map<string, string | null>;
  /** Whether the page was full: then what is below its last item is unknown. */
  full: boolean;
}

export interface Item {
  id: string;
  editedAt: Date | null;
}

/** As many items as GET /api/v1/timelines/home gives by default: each source lists at least as many, so this page is exact. */
export const windowSize = 20;

export function windowOf(page: Item[]): Window {
  return { ids: page.map((d) => d.id), edited: new Map(page.map((d) => [d.id, d.editedAt?.toISOString() ?? null])), full: page.length >= windowSize };
}

export interface Changes<T extends Item> {
  /** New in the timeline, oldest first (apps put each on top as it comes). */
  added: T[];
  /** Edited since, oldest first. */
  edited: T[];
  /** Ids gone: deleted, hidden, withdrawn, or no longer visible to the member. */
  removed: string[];
}

/**
 * Compares the page now with the one seen before. An item under the old
 * page's last one is not new (it slid up when one above went); one gone is
 * reported only from the newer half of a full page, since an item at the
 * bottom may just have been crowded out of its network's list by a newer one.
 */
export function compare<T extends Item>(before: Window, page: T[]): Changes<T> {
  const seen = new Set(before.ids);
  const now = new Set(page.map((d) => d.id));
  const oldFloor = before.full ? before.ids.at(-1)! : "";
  const added = page.filter((d) => !seen.has(d.id) && d.id > oldFloor).reverse();
  const edited = page.filter((d) => seen.has(d.id) && (d.editedAt?.toISOString() ?? null) !== before.edited.get(d.id)).reverse();
  const newFloor = page.length >= windowSize ? page[Math.floor(windowSize / 2)].id : "";
  const removed = before.ids.filter((id) => !now.has(id) && id > newFloor);
  return { added, edited, removed };
}
