// The animation group's toolkit on the network page: one click each to the
// figures, the yearly report, the task board and the printed pages.
import { A } from "@solidjs/router";
import { For } from "solid-js";
import { t, type MessageKey } from "../i18n/index.ts";

const links = [
  ["impact", "impact"],
  ["report", "report"],
  ["tasks", "tasks"],
  ["poster", "print/poster"],
  ["offers", "print/offers"],
  ["agenda", "print/agenda"],
] as const;

/** List items, to sit in the animators' list of links. */
export function ToolkitLinks(props: { slug: string }) {
  return (
    <For each={links}>
      {([key, path]) => (
        <li>
          <A href={`/n/${props.slug}/${path}`} class="link-tile">
            <strong>{t(`toolkit.${key}` as MessageKey)}</strong>
            <span>{t(`toolkit.${key}Text` as MessageKey)}</span>
          </A>
        </li>
      )}
    </For>
  );
}
