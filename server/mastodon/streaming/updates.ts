// The `user` stream's timeline events: `update` for each new item of the
// member's home timeline (the Status, as JSON), `status.update` for an edited
// one, `delete` (the status id) for one gone. Each look reads the home
// timeline's first page with its own query (timelines/collect.ts).
import type { DatabaseLike } from "../../../db/client.ts";
import type { Member } from "../../../db/schema/index.ts";
import { statusEntity } from "../entities/status.ts";
import { Accounts, homeDrafts, pageOf, toStatuses, type Draft } from "../timelines/collect.ts";
import { compare, windowOf, windowSize, type Window } from "./home-window.ts";
import { idBoundAt } from "./watch.ts";

export type Emit = (event: string, data: string) => Promise<void>;

export interface Reader {
  db: DatabaseLike;
  member: Member;
  origin: string;
  /** The default avatar's URL. */
  avatar: string;
}

/**
 * The function a stream calls when documents changed. Its first look only
 * remembers the page, but for what came since `since` (the app connected),
 * which it sends.
 */
export function homeUpdates(reader: Reader, since: Date, emit: Emit): () => Promise<void> {
  const { db, member, origin, avatar } = reader;
  let seen: Window | undefined;
  const bound = idBoundAt(since);
  const send = async (event: string, drafts: Draft[]) => {
    if (drafts.length === 0) return;
    // Built in the page's order: one batch of accounts for all of them.
    for (const s of await toStatuses(drafts, new Accounts(db, origin, avatar), member)) await emit(event, JSON.stringify(statusEntity(s, `${origin}/`)));
  };
  return async () => {
    const page = pageOf(await homeDrafts(db, member, origin, {}), {}, windowSize);
    if (!seen) {
      await send("update", page.filter((d) => d.id >= bound).reverse());
    } else {
      const { added, edited, removed } = compare(seen, page);
      for (const id of removed) await emit("delete", id);
      await send("update", added);
      await send("status.update", edited);
    }
    // Only once sent: a look that failed is done again by the next one.
    seen = windowOf(page);
  };
}
