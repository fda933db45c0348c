// The navigation's link to notifications, with the unread count (polled
// gently while the page is open).
import { A } from "@solidjs/router";
import { createResource, onCleanup, Show } from "solid-js";
import { t } from "../i18n/index.ts";
import { offersApi } from "../offers-api.ts";
import { valueOf } from "./Notice.tsx";

export function NotificationsLink() {
  const [data, { refetch }] = createResource(() => offersApi.notifications().catch(() => ({ unread: 0, notifications: [] })));
  const timer = setInterval(() => void refetch(), 60_000);
  onCleanup(() => clearInterval(timer));
  const unread = () => valueOf(data)?.unread ?? 0;
  return (
    <A href="/me/notifications" end aria-label={unread() ? t("nav.notificationsUnread", { count: unread() }) : t("nav.notifications")}>
      {t("nav.notifications")}
      <Show when={unread()}><span class="count-badge" aria-hidden="true">{unread()}</span></Show>
    </A>
  );
}
