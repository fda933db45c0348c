import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, For, on, Show, type Accessor } from "solid-js";
import { Icon } from "../components/Icon.tsx";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { t } from "../i18n/index.ts";
import { instance, logout, session } from "../session.ts";
import { useCurrentPath, useVisibleEntries } from "./context.ts";
import { isCurrent, type NavContext } from "./entries.ts";

/** « Menu »: every place, the person's networks, the language and logging out, on one full screen. */
export function MenuSheet(props: { ctx: Accessor<NavContext> }) {
  let dialog!: HTMLDialogElement;
  const navigate = useNavigate();
  const location = useLocation();
  const path = useCurrentPath();
  const entries = useVisibleEntries(() => props.ctx());
  const networks = () => session()?.memberships ?? [];

  // Following a link closes the menu.
  createEffect(on(() => location.pathname, () => dialog.open && dialog.close(), { defer: true }));

  const leave = async () => {
    dialog.close();
    await logout();
    navigate("/", { replace: true });
  };

  return (
    <>
      <button type="button" class="menu-button" aria-haspopup="dialog" onClick={() => dialog.showModal()}>
        <Icon name="menu" />
        <span>{t("nav.menu")}</span>
      </button>
      <dialog ref={dialog} class="menu-sheet" aria-labelledby="menu-title">
        <div class="menu-sheet__top">
          <h2 id="menu-title">{t("nav.menu")}</h2>
          <button type="button" class="button button--small" onClick={() => dialog.close()}>{t("nav.close")}</button>
        </div>
        <nav aria-label={t("nav.all")}>
          <ul class="menu-sheet__list">
            <For each={entries()}>
              {({ entry, href }) => (
                <li>
                  <A href={href} aria-current={isCurrent(entry, path(), href) ? "page" : undefined} activeClass="" inactiveClass="">
                    {t(entry.label)}
                  </A>
                </li>
              )}
            </For>
          </ul>
          <Show when={networks().length > 1}>
            <h3 id="menu-networks">{t("nav.networks")}</h3>
            <ul class="menu-sheet__list" aria-labelledby="menu-networks">
              <For each={networks()}>
                {(m) => (
                  <li>
                    <A href={`/n/${m.network.slug}`} aria-current={path() === `/n/${m.network.slug}` ? "page" : undefined} activeClass="" inactiveClass="">
                      {m.network.name}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </nav>
        <LanguageSwitch />
        <Show when={session()}>
          {(current) => (
            <div class="menu-sheet__account">
              <p>
                {t("nav.loggedInAs", { name: current().member.displayName })}
                <Show when={instance()?.name}>{(name) => <><br /><span class="muted">{name()}</span></>}</Show>
              </p>
              <button type="button" class="button" onClick={leave}>{t("nav.logout")}</button>
            </div>
          )}
        </Show>
      </dialog>
    </>
  );
}
