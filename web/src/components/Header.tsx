import { A, useMatch } from "@solidjs/router";
import { createEffect, Show } from "solid-js";
import { t } from "../i18n/index.ts";
import { useNavContext } from "../nav/context.ts";
import { MenuSheet } from "../nav/MenuSheet.tsx";
import { TabBar } from "../nav/TabBar.tsx";
import { watchUnread } from "../notifications.ts";
import { instance, session } from "../session.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import "../nav/nav.css";

/**
 * One slim bar on top (where I am, and the menu), the main places in a bar at
 * the bottom of a phone's screen (at the top on a large screen).
 */
export function Header() {
  const inNetwork = useMatch(() => "/n/:slug/*");
  const ctx = useNavContext();

  // The network's name inside a network, else the app's.
  const title = () => {
    const slug = inNetwork()?.params.slug;
    const membership = session()?.memberships.find((m) => m.network.slug === slug);
    return membership?.network.name ?? t("app.name");
  };
  const titleHref = () => (inNetwork() ? `/n/${inNetwork()!.params.slug}` : "/");

  createEffect(() => watchUnread(!!session()));

  return (
    <header class="site-header no-print">
      <a class="skip-link" href="#main">{t("app.skip")}</a>
      <div class="site-header__top">
        <A href={titleHref()} class="brand" end>
          <span class="brand__text">
            {title()}
            <Show when={instance()?.name}>
              {(name) => <small class="brand__instance">{name()}</small>}
            </Show>
          </span>
        </A>
        {/* Logged out: logging in is one tap away from any page, and so is the language. */}
        <Show when={session()} fallback={
          <div class="site-header__guest">
            <A href="/login" class="button button--small">{t("nav.login")}</A>
            <LanguageSwitch />
          </div>
        }>
          <MenuSheet ctx={ctx} />
        </Show>
      </div>
      <Show when={session()}>
        <TabBar ctx={ctx} />
      </Show>
    </header>
  );
}
