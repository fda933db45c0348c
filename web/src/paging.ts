import { createEffect, createResource, createSignal } from "solid-js";
import { valueOf } from "./components/Notice.tsx";
import { createForm } from "./forms.ts";

/** The API's page size for announcements and feeds: a shorter page is the last one. */
export const PAGE_SIZE = 20;

/**
 * A newest-first list loaded page by page: the first page whenever `source`
 * changes, then older pages before the last item's cursor, without duplicates.
 */
export function createPagedList<T extends { id: string }>(options: {
  source: () => string;
  fetchPage: (before?: string) => Promise<T[]>;
  cursorOf: (item: T) => string;
  formName: string;
}) {
  const [firstPage] = createResource(options.source, () => options.fetchPage());
  const [items, setItems] = createSignal<T[]>([]);
  const [hasMore, setHasMore] = createSignal(false);
  const more = createForm(options.formName, []);
  createEffect(() => {
    const page = valueOf(firstPage);
    if (!page) return;
    setItems(page);
    setHasMore(page.length >= PAGE_SIZE);
  });
  const loadMore = () =>
    more.submit(async () => {
      const last = items().at(-1);
      const older = await options.fetchPage(last && options.cursorOf(last));
      const known = new Set(items().map((item) => item.id));
      setItems([...items(), ...older.filter((item) => !known.has(item.id))]);
      setHasMore(older.length >= PAGE_SIZE);
    });
  return { firstPage, items, setItems, hasMore, more, loadMore };
}
