// The method's usual tasks, offered until the group has added them.
import { For, Show } from "solid-js";
import { lang, t } from "../i18n/index.ts";
import type { StarterTask } from "./api.ts";
import { categoryName } from "./TaskCard.tsx";

export function StarterSet(props: { starters: StarterTask[]; open: boolean; onPick: (starter: StarterTask) => void }) {
  return (
    <Show when={props.starters.length}>
      <details class="card starter-set" open={props.open}>
        <summary><h2>{t("tasks.starters")}</h2></summary>
        <p>{t("tasks.startersIntro")}</p>
        <ul class="item-list">
          <For each={props.starters}>
            {(s) => (
              <li class="item">
                <div class="item__main">
                  <p class="item__title">{s.title[lang()]}</p>
                  <p class="muted">{categoryName(s.category)}</p>
                </div>
                <button type="button" class="button button--small" aria-label={t("tasks.starterAddLabel", { title: s.title[lang()] })} onClick={() => props.onPick(s)}>
                  {t("tasks.starterAdd")}
                </button>
              </li>
            )}
          </For>
        </ul>
      </details>
    </Show>
  );
}
