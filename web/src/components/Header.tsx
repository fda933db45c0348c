import { A, useMatch, useNavigate } from "@solidjs/router";
import { createEffect, For, Show } from "solid-js";
import { t } from "../i18n/index.ts";
import { unreadTotal, watchUnread } from "../notifications.ts";
import { instance, logout, session } from "../session.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

export function Header() {
  const navigate = useNavigate();
  const inNetwork = useMatch(() => "/n/:slug/*");

  // The network's name inside a network, else the app's, with the instance's address under it.
  const title = () => {
    const slug = inNetwork()?.params.slug;
    const membership = session()?.memberships.find((m) => m.network.slug === slug);
    return membership?.network.name ?? t("app.name");
  };
  const titleHref = () => (inNetwork() ? `/n/${inNetwork()!.params.slug}` : "/");

  createEffect(() => watchUnread(!!session()));

  const leave = async () => {
    await logout();
    navigate("/", { replace: true });
  };

  return (
    <header class="site-header no-print">
      <a class="skip-link" href="#main">{t("app.skip")}</a>
      <div class="site-header__top">
        <A href={titleHref()} class="brand" end>
          <span class="brand__mark" aria-hidden="true">◍</span>
          <span class="brand__text">
            {title()}
            <Show when={instance()?.name}>
              {(name) => <small class="brand__instance">{name()}</small>}
            </Show>
          </span>
        </A>
        <LanguageSwitch />
      </div>
      <nav aria-label={t("nav.label")} class="site-nav">
        <Show when={session()} fallback={<ul><li><A href="/login">{t("nav.login")}</A></li></ul>}>
          {(current) => (
            <div class="site-nav__links">
              {/* Members of several networks switch between them here. */}
              <Show when={current().memberships.length}>
                <div class="site-nav__networks">
                  <Show when={current().memberships.length > 1}>
                    <span class="site-nav__label" aria-hidden="true">{t("nav.networks")}</span>
                  </Show>
                  <ul aria-label={t("nav.networks")}>
                    <For each={current().memberships}>
                      {(m) => <li><A href={`/n/${m.network.slug}`}>{m.network.name}</A></li>}
                    </For>
                  </ul>
                </div>
              </Show>
              <ul>
                <li><A href="/feed" end>{t("nav.feed")}</A></li>
                <li>
                  <A href="/me/notifications" end>
                    {t("nav.notifications")}
                    <Show when={unreadTotal() > 0}>
                      {" "}<span class="count-badge">{unreadTotal()}<span class="visually-hidden"> — {t("nav.unread", { count: unreadTotal() })}</span></span>
                    </Show>
                  </A>
                </li>
                <li><A href="/me/events" end>{t("nav.myEvents")}</A></li>
                <li><A href="/me" end>{t("nav.me")}</A></li>
                <Show when={current().member.isAdmin}>
                  <li><A href="/admin/networks">{t("nav.admin")}</A></li>
                </Show>
              </ul>
            </div>
          )}
        </Show>
        <Show when={session()}>
          {(current) => (
            <div class="site-nav__account">
              <span class="who">{t("nav.loggedInAs", { name: current().member.displayName })}</span>
              <button type="button" class="button button--small" onClick={leave}>{t("nav.logout")}</button>
            </div>
          )}
        </Show>
      </nav>
    </header>
  );
}
