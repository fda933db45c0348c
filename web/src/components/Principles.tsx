import { For } from "solid-js";
import { t, type MessageKey } from "../i18n/index.ts";

const principles = ["gratuite", "reciprocite", "neutralite", "tranquillite"] as const;

/** The four principles every member accepts, each in one sentence. */
export function Principles() {
  return (
    <ul class="principles">
      <For each={principles}>
        {(name) => (
          <li class="principle">
            <strong class="principle__name">{t(`principle.${name}` as MessageKey)}</strong>
            <span>{t(`principle.${name}Text` as MessageKey)}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
