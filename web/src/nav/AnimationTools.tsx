import { A } from "@solidjs/router";
import { For } from "solid-js";
import { t } from "../i18n/index.ts";
import { animationEntries } from "./entries.ts";

/** The animation group's tools, as tiles (from the one list in entries.ts). */
export function AnimationTools(props: { slug: string }) {
  return (
    <ul class="link-list">
      <For each={animationEntries}>
        {(entry) => (
          <li>
            <A href={`/n/${props.slug}${entry.path}`} class="link-tile">
              <strong>{t(entry.label)}</strong>
              <span>{t(entry.text)}</span>
            </A>
          </li>
        )}
      </For>
    </ul>
  );
}
