// `/me/notifications`: who is interested, wrote, agreed, thanked; offers to renew.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { formatDateTime, t, type MessageKey } from "../i18n/index.ts";
import { offersApi } from "../offers-api.ts";
import "../offers.css";

export default function Notifications() {
  const [data, { refetch }] = createResource(() => offersApi.notifications());
  const markRead = async () => {
    await offersApi.markRead();
    await refetch();
  };
  return (
    <RequireLogin>
      <div class="page page--narrow">
        <h1>{t("notifications.title")}</h1>
        <Loaded data={data}>
          {(d) => (
            <Show when={d.notifications.length} fallback={<p class="card">{t("notifications.none")}</p>}>
              <Show when={d.unread}><p><button type="button" class="button" onClick={markRead}>{t("notifications.markRead")}</button></p></Show>
              <ul class="notifications">
                <For each={d.notifications}>
                  {(n) => (
                    <li class="card notification" classList={{ "notification--unread": !n.read }}>
                      <A href={n.offer.path}>{t(`notifications.${n.kind}` as MessageKey, { from: n.from, title: n.offer.title })}</A>
                      <p class="field__hint"><time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time></p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Loaded>
      </div>
    </RequireLogin>
  );
}
