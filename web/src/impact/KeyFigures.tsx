// The few figures a person reads first, each beside the previous period's.
import { For } from "solid-js";
import type { ImpactFigures, Pair } from "../../../server/domain/impact/shape.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { formatCount } from "./FigureTables.tsx";

export function KeyFigures(props: { figures: ImpactFigures }) {
  const f = () => props.figures;
  const items = (): [MessageKey, Pair][] => [
    ["impact.key.members", f().members.total],
    ["impact.key.households", f().households.total],
    ["impact.key.newMembers", f().members.new],
    ["impact.key.active", f().members.active],
    ["impact.key.offers", { current: f().offers.offers.current + f().offers.requests.current, previous: f().offers.offers.previous + f().offers.requests.previous }],
    ["impact.key.exchanges", f().exchanges.done],
    ["impact.key.thanks", f().exchanges.thanks],
    ["impact.key.events", f().events.held],
    ["impact.key.going", f().events.going],
  ];
  return (
    <ul class="key-figures">
      <For each={items()}>
        {([key, pair]) => (
          <li class="key-figure">
            <strong class="key-figure__value">{formatCount(pair.current)}</strong>
            <span class="key-figure__label">{t(key)}</span>
            <span class="key-figure__previous">{t("impact.previous", { count: formatCount(pair.previous) })}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
