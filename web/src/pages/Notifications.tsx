import { A } from "@solidjs/router";
import { For, onMount, Show } from "solid-js";
import { actingName } from "../components/ActingBanner.tsx";
import { ErrorNotice, FormAlert, Loading, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor, api, setActingFor } from "../api.ts";
import { problemOf } from "../forms.ts";
import { formatDateTime, hasMessage, t } from "../i18n/index.ts";
import { refreshUnread, unread } from "../notifications.ts";
import { createPagedList } from "../paging.ts";
import type { AppNotification } from "../types.ts";

/** "Sophie is interested in « Perceuse »", worded by kind; a kind this version does not know still reads well. */
function sentence(n: AppNotification): string {
  const key = `notify.${n.kind}`;
  const params = { from: n.from, title: n.subject.title };
  return hasMessage(key) ? t(key, params) : t("notifications.generic", params);
}

/** `/me/notifications`: newest first; seeing them marks them read. */
export default function Notifications() {
  const paged = createPagedList({
    source: () => actingFor() ?? "",
    fetchPage: async (before) => {
      const page = (await api.notifications(before)).notifications;
      if (!before && page.some((n) => !n.read)) void api.markNotificationsRead().then(refreshUnread);
      return page;
    },
    cursorOf: (n) => n.createdAt,
    formName: "notifications-more",
  });
  const { firstPage, hasMore, more, loadMore, items } = paged;
  onMount(() => void refreshUnread());

  return (
    <RequireLogin>
      <div class="page page--narrow">
        <h1>{actingFor() ? t("notifications.titleFor", { name: actingName() ?? "" }) : t("notifications.title")}</h1>
        <p class="lead">{t("notifications.intro")}</p>
        <Show when={!actingFor()}>
          <For each={unread().sponsored.filter((s) => s.unread > 0)}>
            {(s) => (
              <p class="card">
                {t("notifications.sponsored", { name: s.displayName, count: s.unread })}{" "}
                <button type="button" class="button" onClick={() => setActingFor(s.handle)}>{t("notifications.readFor", { name: s.displayName })}</button>
              </p>
            )}
          </For>
        </Show>
        <Show when={firstPage.state !== "errored"} fallback={<ErrorNotice message={problemOf(firstPage.error).message} />}>
          <Show when={valueOf(firstPage)} fallback={<Loading />}>
            <Show when={items().length} fallback={<p class="card">{t("notifications.none")}</p>}>
              <ol class="notifications">
                <For each={items()}>
                  {(n) => (
                    <li class="card notification" classList={{ "notification--unread": !n.read }}>
                      <Show when={!n.read}><strong class="badge">{t("notifications.new")}</strong> </Show>
                      <A href={n.subject.path}>{sentence(n)}</A>
                      <small class="notification__when">{formatDateTime(n.createdAt)}</small>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </Show>
        </Show>
        <FormAlert form={more} />
        <Show when={hasMore()}>
          <button type="button" class="button load-more" disabled={more.busy()} onClick={loadMore}>{t("notifications.loadMore")}</button>
        </Show>
      </div>
    </RequireLogin>
  );
}
