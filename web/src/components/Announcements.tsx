// The network's announcements, newest first, 20 at a time; members post new ones above.
import { createSignal, For, Show } from "solid-js";
import { actingFor, api } from "../api.ts";
import type { Announcement } from "../federation-types.ts";
import { t } from "../i18n/index.ts";
import { canAnimate } from "../network.ts";
import { createPagedList } from "../paging.ts";
import { session } from "../session.ts";
import type { Role } from "../types.ts";
import { AnnouncementForm } from "./AnnouncementForm.tsx";
import { AnnouncementItem } from "./AnnouncementItem.tsx";
import { ErrorNotice, FormAlert, Loading, SuccessNotice, valueOf } from "./Notice.tsx";
import { problemOf } from "../forms.ts";

/** The author, their sponsors, and the network's animators may change an announcement. */
export function mayChange(announcement: Announcement, myRole: Role | null): boolean {
  if (canAnimate(myRole)) return true;
  const author = announcement.author?.handle;
  const current = session();
  if (!author || !current) return false;
  return author === current.member.handle || author === actingFor() || current.sponsored.some((s) => s.handle === author);
}

export function Announcements(props: { slug: string; networkName: string; myRole: Role | null }) {
  const { firstPage, items, setItems, hasMore, more, loadMore } = createPagedList({
    source: () => props.slug,
    fetchPage: async (before) => (await api.announcements(props.slug, before)).announcements,
    cursorOf: (a) => a.createdAt,
    formName: "more",
  });
  const [done, setDone] = createSignal<string>();

  const replace = (changed: Announcement) => {
    setItems(items().map((a) => (a.id === changed.id ? changed : a)));
    setDone(t("announcements.saved"));
  };
  const remove = (id: string) => {
    setItems(items().filter((a) => a.id !== id));
    setDone(t("announcements.deleted"));
  };
  // The form opens on demand, so on a phone the news come first.
  const [composing, setComposing] = createSignal(false);
  const compose = () => {
    setDone(undefined);
    setComposing(true);
    setTimeout(() => document.getElementById("post-content")?.focus());
  };
  const posted = (announcement: Announcement) => {
    setItems([announcement, ...items()]);
    setComposing(false);
    setDone(t("post.done"));
    setTimeout(() => document.getElementById(`announcement-${announcement.id}-by`)?.focus());
  };
  const mayPost = () => props.myRole !== null || session()?.member.isAdmin === true;

  return (
    <div class="announcements">
      <Show when={mayPost()}>
        <Show
          when={composing()}
          fallback={
            <button type="button" class="button button--primary button--wide compose" onClick={compose}>
              {t("post.title")}
            </button>
          }
        >
          <AnnouncementForm slug={props.slug} canAnimate={canAnimate(props.myRole)}
            onPosted={posted} onCancel={() => setComposing(false)} />
        </Show>
      </Show>
      <section class="card" aria-labelledby="announcements-title">
        <h2 id="announcements-title">{t("announcements.title")}</h2>
        <SuccessNotice message={done()} />
        <Show when={firstPage.state !== "errored"} fallback={<ErrorNotice message={problemOf(firstPage.error).message} />}>
          <Show when={valueOf(firstPage)} fallback={<Loading />}>
            <Show when={items().length} fallback={<p>{t("announcements.none")}</p>}>
              <ol class="announcement-list">
                <For each={items()}>
                  {(announcement) => (
                    <li>
                      <AnnouncementItem announcement={announcement} networkName={props.networkName}
                        canChange={mayChange(announcement, props.myRole)} onEdited={replace} onDeleted={remove}
                        onEditing={() => setDone(undefined)} />
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </Show>
        </Show>
        <FormAlert form={more} />
        <Show when={hasMore()}>
          <button type="button" class="button load-more" disabled={more.busy()} onClick={loadMore}>
            {t("announcements.loadMore")}
          </button>
        </Show>
      </section>
    </div>
  );
}
