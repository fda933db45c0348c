import { A } from "@solidjs/router";
import { For, Show, type Accessor } from "solid-js";
import { Icon } from "../components/Icon.tsx";
import { t } from "../i18n/index.ts";
import { unreadTotal } from "../notifications.ts";
import { useCurrentPath, useVisibleEntries } from "./context.ts";
import { isCurrent, type NavContext } from "./entries.ts";

/** The main places, one tap away, each with its word; the current one is marked. */
export function TabBar(props: { ctx: Accessor<NavContext> }) {
  const entries = useVisibleEntries(() => props.ctx());
  const tabs = () => entries().filter(({ entry }) => entry.tab);
  const path = useCurrentPath();
  return (
    <nav aria-label={t("nav.label")} class="tab-bar">
      <ul>
        <For each={tabs()}>
          {({ entry, href }) => (
            <li>
              <A href={href} class="tab" classList={{ "tab--current": isCurrent(entry, path(), href) }}
                aria-current={isCurrent(entry, path(), href) ? "page" : undefined} activeClass="" inactiveClass="">
                <span class="tab__icon">
                  <Icon name={entry.tab!} />
                  <Show when={entry.id === "notifications" && unreadTotal() > 0}>
                    <span class="count-badge tab__badge">{unreadTotal()}<span class="visually-hidden"> — {t("nav.unread", { count: unreadTotal() })}</span></span>
                  </Show>
                </span>
                <span class="tab__label tab__label--short">{t(entry.short ?? entry.label)}</span>
                <span class="tab__label tab__label--long">{t(entry.label)}</span>
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
