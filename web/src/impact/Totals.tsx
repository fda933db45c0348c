// A network's totals for a period (a published report, the public summary).
import { For } from "solid-js";
import { tableLabels } from "../../../server/domain/impact/labels.ts";
import type { Totals } from "../../../server/domain/impact/shape.ts";
import { lang } from "../i18n/index.ts";

const formatCount = (n: number) => n.toLocaleString(lang() === "fr" ? "fr-FR" : "en-GB");

/** What everyone sees of a published report's figures: the year's totals. */
export function TotalsList(props: { totals: Totals }) {
  const labels = () => tableLabels[lang()];
  const keys = ["members", "households", "newMembers", "activeMembers", "offersPosted", "exchanges", "eventsHeld", "going", "resourcesPublished"] as const;
  return (
    <ul class="key-figures">
      <For each={keys}>
        {(key) => (
          <li class="key-figure">
            <strong class="key-figure__value">{formatCount(props.totals[key])}</strong>
            <span class="key-figure__label">{labels()[`measure.${key}`]}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
