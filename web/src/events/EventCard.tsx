// One event in a list: date, title, kind, place, places left, my answer.
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { t, tn, type MessageKey } from "../i18n/index.ts";
import { placeLine, when } from "./api.ts";
import type { EventItem } from "./types.ts";

export const kindName = (kind: EventItem["kind"]) => t(`events.kind.${kind}` as MessageKey);

export function EventCard(props: { event: EventItem; showNetwork?: boolean }) {
  const e = () => props.event;
  return (
    <li class="card event-card" classList={{ "event-card--cancelled": e().cancelled }}>
      <p class="event-card__when">{when(e().startsAt, e().endsAt)}</p>
      <h3><A href={`/n/${e().network.slug}/e/${e().id}`}>{e().title}</A></h3>
      <p class="event-card__facts">
        <span>{kindName(e().kind)}</span>
        <Show when={props.showNetwork}><span>{e().network.name}</span></Show>
        <span>{placeLine(e())}</span>
        <Show when={e().cancelled}><strong>{t("events.cancelled")}</strong></Show>
        <Show when={!e().cancelled && e().remaining !== null}>
          <span>{e().remaining === 0 ? t("events.full") : tn("events.places", e().remaining!)}</span>
        </Show>
        <Show when={e().myStatus}>{(status) => <strong>{t(`events.rsvp.${status() === "waiting" ? "going" : status()}` as MessageKey)}{status() === "waiting" ? " ⏳" : ""}</strong>}</Show>
      </p>
    </li>
  );
}
