// On the network's home page: the next three events and a link to the agenda.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { valueOf } from "../components/Notice.tsx";
import { t } from "../i18n/index.ts";
import { eventsApi } from "./api.ts";
import { EventCard } from "./EventCard.tsx";
import "./events.css";

export function NetworkEvents(props: { slug: string }) {
  const [events] = createResource(() => props.slug, (slug) => eventsApi.agenda(slug).then((r) => r.events.slice(0, 3)).catch(() => []));
  return (
    <section class="card" aria-labelledby="next-events">
      <h2 id="next-events">{t("events.agenda")}</h2>
      <Show when={(valueOf(events) ?? []).length > 0} fallback={<p>{t("events.none")}</p>}>
        <ul class="event-list"><For each={valueOf(events)}>{(e) => <EventCard event={e} />}</For></ul>
      </Show>
      <p><A class="button" href={`/n/${props.slug}/agenda`}>{t("events.agenda")}</A></p>
    </section>
  );
}
