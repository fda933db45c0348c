// The unread count shown in the navigation: fetched at login, every minute
// while the tab is visible, and after the notifications page marks them read.
import { createSignal } from "solid-js";
import { api } from "./api.ts";
import type { UnreadNotifications } from "./types.ts";

const [unread, setUnread] = createSignal<UnreadNotifications>({ unread: 0, sponsored: [] });
export { unread };

export const unreadTotal = () => unread().unread + unread().sponsored.reduce((sum, s) => sum + s.unread, 0);

export async function refreshUnread(): Promise<void> {
  try {
    setUnread(await api.unreadNotifications());
  } catch {
    // Logged out or offline: keep the last count; the next tick tries again.
  }
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Starts (or stops, with false) the minute-by-minute refresh. */
export function watchUnread(loggedIn: boolean): void {
  clearInterval(timer);
  timer = undefined;
  if (!loggedIn) {
    setUnread({ unread: 0, sponsored: [] });
    return;
  }
  void refreshUnread();
  timer = setInterval(() => {
    if (document.visibilityState === "visible") void refreshUnread();
  }, 60_000);
}
